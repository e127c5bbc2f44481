package io.streamnlp.inference.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.inference.batch.BatcherConfig;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.encoder.TokenizedText;
import io.streamnlp.inference.pipeline.NlpPipeline;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.inference.testing.TestEncoders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class InferenceBenchmarkTest {

    private final SharedEncoder encoder = TestEncoders.miniLm();

    @Test
    void corpusIsDeterministicAndMixesLengths() {
        List<String> a = BenchmarkCorpus.generate(200, 3);
        assertEquals(a, BenchmarkCorpus.generate(200, 3));
        int[] words = a.stream().mapToInt(t -> t.split(" ").length).sorted().toArray();
        assertTrue(words[0] >= BenchmarkCorpus.MIN_WORDS && words[words.length - 1] <= BenchmarkCorpus.MAX_WORDS);
        assertTrue(words[20] < 20 && words[180] > 120, "log-uniform lengths: short and long texts both common");
    }

    @Test
    void budgetPlanCoversEveryTextOnceWithLessPadding() {
        List<String> corpus = BenchmarkCorpus.generate(64, 5);
        BatcherConfig config = new BatcherConfig(2048, 64, 0, 1024, new int[] {16, 32, 64, 128, 256});
        List<List<TokenizedText>> plan = InferenceBenchmark.budgetBatches(corpus, encoder, config);
        List<String> flat = new ArrayList<>();
        plan.forEach(batch -> batch.forEach(t -> flat.add(t.text())));
        assertEquals(corpus.size(), flat.size());
        assertTrue(flat.containsAll(corpus));
        long budgetPadding = padded(plan);
        long fixedPadding = padded(InferenceBenchmark.tokenized(InferenceBenchmark.fixedBatches(corpus, 32), encoder));
        assertTrue(budgetPadding < fixedPadding, budgetPadding + " vs " + fixedPadding);
    }

    @Test
    void reportHasEveryKey(@TempDir Path dir) throws Exception {
        UntrainedBundle.write(dir, encoder);
        try (NlpPipeline pipeline = NlpPipeline.loadTasks(dir, encoder, TestEncoders.options())) {
            var settings =
                    new InferenceBenchmark.Settings(6, 1, 4, new BatcherConfig(512, 8, 0, 64, new int[] {64, 256}), 8);
            JsonNode json = new ObjectMapper()
                    .readTree(
                            InferenceBenchmark.run(pipeline, TestEncoders.options(), settings, "untrained", "generated")
                                    .toJson());
            for (String key : List.of(
                    "single_task_tps",
                    "multi_task_tps",
                    "multi_task_cost_ratio",
                    "batch1_tps",
                    "fixed_batch_tps",
                    "token_budget_tps",
                    "token_budget_speedup",
                    "device",
                    "threads",
                    "heads",
                    "encoder_vs_raw_ort",
                    "precision",
                    "fp32_multi_task_tps",
                    "speedup_vs_fp32",
                    "quality_delta_max")) {
                assertTrue(json.has(key), key);
            }
            assertEquals("fp32", json.get("precision").asText());
            assertEquals(
                    json.get("multi_task_tps").asDouble(),
                    json.get("fp32_multi_task_tps").asDouble());
            assertEquals(1.0, json.get("speedup_vs_fp32").asDouble());
            assertTrue(json.get("quality_delta_max").isNull(), "recorded by eval, not measured here");
            assertTrue(json.get("multi_task_tps").asDouble() > 0);
            assertEquals("cpu", json.get("device").asText());
            assertEquals("untrained", json.get("heads").asText());
            assertEquals(6, json.get("texts").asInt());
        }
    }

    @Test
    void int8IsMeasuredBesideFp32InTheSameRun(@TempDir Path dir) throws Exception {
        UntrainedBundle.write(dir, encoder);
        InferenceOptions int8Options = TestEncoders.options().withPrecision(Precision.INT8);
        try (NlpPipeline int8 = NlpPipeline.load(dir, int8Options);
                NlpPipeline fp32 = NlpPipeline.loadTasks(dir, encoder, TestEncoders.options())) {
            var settings =
                    new InferenceBenchmark.Settings(8, 1, 4, new BatcherConfig(512, 8, 0, 64, new int[] {64, 256}), 8);
            BenchmarkReport report = InferenceBenchmark.run(int8, fp32, int8Options, settings, "untrained", "generated")
                    .withQualityDeltaMax(0.0195);
            JsonNode json = new ObjectMapper().readTree(report.toJson());
            assertEquals("int8", json.get("precision").asText());
            assertTrue(json.get("fp32_multi_task_tps").asDouble() > 0);
            assertEquals(
                    report.multiTaskTps() / report.fp32MultiTaskTps(), report.speedupVsFp32(), 1e-9, "one run's ratio");
            assertEquals(0.0195, json.get("quality_delta_max").asDouble());
        }
    }

    @Test
    void aPipelineAtInt8NeedsItsFp32Twin(@TempDir Path dir) throws Exception {
        UntrainedBundle.write(dir, encoder);
        InferenceOptions int8Options = TestEncoders.options().withPrecision(Precision.INT8);
        try (NlpPipeline int8 = NlpPipeline.load(dir, int8Options)) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> InferenceBenchmark.run(
                            int8, int8Options, InferenceBenchmark.Settings.defaults(), "untrained", "generated"));
        }
    }

    private static long padded(List<List<TokenizedText>> batches) {
        long total = 0;
        for (List<TokenizedText> b : batches) {
            total += (long) b.size()
                    * b.stream().mapToInt(TokenizedText::tokenCount).max().orElse(0);
        }
        return total;
    }
}
