package io.streamnlp.cli.serve;

import io.streamnlp.config.ConfigException;
import io.streamnlp.config.ConfigSources;
import io.streamnlp.server.EnrichmentServer;
import io.streamnlp.server.ServerConfig;
import io.streamnlp.server.ServerOptions;
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
 * {@code streamnlp serve [--config FILE]... [--key value]...}: the enrichment HTTP API (docs/api.md) until
 * stopped (SIGTERM, Ctrl-C).
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the enrichment HTTP API (POST /v1/enrich) with the model the job serves, following the registry.",
            "Any key of docs/api.md can be given as --key value, e.g. --model.ref support@champion."
        })
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "Properties file (repeatable; later files win over earlier ones).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: 127.0.0.1).")
    String bind;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: 8095).")
    Integer port;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File holding the bearer token (default: $STREAMNLP_API_TOKEN; none on loopback).")
    Path tokenFile;

    @Unmatched
    List<String> overrides = new ArrayList<>();

    /** The settings the command would run with: the files, then the environment, then the arguments. */
    ServerConfig config() {
        try {
            Map<String, String> keyValues =
                    new LinkedHashMap<>(ConfigSources.parse(overrides).overrides());
            if (bind != null) {
                keyValues.put(ServerOptions.BIND.key(), bind);
            }
            if (port != null) {
                keyValues.put(ServerOptions.PORT.key(), port.toString());
            }
            if (tokenFile != null) {
                keyValues.put(ServerOptions.TOKEN_FILE.key(), tokenFile.toString());
            }
            return ServerConfig.of(
                    ConfigSources.resolve(ServerOptions.ALL, configs, System.getenv(), keyValues), System.getenv());
        } catch (ConfigException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() {
        ServerConfig config = config();
        CountDownLatch stopped = new CountDownLatch(1);
        try (EnrichmentServer server = EnrichmentServer.start(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "serve-shutdown"));
            spec.commandLine()
                    .getOut()
                    .println("serving " + config.model() + " at " + server.baseUri()
                            + (config.token() == null ? " (no token)" : " (bearer token required)"));
            spec.commandLine().getOut().flush();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
