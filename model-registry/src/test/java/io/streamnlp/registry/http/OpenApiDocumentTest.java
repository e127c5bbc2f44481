package io.streamnlp.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.RegistrationRequest;
import io.streamnlp.registry.TestModels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Keeps docs/openapi.yaml honest: every documented operation exists, and needs the token exactly when documented so. */
@Timeout(30)
class OpenApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");
    private static final Map<String, String> EXAMPLES = Map.of(
            "{name}", "support", "{version}", "1", "{alias}", "champion", "{path}", "bundle.json", "{ref}", "support");

    @TempDir
    Path temp;

    @Test
    void everyDocumentedOperationIsServedWithTheDocumentedSecurity() throws Exception {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        store.register(
                "support",
                TestModels.bundle(temp.resolve("bundle"), "a"),
                RegistrationRequest.builder().build());
        store.setAlias("support", "champion", 1);
        HttpClient http = HttpClient.newHttpClient();
        List<String> checked = new ArrayList<>();
        try (RegistryHttpServer server = RegistryHttpServer.start(
                store, RegistryServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "secret"))) {
            for (var path : (Iterable<Map.Entry<String, JsonNode>>) spec.path("paths")::fields) {
                String concrete = path.getKey();
                for (var example : EXAMPLES.entrySet()) {
                    concrete = concrete.replace(example.getKey(), example.getValue());
                }
                for (String method : List.of("get", "post", "put", "delete")) {
                    JsonNode operation = path.getValue().path(method);
                    if (operation.isMissingNode()) {
                        continue;
                    }
                    URI uri = URI.create(server.baseUri() + concrete);
                    String name = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
                    if (operation.has("security")) {
                        assertEquals(401, send(http, uri, method, null), name + " without a token");
                        assertEquals(403, send(http, uri, method, "wrong"), name + " with a wrong token");
                    } else {
                        assertEquals(200, send(http, uri, method, null), name);
                    }
                    checked.add(name);
                }
            }
        }
        assertTrue(checked.size() >= 13, "operations checked: " + checked);
    }

    private static int send(HttpClient http, URI uri, String method, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(method.toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofString("{\"version\": 1}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
