package io.streamnlp.server;

import static io.streamnlp.server.TestServers.TOKEN;
import static io.streamnlp.server.TestServers.get;
import static io.streamnlp.server.TestServers.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.registry.ModelVersion;
import io.streamnlp.server.TestServers.Answer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/enrich} and its refusals, on a real model behind a real HTTP server. */
@Timeout(120)
class EnrichmentServerTest {

    @TempDir
    static Path temp;

    private static EnrichmentServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        ModelVersion v1 = SmallModels.register(store, temp, 1f);
        store.setAlias(SmallModels.MODEL, "champion", v1.version());
        server = EnrichmentServer.start(TestServers.config(store, Map.of("server.max-text-chars", "200")));
        server.awaitReady(TestServers.READY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oneTextIsEnrichedAsAnEnrichedEvent() throws Exception {
        Answer answer = post(HTTP, server, "/v1/enrich", "{\"text\": \"Where is my parcel? It is late.\"}", TOKEN);

        assertEquals(200, answer.status(), answer.body());
        JsonNode result = answer.json().path("results").get(0);
        assertEquals(
                "Where is my parcel? It is late.",
                result.path("event").path("text").asText());
        assertEquals("default", result.path("event").path("tenant").asText());
        JsonNode category = result.path("classifications").get(0);
        assertEquals("category", category.path("task").asText());
        assertEquals("billing", category.path("label").asText(), "the bias favours the first label");
        assertEquals(2, category.path("top_k").size());
        assertEquals(SmallModels.MODEL, category.path("model").path("name").asText());
        assertEquals("1", category.path("model").path("version").asText());
        assertTrue(result.path("summary").path("text").asText().length() > 0);
        assertTrue(result.path("entities_model").isNull(), "the model has no NER task");
        assertEquals(1, result.path("batch_size").asInt());
        assertTrue(result.path("moderation").isNull(), "no policy, no decision");
    }

    @Test
    void manyTextsAndTextEventsAreEnrichedInOrder() throws Exception {
        Answer texts = post(HTTP, server, "/v1/enrich", "{\"texts\": [\"first\", \"second\", \"third\"]}", TOKEN);
        assertEquals(200, texts.status(), texts.body());
        assertEquals(3, texts.json().path("results").size());
        assertEquals(
                "third",
                texts.json().path("results").get(2).path("event").path("text").asText());

        Answer events = post(HTTP, server, "/v1/enrich", """
                [{"id": "t-1", "tenant": "acme", "text": "refund please", "attributes": {"channel": "mail"}},
                 {"id": "t-2", "tenant": "acme", "source": "chat", "text": "where is my order", "created_at": 5}]
                """, TOKEN);
        assertEquals(200, events.status(), events.body());
        JsonNode second = events.json().path("results").get(1).path("event");
        assertEquals("t-2", second.path("id").asText());
        assertEquals("chat", second.path("source").asText());
        assertEquals(5, second.path("created_at").asLong());
        assertEquals(
                "mail",
                events.json()
                        .path("results")
                        .get(0)
                        .path("event")
                        .path("attributes")
                        .path("channel")
                        .asText());
    }

    @Test
    void malformedJsonIs400WithAJsonError() throws Exception {
        Answer answer = post(HTTP, server, "/v1/enrich", "{\"text\": ", TOKEN);

        assertEquals(400, answer.status());
        assertEquals(400, answer.json().path("status").asInt());
        assertTrue(answer.json().path("error").asText().startsWith("malformed JSON"), answer.body());
        assertEquals(
                400, post(HTTP, server, "/v1/enrich", "{\"text\": 3}", TOKEN).status());
        assertEquals(
                400,
                post(HTTP, server, "/v1/enrich", "{\"txt\": \"typo\"}", TOKEN).status());
    }

    @Test
    void aMissingOrWrongTokenIs401() throws Exception {
        Answer missing = post(HTTP, server, "/v1/enrich", "{\"text\": \"hello\"}", null);
        Answer wrong = post(HTTP, server, "/v1/enrich", "{\"text\": \"hello\"}", "not-the-token");

        assertEquals(401, missing.status());
        assertEquals(401, missing.json().path("status").asInt());
        assertEquals(401, wrong.status());
        assertEquals(401, get(HTTP, server, "/metrics", null).status());
        assertEquals(200, get(HTTP, server, "/healthz", null).status(), "liveness needs no token");
    }

    @Test
    void aTextOverTheLimitIs413() throws Exception {
        Answer answer =
                post(HTTP, server, "/v1/enrich", "{\"texts\": [\"short\", \"" + "x".repeat(201) + "\"]}", TOKEN);

        assertEquals(413, answer.status());
        assertEquals(413, answer.json().path("status").asInt());
        assertTrue(answer.json().path("error").asText().contains("text 1"), answer.body());
    }

    @Test
    void metricsCountRequestsByCodeAndBatches() throws Exception {
        post(HTTP, server, "/v1/enrich", "{\"text\": \"count me\"}", TOKEN);
        post(HTTP, server, "/v1/enrich", "not json", TOKEN);

        String metrics = get(HTTP, server, "/metrics", TOKEN).body();

        assertTrue(metrics.contains("streamnlp_api_requests_total{code=\"200\"}"), metrics);
        assertTrue(metrics.contains("streamnlp_api_errors_total{code=\"400\"}"), metrics);
        assertTrue(metrics.contains("streamnlp_api_queue_depth 0"), metrics);
        assertTrue(metrics.contains("streamnlp_api_batch_size_count"), metrics);
        assertTrue(metrics.contains("streamnlp_api_request_duration_seconds_bucket{le=\"+Inf\"}"), metrics);
        assertTrue(metrics.contains("streamnlp_api_model_info{name=\"support\",version=\"1\""), metrics);
    }

    /** A queue of one text, its inference thread held before its batch: the next request finds the queue full. */
    @Test
    void aFullQueueIs429() throws Exception {
        ModelStore store = ModelStore.open(temp.resolve("registry"));
        try (EnrichmentServer small =
                EnrichmentServer.start(TestServers.config(store, Map.of("server.queue-capacity", "1")))) {
            small.awaitReady(TestServers.READY);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            small.beforeBatch(() -> {
                held.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(HTTP, small, "/v1/enrich", "{\"text\": \"first in line\"}", TOKEN);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(held.await(60, TimeUnit.SECONDS), "the first request reached the inference thread");

            Answer refused = post(HTTP, small, "/v1/enrich", "{\"text\": \"no room\"}", TOKEN);
            release.countDown();

            assertEquals(429, refused.status(), refused.body());
            assertEquals(429, refused.json().path("status").asInt());
            assertNotNull(refused.json().path("error").asText());
            assertEquals(200, first.get(60, TimeUnit.SECONDS).status());
        }
    }
}
