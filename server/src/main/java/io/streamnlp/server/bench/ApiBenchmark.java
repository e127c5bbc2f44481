package io.streamnlp.server.bench;

import io.streamnlp.bundle.Json;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.bench.InferenceBenchmark;
import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.server.EnrichmentServer;
import io.streamnlp.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Drives an {@link EnrichmentServer} with concurrent closed-loop clients, one text per request, over a corpus, and
 * compares its throughput with the inference limit: the same bundle's token-budget batches run back to back with
 * no HTTP in between ({@link InferenceBenchmark#budgetBatches}, the path of {@code bench inference}). The two
 * alternate over chunks of the corpus, after one warm-up chunk each, so that the load of other processes on a
 * shared machine hits both alike. A last, open-loop run sends at half the measured throughput and reports its p99.
 */
public final class ApiBenchmark {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The limit and the API alternate over this many chunks of the corpus, so that load changes hit both alike. */
    public static final int ROUNDS = 4;

    private ApiBenchmark() {}

    /**
     * @param bundleDir the directory of the version the server serves, loaded again here for the limit
     * @param config the server's settings; the server is started and stopped here
     */
    public static ApiBenchmarkReport run(
            ServerConfig config, Path bundleDir, String model, List<String> corpus, int clients) throws Exception {
        if (clients < 1 || corpus.size() < ROUNDS * clients) {
            throw new IllegalArgumentException("need clients >= 1 and at least " + ROUNDS + " x clients texts, got "
                    + clients + " and " + corpus.size());
        }
        List<List<String>> chunks = chunks(corpus);
        long limitNanos = 0;
        long[] nanos = new long[0];
        int[] batchSizes = new int[0];
        long apiNanos = 0;
        Latencies openLoop;
        try (NlpPipeline pipeline = NlpPipeline.load(bundleDir, config.inference());
                EnrichmentServer server = EnrichmentServer.start(config)) {
            server.awaitReady(Duration.ofMinutes(10));
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI enrich = URI.create(server.baseUri() + "/v1/enrich");
            String token = config.token();
            inferenceNanos(pipeline, config.batching(), chunks.get(0));
            closedLoop(http, enrich, token, chunks.get(0), clients);
            for (List<String> chunk : chunks) {
                limitNanos += inferenceNanos(pipeline, config.batching(), chunk);
                Latencies round = closedLoop(http, enrich, token, chunk, clients);
                apiNanos += round.wallNanos();
                nanos = concat(nanos, round.nanos());
                batchSizes = concat(batchSizes, round.batchSizes());
            }
            double tps = corpus.size() / (apiNanos / 1e9);
            openLoop = openLoop(http, enrich, token, corpus, tps / 2);
        }
        Latencies closedLoop = new Latencies(nanos, batchSizes, apiNanos);
        double limit = corpus.size() / (limitNanos / 1e9);
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
                closedLoop.meanBatchSize(),
                openLoop.throughput(),
                openLoop.percentileMillis(99));
    }

    /** Wall time of a chunk's token-budget batches run back to back on the bundle, no HTTP in between. */
    static long inferenceNanos(NlpPipeline pipeline, BatcherConfig batching, List<String> texts) {
        List<List<TokenizedText>> batches = InferenceBenchmark.budgetBatches(texts, pipeline.encoder(), batching);
        long start = System.nanoTime();
        batches.forEach(pipeline::predictTokenized);
        return System.nanoTime() - start;
    }

    private static List<List<String>> chunks(List<String> corpus) {
        List<List<String>> chunks = new ArrayList<>(ROUNDS);
        int size = corpus.size() / ROUNDS;
        for (int r = 0; r < ROUNDS; r++) {
            chunks.add(corpus.subList(r * size, r == ROUNDS - 1 ? corpus.size() : (r + 1) * size));
        }
        return chunks;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Latencies closedLoop(HttpClient http, URI enrich, String token, List<String> texts, int clients)
            throws Exception {
        long[] nanos = new long[texts.size()];
        int[] batchSizes = new int[texts.size()];
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
                        nanos[i] = System.nanoTime() - sent;
                        batchSizes[i] = batchSize(response);
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
        return new Latencies(nanos, batchSizes, System.nanoTime() - start);
    }

    /** Sends at a fixed rate whatever the answers, as independent users do, so that queueing shows in latency. */
    private static Latencies openLoop(HttpClient http, URI enrich, String token, List<String> texts, double rate)
            throws Exception {
        long[] nanos = new long[texts.size()];
        int[] batchSizes = new int[texts.size()];
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
                                            batchSizes[index] = batchSize(response);
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
        return new Latencies(nanos, batchSizes, System.nanoTime() - start);
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

    /** The size of the batch the answer's one text rode in. */
    private static int batchSize(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the server answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return Json.MAPPER
                    .readTree(response.body())
                    .path("results")
                    .get(0)
                    .path("batch_size")
                    .asInt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per-request latencies, the batch sizes the texts rode in, and the wall time of the run. */
    private record Latencies(long[] nanos, int[] batchSizes, long wallNanos) {
        double meanBatchSize() {
            return Arrays.stream(batchSizes).average().orElse(0);
        }

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
