package io.streamnlp.cli.serve;

import io.streamnlp.cli.service.ServiceCommand;
import io.streamnlp.config.Settings;
import io.streamnlp.server.EnrichmentServer;
import io.streamnlp.server.ServerConfig;
import io.streamnlp.server.ServerOptions;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
public final class ServeCommand extends ServiceCommand {

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on (default: 127.0.0.1).")
    String bind;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: 8095).")
    Integer port;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "File holding the bearer token (default: $STREAMNLP_API_TOKEN; none on loopback).")
    Path tokenFile;

    /** The settings the command would run with: the files, then the environment, then the arguments. */
    ServerConfig config() {
        Settings resolved = resolve(
                ServerOptions.ALL,
                shortcut(ServerOptions.BIND, bind),
                shortcut(ServerOptions.PORT, port),
                shortcut(ServerOptions.TOKEN_FILE, tokenFile));
        return validated(() -> ServerConfig.of(resolved, System.getenv()));
    }

    @Override
    public Integer call() {
        ServerConfig config = config();
        try (EnrichmentServer server = EnrichmentServer.start(config)) {
            serveUntilStopped("serving " + config.model() + " at " + server.baseUri()
                    + (config.token() == null ? " (no token)" : " (bearer token required)"));
        }
        return 0;
    }
}
