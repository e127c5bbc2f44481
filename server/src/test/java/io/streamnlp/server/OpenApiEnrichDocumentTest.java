package io.streamnlp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamnlp.bundle.Json;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.server.TestServers.Answer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/openapi-enrich.yaml honest, as OpenApiDocumentTest does for the registry's: every documented
 * operation is served, needs the token exactly when documented so, answers its example with 200, and the fields of
 * an enriched event are the documented ones.
 */
@Timeout(120)
class OpenApiEnrichDocumentTest {
    private static final Path DOCUMENT = Path.of("..", "docs", "openapi-enrich.yaml");

    @TempDir
    Path temp;

    @Test
    void everyDocumentedOperationIsServedAsDocumented() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1 = SmallModels.register(store, temp, 1f);
        store.setAlias(SmallModels.MODEL, "champion", v1.version());
        HttpClient http = HttpClient.newHttpClient();
        List<String> checked = new ArrayList<>();
        try (EnrichmentServer server = EnrichmentServer.start(TestServers.config(store, Map.of()))) {
            server.awaitReady(TestServers.READY);
            for (var path : (Iterable<Map.Entry<String, JsonNode>>) spec.path("paths")::fields) {
                for (String method : List.of("get", "post", "put", "delete")) {
                    JsonNode operation = path.getValue().path(method);
                    if (operation.isMissingNode()) {
                        continue;
                    }
                    String verb = method.toUpperCase(Locale.ROOT);
                    String name = verb + " " + path.getKey();
                    JsonNode security = operation.has("security") ? operation.get("security") : spec.get("security");
                    String body = example(operation);
                    if (!security.isEmpty()) {
                        assertError(401, TestServers.send(http, server, verb, path.getKey(), body, null), name);
                        assertError(401, TestServers.send(http, server, verb, path.getKey(), body, "wrong"), name);
                    }
                    Answer answer = TestServers.send(http, server, verb, path.getKey(), body, TestServers.TOKEN);
                    assertEquals(200, answer.status(), name + ": " + answer.body());
                    assertTrue(operation.path("responses").has("200"), name + " documents 200");
                    if (path.getKey().equals("/v1/enrich")) {
                        assertDocumentedFields(
                                spec, answer.json().path("results").get(0));
                    }
                    checked.add(name);
                }
            }
            assertError(400, TestServers.post(http, server, "/v1/enrich", "[", TestServers.TOKEN), "malformed");
        }
        assertEquals(List.of("GET /healthz", "GET /readyz", "GET /metrics", "POST /v1/enrich"), checked);
    }

    private static String example(JsonNode operation) throws Exception {
        JsonNode example = operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("example");
        return example.isMissingNode() ? null : Json.MAPPER.writeValueAsString(example);
    }

    private static void assertError(int status, Answer answer, String name) {
        assertEquals(status, answer.status(), name);
        assertEquals(status, answer.json().path("status").asInt(), name + ": " + answer.body());
        assertTrue(answer.json().path("error").isTextual(), name + ": " + answer.body());
    }

    private static void assertDocumentedFields(JsonNode spec, JsonNode enriched) {
        JsonNode schemas = spec.path("components").path("schemas");
        assertEquals(fields(schemas.path("EnrichedEvent").path("properties")), fields(enriched));
        assertEquals(fields(schemas.path("TextEvent").path("properties")), fields(enriched.path("event")));
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
