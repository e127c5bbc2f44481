package io.streamnlp.cli.registry;

import io.streamnlp.cli.service.StopSignals;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.events.ModelEventPublisher;
import io.streamnlp.registry.http.RegistryHttpServer;
import io.streamnlp.registry.http.RegistryServerConfig;
import io.streamnlp.registry.http.UploadLimits;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve the registry directory over HTTP (docs/openapi.yaml) until interrupted.")
final class ServeCommand extends RegistrySubcommand {

    @Option(
            names = "--port",
            required = true,
            paramLabel = "P",
            description = "Port to listen on (0 picks a free one).")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String bind;

    @Option(
            names = "--request-timeout",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "Longest a client may take to send a request or read its answer (default: ${DEFAULT-VALUE}).")
    int requestTimeoutSeconds;

    @Option(
            names = "--max-upload-mb",
            paramLabel = "MB",
            defaultValue = "512",
            description =
                    "Largest upload archive accepted, in MiB (default: ${DEFAULT-VALUE}); it may unpack to 4x that.")
    int maxUploadMb;

    @Mixin
    EventOptions events;

    @Override
    int execute() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be within 0..65535, got " + port);
        }
        if (requestTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--request-timeout must be at least 1 second");
        }
        if (maxUploadMb < 1) {
            throw new ParameterException(spec.commandLine(), "--max-upload-mb must be at least 1");
        }
        if (location.token == null || location.token.isBlank()) {
            throw new ParameterException(
                    spec.commandLine(), "serve needs --token T (or $STREAMNLP_REGISTRY_TOKEN) to guard writes");
        }
        long maxUpload = (long) maxUploadMb << 20;
        RegistryServerConfig config = RegistryServerConfig.of(new InetSocketAddress(bind, port), location.token)
                .withUploadLimits(new UploadLimits(maxUpload, 4 * maxUpload, 10_000))
                .withRequestTimeout(Duration.ofSeconds(requestTimeoutSeconds));
        // alias moves load the version first, so that no job is pointed at a model it cannot serve
        ModelStore store = ModelStore.open(
                location.localDirectory(), Clock.systemUTC(), location.withBound(ServingLoadCheck.INSTANCE));
        ModelEventPublisher publisher = events.enabled() ? events.open() : null;
        if (publisher != null) {
            // seed or repair the compacted topic, then follow every change
            int sent = publisher.publishSnapshot(store);
            store.addListener(publisher);
            out().println("published " + sent + " model events to " + publisher.topic());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (RegistryHttpServer server = RegistryHttpServer.start(store, config)) {
            // the registry loads models to check them: closed here, not in a shutdown hook (StopSignals)
            StopSignals.install("registry serve", stopped);
            out().println("serving " + store.root() + " at " + server.baseUri());
            out().flush();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (publisher != null) {
                publisher.close();
            }
        }
        return 0;
    }
}
