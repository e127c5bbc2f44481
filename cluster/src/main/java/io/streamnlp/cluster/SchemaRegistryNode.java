package io.streamnlp.cluster;

import io.streamnlp.localstack.ApicurioRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's Apicurio registry, run as a cluster process: unlike {@link ApicurioRegistry} it
 * does not die with the JVM that started it, so that {@code cluster up} can return.
 */
final class SchemaRegistryNode {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final int port;
    private final ManagedProcess process;

    private SchemaRegistryNode(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Starts the registry (extracting the distribution from the local Maven repository on first use). */
    static SchemaRegistryNode launch(JvmLauncher launcher, Path home) {
        Path dist = ApicurioRegistry.install(ApicurioRegistry.DEFAULT_VERSION, null, home);
        int port = JvmLauncher.freePort();
        List<String> options = new ArrayList<>(Arrays.asList(ApicurioRegistry.DEFAULT_JAVA_OPTS.split(" ")));
        options.add("-Dquarkus.http.host=127.0.0.1");
        options.add("-Dquarkus.http.port=" + port);
        ManagedProcess process = launcher.start(
                "schema-registry",
                null,
                options,
                List.of("-jar", runnerJar(dist).toString()));
        return new SchemaRegistryNode(port, process);
    }

    String confluentUrl() {
        return "http://127.0.0.1:" + port + ApicurioRegistry.CCOMPAT_PATH;
    }

    ManagedProcess process() {
        return process;
    }

    void awaitReady() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ClusterException("the schema registry exited; see " + process.logFile());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(250);
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while waiting for the schema registry", e);
            }
        }
        throw new ClusterException("the schema registry was not ready after " + START_TIMEOUT.toSeconds() + " s; see "
                + process.logFile());
    }

    private static Path runnerJar(Path dist) {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(dist, "*-runner.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new ClusterException("cannot list " + dist + ": " + e, e);
        }
        throw new ClusterException("no Apicurio runner jar in " + dist);
    }
}
