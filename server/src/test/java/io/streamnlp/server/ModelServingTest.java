package io.streamnlp.server;

import static io.streamnlp.server.TestServers.TOKEN;
import static io.streamnlp.server.TestServers.get;
import static io.streamnlp.server.TestServers.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.config.ConfigException;
import io.streamnlp.config.Settings;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.server.TestServers.Answer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Readiness, the hot swap and a failed load, as the server follows the model registry; the bind rule. */
@Timeout(180)
class ModelServingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ENRICH = "{\"text\": \"my invoice is wrong\"}";

    @TempDir
    Path temp;

    @Test
    void readyOnceTheModelIsRegisteredLoadedAndWarmed() throws Exception {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        try (EnrichmentServer server = EnrichmentServer.start(TestServers.config(store, Map.of()))) {
            assertEquals(200, get(HTTP, server, "/healthz", null).status());
            Answer loading = get(HTTP, server, "/readyz", TOKEN);
            assertEquals(503, loading.status(), "nothing is registered yet");
            assertEquals(503, post(HTTP, server, "/v1/enrich", ENRICH, TOKEN).status());

            ModelVersion v1 = SmallModels.register(store, temp, 1f);
            store.setAlias(SmallModels.MODEL, "champion", v1.version());
            server.awaitReady(TestServers.READY);

            assertEquals(200, get(HTTP, server, "/readyz", TOKEN).status());
            assertEquals(200, post(HTTP, server, "/v1/enrich", ENRICH, TOKEN).status());
        }
    }

    @Test
    void aNewChampionIsSwappedInAndAnUnloadableOneKeepsTheOld() throws Exception {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1 = SmallModels.register(store, temp, 1f);
        store.setAlias(SmallModels.MODEL, "champion", v1.version());
        try (EnrichmentServer server = EnrichmentServer.start(TestServers.config(store, Map.of()))) {
            server.awaitReady(TestServers.READY);
            assertEquals("1", servedVersion(server));
            assertEquals("billing", label(server));

            ModelVersion v2 = SmallModels.register(store, temp, -1f);
            store.setAlias(SmallModels.MODEL, "champion", v2.version());
            awaitVersion(server, "2");
            assertEquals("shipping", label(server), "v2's bias favours the second label");

            ModelVersion broken = SmallModels.registerUnloadable(store, temp);
            store.setAlias(SmallModels.MODEL, "champion", broken.version());
            awaitMetric(server, "streamnlp_api_model_load_failures_total 1");
            assertEquals("2", servedVersion(server));
        }
    }

    @Test
    void aServerWithoutATokenListensOnLoopbackOnly() {
        Map<String, String> open = Map.of("server.bind", "0.0.0.0", "model.registry.dir", temp.toString());
        ConfigException refused = assertThrows(
                ConfigException.class, () -> ServerConfig.of(new Settings(ServerOptions.ALL, open), Map.of()));
        assertTrue(refused.getMessage().contains("without a token"), refused.getMessage());

        ServerConfig withToken =
                ServerConfig.of(new Settings(ServerOptions.ALL, open), Map.of("STREAMNLP_API_TOKEN", "t"));
        assertEquals("t", withToken.token());
        ServerConfig loopback = ServerConfig.of(
                new Settings(ServerOptions.ALL, Map.of("model.registry.dir", temp.toString())), Map.of());
        assertTrue(loopback.bind().getAddress().isLoopbackAddress());
    }

    private static String servedVersion(EnrichmentServer server) throws Exception {
        Answer answer = post(HTTP, server, "/v1/enrich", ENRICH, TOKEN);
        assertEquals(200, answer.status(), answer.body());
        return answer.json()
                .path("results")
                .get(0)
                .path("classifications")
                .get(0)
                .path("model")
                .path("version")
                .asText();
    }

    private static String label(EnrichmentServer server) throws Exception {
        return post(HTTP, server, "/v1/enrich", ENRICH, TOKEN)
                .json()
                .path("results")
                .get(0)
                .path("classifications")
                .get(0)
                .path("label")
                .asText();
    }

    /** Asks until the answers carry {@code version}; bounded by the test's timeout and this deadline. */
    private static void awaitVersion(EnrichmentServer server, String version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!servedVersion(server).equals(version)) {
            assertTrue(System.nanoTime() < deadline, "version " + version + " never served");
        }
    }

    private static void awaitMetric(EnrichmentServer server, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!get(HTTP, server, "/metrics", TOKEN).body().contains(line)) {
            assertTrue(System.nanoTime() < deadline, line + " never reported");
        }
    }
}
