package io.streamnlp.cli.serve;

import io.streamnlp.cli.console.ConsoleCommand;
import io.streamnlp.cli.registry.ServingLoadCheck;
import io.streamnlp.cli.service.ServiceCommand;
import io.streamnlp.config.Settings;
import io.streamnlp.console.ConsoleConfig;
import io.streamnlp.console.ConsoleOptions;
import io.streamnlp.console.ConsoleServer;
import io.streamnlp.server.EnrichmentServer;
import io.streamnlp.server.ServerConfig;
import io.streamnlp.server.ServerOptions;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code streamnlp serve [--console] [--config FILE]... [--key value]...}: the enrichment HTTP API (docs/api.md),
 * and with {@code --console} the web console beside it (docs/console.md), until stopped (SIGTERM, Ctrl-C).
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

    @Option(
            names = "--console",
            description = "Serve the web console (docs/console.md) in this process too, with its own console.* keys:"
                    + " 127.0.0.1:8090 and the token of console.token-file or $STREAMNLP_CONSOLE_TOKEN by default.")
    boolean console;

    /** The settings the command would run with: the files, then the environment, then the arguments. */
    Settings settings() {
        return resolve(
                console ? ServerOptions.ALL.plus(ConsoleOptions.ALL) : ServerOptions.ALL,
                shortcut(ServerOptions.BIND, bind),
                shortcut(ServerOptions.PORT, port),
                shortcut(ServerOptions.TOKEN_FILE, tokenFile));
    }

    ServerConfig config() {
        Settings resolved = settings();
        return validated(() -> ServerConfig.of(resolved, System.getenv()));
    }

    @Override
    public Integer call() {
        Settings resolved = settings();
        ServerConfig config = validated(() -> ServerConfig.of(resolved, System.getenv()));
        ConsoleConfig consoleConfig = console ? validated(() -> ConsoleConfig.of(resolved, System.getenv())) : null;
        try (EnrichmentServer server = EnrichmentServer.start(config);
                ConsoleServer consoleServer = consoleConfig == null
                        ? null
                        : ConsoleServer.start(consoleConfig, config.registry().open(ServingLoadCheck.INSTANCE))) {
            String api = "serving " + config.model() + " at " + server.baseUri()
                    + (config.token() == null ? " (no token)" : " (bearer token required)");
            if (consoleServer == null) {
                serveUntilStopped(api);
            } else {
                serveUntilStopped(api, ConsoleCommand.banner(consoleServer, consoleConfig));
            }
        }
        return 0;
    }
}
