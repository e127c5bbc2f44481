package io.streamnlp.server.bench;

import io.streamnlp.bundle.Json;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.bench.InferenceBenchmark;
import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.server.EnrichmentServer;
import io.streamnlp.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives a running {@link EnrichmentServer} with concurrent clients, one text per request, over a corpus, and
 * compares its throughput with the inference limit: the same bundle's token-budget batches run back to back with
 * no HTTP in between ({@link InferenceBenchmark#budgetBatches}, the path of {@code bench inference}), measured
 * before and after the API run, the better of the two kept so that a noisy moment does not flatter the API.
 * A second, open-loop run sends at half the measured throughput and reports its p99.
 */
public final class ApiBenchmark {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private ApiBenchmark() {}

    /**
     * @param bundleDir the directory of the version the server serves, loaded again here for the limit
     * @param config the server's settings; the server is started and stopped here
     */
    public static ApiBenchmarkReport run(
            ServerConfig config, Path bundleDir, String model, List<String> corpus, int clients) throws Exception {
        if (clients < 1) {
            throw new IllegalArgumentException("clients must be >= 1, got " + clients);
        }
        double limitBefore = inferenceLimit(bundleDir, config, corpus);
        Latencies closedLoop;
        Latencies openLoop;
        try (EnrichmentServer server = EnrichmentServer.start(config)) {
            server.awaitReady(Duration.ofMinutes(10));
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI enrich = URI.create(server.baseUri() + "/v1/enrich");
            String token = config.token();
            closedLoop(http, enrich, token, corpus.subList(0, Math.min(corpus.size(), 4 * clients)), clients);
            closedLoop = closedLoop(http, enrich, token, corpus, clients);
            openLoop = openLoop(http, enrich, token, corpus, closedLoop.throughput() / 2);
        }
        double limitAfter = inferenceLimit(bundleDir, config, corpus);
        double limit = Math.max(limitBefore, limitAfter);
        return new ApiBenchmarkReport(
                model,
                clients,
                corpus.size(),
                config.inference().intraOpThreads(),
                config.batching().maxBatchTokens(),
                config.batching().maxWaitMillis(),
                closedLoop.throughput(),
                closedLoop.percentileMillis(50),
                closedLoop.percentileMillis(99),
                limit,
                closedLoop.throughput() / limit,
                openLoop.throughput(),
                openLoop.percentileMillis(99));
    }

    /** Texts per second of the bundle's token-budget batches, back to back, after one warm-up pass. */
    static double inferenceLimit(Path bundleDir, ServerConfig config, List<String> corpus) {
        try (NlpPipeline pipeline = NlpPipeline.load(bundleDir, config.inference())) {
            BatcherConfig batching = config.batching();
            List<List<TokenizedText>> batches = InferenceBenchmark.budgetBatches(corpus, pipeline.encoder(), batching);
            batches.forEach(pipeline::predictTokenized);
            long start = System.nanoTime();
            batches.forEach(pipeline::predictTokenized);
            return corpus.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Latencies closedLoop(HttpClient http, URI enrich, String token, List<String> texts, int clients)
            throws Exception {
        long[] nanos = new long[texts.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        HttpResponse<String> response =
                                http.send(request(enrich, token, texts.get(i)), HttpResponse.BodyHandlers.ofString());
                        requireOk(response);
                        nanos[i] = System.nanoTime() - sent;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Latencies(nanos, System.nanoTime() - start);
    }

    /** Sends at a fixed rate whatever the answers, as independent users do, so that queueing shows in latency. */
    private static Latencies openLoop(HttpClient http, URI enrich, String token, List<String> texts, double rate)
            throws Exception {
        long[] nanos = new long[texts.size()];
        List<CompletableFuture<Void>> answers = new ArrayList<>(texts.size());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        try {
            for (int i = 0; i < texts.size(); i++) {
                int index = i;
                CompletableFuture<Void> answered = new CompletableFuture<>();
                answers.add(answered);
                clock.schedule(
                        () -> {
                            long sent = System.nanoTime();
                            http.sendAsync(
                                            request(enrich, token, texts.get(index)),
                                            HttpResponse.BodyHandlers.ofString())
                                    .whenComplete((response, failure) -> {
                                        if (failure != null) {
                                            answered.completeExceptionally(failure);
                                            return;
                                        }
                                        nanos[index] = System.nanoTime() - sent;
                                        try {
                                            requireOk(response);
                                            answered.complete(null);
                                        } catch (RuntimeException e) {
                                            answered.completeExceptionally(e);
                                        }
                                    });
                        },
                        index * periodNanos,
                        TimeUnit.NANOSECONDS);
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(REQUEST_TIMEOUT.toSeconds() + texts.size() * periodNanos / 1_000_000_000L, TimeUnit.SECONDS);
        } finally {
            clock.shutdownNow();
        }
        return new Latencies(nanos, System.nanoTime() - start);
    }

    private static HttpRequest request(URI enrich, String token, String text) {
        HttpRequest.Builder request = HttpRequest.newBuilder(enrich)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        Json.MAPPER.createObjectNode().put("text", text).toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private static void requireOk(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the server answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Per-request latencies and the wall time of the run. */
    private record Latencies(long[] nanos, long wallNanos) {
        double throughput() {
            return nanos.length / (wallNanos / 1e9);
        }

        double percentileMillis(int p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
