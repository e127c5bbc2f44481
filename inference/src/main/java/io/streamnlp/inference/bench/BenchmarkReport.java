package io.streamnlp.inference.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamnlp.bundle.Json;

/**
 * The figures of one {@link InferenceBenchmark} run; {@link #toJson()} prints the object that
 * {@code streamnlp bench inference --json} prints. Throughputs are texts per second.
 */
@JsonPropertyOrder(alphabetic = false)
public record BenchmarkReport(
        @JsonProperty("single_task_tps") double singleTaskTps,
        @JsonProperty("multi_task_tps") double multiTaskTps,
        @JsonProperty("multi_task_cost_ratio") double multiTaskCostRatio,
        @JsonProperty("batch1_tps") double batch1Tps,
        @JsonProperty("fixed_batch_tps") double fixedBatchTps,
        @JsonProperty("token_budget_tps") double tokenBudgetTps,
        @JsonProperty("token_budget_speedup") double tokenBudgetSpeedup,
        @JsonProperty("device") String device,
        @JsonProperty("threads") int threads,
        @JsonProperty("heads") String heads,
        @JsonProperty("bundle") String bundle,
        @JsonProperty("texts") int texts,
        @JsonProperty("seed") long seed,
        @JsonProperty("tokens_mean") double tokensMean,
        @JsonProperty("tokens_min") int tokensMin,
        @JsonProperty("tokens_max") int tokensMax,
        @JsonProperty("fixed_batch_padded_tokens") long fixedBatchPaddedTokens,
        @JsonProperty("token_budget_padded_tokens") long tokenBudgetPaddedTokens,
        @JsonProperty("fixed_batch_size") int fixedBatchSize,
        @JsonProperty("max_batch_tokens") int maxBatchTokens,
        @JsonProperty("max_batch_size") int maxBatchSize,
        @JsonProperty("max_length") int maxLength,
        @JsonProperty("encoder_45tok_batch8_tps") double encoder45TokBatch8Tps,
        @JsonProperty("raw_ort_45tok_batch8_tps") double rawOrt45TokBatch8Tps,
        @JsonProperty("encoder_vs_raw_ort") double encoderVsRawOrt,
        @JsonProperty("multi_task_cpu_cost_ratio") double multiTaskCpuCostRatio,
        @JsonProperty("precision") String precision,
        @JsonProperty("fp32_multi_task_tps") double fp32MultiTaskTps,
        @JsonProperty("speedup_vs_fp32") double speedupVsFp32,
        @JsonProperty("quality_delta_max") Double qualityDeltaMax) {

    /**
     * This report with the largest quality change against fp32 recorded for the measured bundle's tasks
     * (0 at fp32; null when none is recorded). It is measured by {@code eval}, not by the benchmark.
     */
    public BenchmarkReport withQualityDeltaMax(Double delta) {
        return new BenchmarkReport(
                singleTaskTps,
                multiTaskTps,
                multiTaskCostRatio,
                batch1Tps,
                fixedBatchTps,
                tokenBudgetTps,
                tokenBudgetSpeedup,
                device,
                threads,
                heads,
                bundle,
                texts,
                seed,
                tokensMean,
                tokensMin,
                tokensMax,
                fixedBatchPaddedTokens,
                tokenBudgetPaddedTokens,
                fixedBatchSize,
                maxBatchTokens,
                maxBatchSize,
                maxLength,
                encoder45TokBatch8Tps,
                rawOrt45TokBatch8Tps,
                encoderVsRawOrt,
                multiTaskCpuCostRatio,
                precision,
                fp32MultiTaskTps,
                speedupVsFp32,
                delta);
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(rounded());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise benchmark report", e);
        }
    }

    private BenchmarkReport rounded() {
        return new BenchmarkReport(
                r(singleTaskTps),
                r(multiTaskTps),
                r3(multiTaskCostRatio),
                r(batch1Tps),
                r(fixedBatchTps),
                r(tokenBudgetTps),
                r3(tokenBudgetSpeedup),
                device,
                threads,
                heads,
                bundle,
                texts,
                seed,
                r(tokensMean),
                tokensMin,
                tokensMax,
                fixedBatchPaddedTokens,
                tokenBudgetPaddedTokens,
                fixedBatchSize,
                maxBatchTokens,
                maxBatchSize,
                maxLength,
                r(encoder45TokBatch8Tps),
                r(rawOrt45TokBatch8Tps),
                r3(encoderVsRawOrt),
                r3(multiTaskCpuCostRatio),
                precision,
                r(fp32MultiTaskTps),
                r3(speedupVsFp32),
                qualityDeltaMax == null ? null : r4(qualityDeltaMax));
    }

    private static double r(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double r3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double r4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
