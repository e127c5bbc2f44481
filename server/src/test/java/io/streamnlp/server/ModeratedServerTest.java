package io.streamnlp.server;

import static io.streamnlp.server.TestServers.TOKEN;
import static io.streamnlp.server.TestServers.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.config.ConfigException;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.server.TestServers.Answer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server decides every answer by its moderation policy, as the job decides its records. */
@Timeout(120)
class ModeratedServerTest {
    private static final String POLICY = """
            {"name": "support", "version": 7, "audit_sample_rate": 0,
             "tenants": {
               "default": {"thresholds": {"category": {"billing": {"review": 0.5}}}, "blocklist": ["chargeback"]},
               "acme": {"thresholds": {"category": {"billing": {"review": 0.99}}}}}}
            """;

    @TempDir
    Path temp;

    @Test
    void answersCarryThePolicysDecision() throws Exception {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1 = SmallModels.register(store, temp, 1f);
        store.setAlias(SmallModels.MODEL, "champion", v1.version());
        Path policy = Files.writeString(temp.resolve("policy.json"), POLICY);
        HttpClient http = HttpClient.newHttpClient();

        try (EnrichmentServer server = EnrichmentServer.start(
                TestServers.config(store, Map.of("server.moderation-policy", policy.toString())))) {
            server.awaitReady(TestServers.READY);
            Answer answer = post(http, server, "/v1/enrich", """
                    {"events": [
                      {"id": "1", "text": "Where is my parcel?"},
                      {"id": "2", "text": "I will file a Chargeback today"},
                      {"id": "3", "tenant": "acme", "text": "Where is my parcel?"}]}
                    """, TOKEN);

            assertEquals(200, answer.status(), answer.body());
            JsonNode results = answer.json().path("results");
            JsonNode review = results.get(0).path("moderation");
            assertEquals("REVIEW", review.path("action").asText(), review.toString());
            assertEquals(
                    "tenants.default.thresholds.category.billing.review",
                    review.path("rule").asText());
            assertEquals("support", review.path("policy_name").asText());
            assertEquals(7, review.path("policy_version").asLong());
            assertEquals(false, review.path("audit_sampled").asBoolean());
            JsonNode block = results.get(1).path("moderation");
            assertEquals("BLOCK", block.path("action").asText(), block.toString());
            assertEquals("tenants.default.blocklist", block.path("rule").asText());
            JsonNode allow = results.get(2).path("moderation");
            assertEquals("ALLOW", allow.path("action").asText(), "acme's own, higher threshold: " + allow);
            assertTrue(allow.path("rule").isNull(), allow.toString());
        }
    }

    @Test
    void aNewerPolicyVersionInTheFileChangesDecisionsWithoutARestart() throws Exception {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1 = SmallModels.register(store, temp, 1f);
        store.setAlias(SmallModels.MODEL, "champion", v1.version());
        Path policy = Files.writeString(temp.resolve("policy.json"), POLICY);
        HttpClient http = HttpClient.newHttpClient();
        String request = "{\"events\": [{\"id\": \"1\", \"text\": \"Where is my parcel?\"}]}";

        try (EnrichmentServer server = EnrichmentServer.start(TestServers.config(
                store,
                Map.of(
                        "server.moderation-policy",
                        policy.toString(),
                        "server.moderation-policy-check-interval",
                        "10ms")))) {
            server.awaitReady(TestServers.READY);
            assertEquals(
                    "REVIEW", decision(http, server, request).path("action").asText());

            Files.writeString(
                    temp.resolve("next.json"),
                    POLICY.replace("\"version\": 7", "\"version\": 8").replace("\"review\": 0.5}", "\"block\": 0.5}"));
            Files.move(temp.resolve("next.json"), policy, StandardCopyOption.REPLACE_EXISTING);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            JsonNode decision = decision(http, server, request);
            while (decision.path("policy_version").asLong() != 8 && System.nanoTime() < deadline) {
                decision = decision(http, server, request);
            }
            assertEquals(8, decision.path("policy_version").asLong(), decision.toString());
            assertEquals("BLOCK", decision.path("action").asText(), decision.toString());
            assertEquals(
                    "tenants.default.thresholds.category.billing.block",
                    decision.path("rule").asText());
        }
    }

    private static JsonNode decision(HttpClient http, EnrichmentServer server, String request) throws Exception {
        Answer answer = post(http, server, "/v1/enrich", request, TOKEN);
        assertEquals(200, answer.status(), answer.body());
        return answer.json().path("results").get(0).path("moderation");
    }

    @Test
    void anInvalidPolicyStopsTheServerAtStartUpNamingTheOption() throws Exception {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        Path policy = Files.writeString(temp.resolve("policy.json"), "{\"name\": \"support\"}");

        ConfigException e = assertThrows(
                ConfigException.class,
                () -> TestServers.config(store, Map.of("server.moderation-policy", policy.toString())));

        assertTrue(e.getMessage().startsWith("server.moderation-policy: "), e.getMessage());
    }
}
