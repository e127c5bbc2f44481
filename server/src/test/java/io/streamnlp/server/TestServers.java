package io.streamnlp.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.bundle.Json;
import io.streamnlp.config.Settings;
import io.streamnlp.registry.ModelStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Servers on a free loopback port following {@code support@champion}, and a client for them. */
final class TestServers {
    static final String TOKEN = "test-token";
    static final Duration READY = Duration.ofSeconds(60);

    private TestServers() {}

    static ServerConfig config(ModelStore store, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("server.port", "0");
        settings.put("model.registry.dir", store.root().toString());
        settings.put("model.ref", SmallModels.MODEL + "@champion");
        settings.put("model.poll-interval", "100ms");
        settings.put("inference.intra-op-threads", "1");
        settings.putAll(overrides);
        return ServerConfig.of(new Settings(ServerOptions.ALL, settings), Map.of("STREAMNLP_API_TOKEN", TOKEN));
    }

    /** A response's status and its body as JSON (null when the body is not JSON). */
    record Answer(int status, JsonNode json, String body) {}

    static Answer post(HttpClient http, EnrichmentServer server, String path, String body, String token)
            throws IOException, InterruptedException {
        return send(http, server, "POST", path, body, token);
    }

    static Answer get(HttpClient http, EnrichmentServer server, String path, String token)
            throws IOException, InterruptedException {
        return send(http, server, "GET", path, null, token);
    }

    static Answer send(HttpClient http, EnrichmentServer server, String method, String path, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json(response.body()), response.body());
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
