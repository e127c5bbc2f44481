package io.streamnlp.cli.console;

import io.streamnlp.cli.registry.ServingLoadCheck;
import io.streamnlp.config.ConfigException;
import io.streamnlp.config.ConfigSources;
import io.streamnlp.config.Settings;
import io.streamnlp.console.ConsoleConfig;
import io.streamnlp.console.ConsoleOptions;
import io.streamnlp.console.ConsoleServer;
import io.streamnlp.registry.ModelRegistryLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code streamnlp console [--config FILE]... [--key value]...}: the web console (docs/console.md) until stopped
 * (SIGTERM, Ctrl-C).
 */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the web console: live output, drift, models (promote, roll back), dead letters, review queue.",
            "Any key of docs/console.md can be given as --key value, e.g. --kafka.bootstrap.servers host:9092."
        })
public final class ConsoleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file (repeatable; later files win over earlier ones).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: 8090).")
    Integer port;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File holding the token for changes (default: $STREAMNLP_CONSOLE_TOKEN; none: read-only).")
    Path tokenFile;

    @Unmatched
    List<String> overrides = new ArrayList<>();

    /** The settings the command would run with: the files, then the environment, then the arguments. */
    Settings settings() {
        try {
            Map<String, String> keyValues =
                    new LinkedHashMap<>(ConfigSources.parse(overrides).overrides());
            if (port != null) {
                keyValues.put(ConsoleOptions.PORT.key(), port.toString());
            }
            if (tokenFile != null) {
                keyValues.put(ConsoleOptions.TOKEN_FILE.key(), tokenFile.toString());
            }
            return ConfigSources.resolve(ConsoleOptions.ALL, configs, System.getenv(), keyValues);
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    ConsoleConfig config(Settings settings) {
        try {
            return ConsoleConfig.of(settings, System.getenv());
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() {
        Settings settings = settings();
        ConsoleConfig config = config(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        try (ConsoleServer console =
                ConsoleServer.start(config, ModelRegistryLocation.of(settings).open(ServingLoadCheck.INSTANCE))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "console-shutdown"));
            spec.commandLine()
                    .getOut()
                    .println("console at " + console.baseUri()
                            + (config.writable()
                                    ? " (open it as " + console.baseUri() + "#token=<token> to make changes)"
                                    : " (read-only: no token)"));
            spec.commandLine().getOut().flush();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
