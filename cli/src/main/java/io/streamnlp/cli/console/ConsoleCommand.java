package io.streamnlp.cli.console;

import io.streamnlp.cli.registry.ServingLoadCheck;
import io.streamnlp.cli.service.ServiceCommand;
import io.streamnlp.config.Settings;
import io.streamnlp.console.ConsoleConfig;
import io.streamnlp.console.ConsoleOptions;
import io.streamnlp.console.ConsoleServer;
import io.streamnlp.registry.ModelRegistryLocation;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
public final class ConsoleCommand extends ServiceCommand {

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: 8090).")
    Integer port;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File holding the token for changes (default: $STREAMNLP_CONSOLE_TOKEN; none: read-only).")
    Path tokenFile;

    /** The settings the command would run with: the files, then the environment, then the arguments. */
    Settings settings() {
        return resolve(
                ConsoleOptions.ALL,
                shortcut(ConsoleOptions.PORT, port),
                shortcut(ConsoleOptions.TOKEN_FILE, tokenFile));
    }

    ConsoleConfig config(Settings resolved) {
        return validated(() -> ConsoleConfig.of(resolved, System.getenv()));
    }

    @Override
    public Integer call() {
        Settings resolved = settings();
        ConsoleConfig config = config(resolved);
        ModelRegistryLocation registry = validated(() -> ModelRegistryLocation.of(resolved));
        try (ConsoleServer console = ConsoleServer.start(config, registry.open(ServingLoadCheck.INSTANCE))) {
            serveUntilStopped(banner(console, config));
        }
        return 0;
    }

    /** Where the console is, and how to open it for changes. */
    public static String banner(ConsoleServer console, ConsoleConfig config) {
        return "console at " + console.baseUri()
                + (config.writable()
                        ? " (open it as " + console.baseUri() + "#token=<token> to make changes)"
                        : " (read-only: no token)");
    }
}
