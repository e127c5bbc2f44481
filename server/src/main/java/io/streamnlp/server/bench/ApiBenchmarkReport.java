package io.streamnlp.server.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamnlp.bundle.Json;

/**
 * The figures of {@link ApiBenchmark}: throughput and latency of the API under {@code clients} closed-loop
 * clients, the inference limit of the same bundle, their ratio ({@code efficiency}), and the p99 of an open-loop
 * run at half the API's throughput.
 */
public record ApiBenchmarkReport(
        String model,
        int clients,
        int texts,
        int threads,
        int maxBatchTokens,
        long maxDelayMs,
        double tps,
        double p50Ms,
        double p99Ms,
        double inferenceLimitTps,
        double efficiency,
        double meanBatchSize,
        double halfLoadTps,
        double halfLoadP99Ms) {

    public String toJson() {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("model", model);
        json.put("clients", clients);
        json.put("texts", texts);
        json.put("threads", threads);
        json.put("max_batch_tokens", maxBatchTokens);
        json.put("max_delay_ms", maxDelayMs);
        json.put("tps", round(tps));
        json.put("p50_ms", round(p50Ms));
        json.put("p99_ms", round(p99Ms));
        json.put("inference_limit_tps", round(inferenceLimitTps));
        json.put("efficiency", Math.round(efficiency * 1000) / 1000.0);
        json.put("mean_batch_size", round(meanBatchSize));
        json.put("half_load_tps", round(halfLoadTps));
        json.put("half_load_p99_ms", round(halfLoadP99Ms));
        return json.toString();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
