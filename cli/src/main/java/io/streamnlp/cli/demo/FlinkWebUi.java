package io.streamnlp.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * Finds the port the MiniCluster's web UI took within the range it was given: the one whose REST API
 * knows the demo's job. The local environment does not report the port it bound.
 */
final class FlinkWebUi {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private FlinkWebUi() {}

    static OptionalInt port(String host, int from, int to, String jobId) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
        for (int port = from; port <= to; port++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/jobs/" + jobId))
                    .timeout(PROBE_TIMEOUT)
                    .build();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return OptionalInt.of(port);
                }
            } catch (IOException e) {
                // nothing, or something else, listens there
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return OptionalInt.empty();
    }
}
