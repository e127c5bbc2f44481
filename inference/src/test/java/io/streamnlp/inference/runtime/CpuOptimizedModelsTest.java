package io.streamnlp.inference.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import io.streamnlp.bundle.HeadGraphWriter;
import io.streamnlp.bundle.LinearHead;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.testing.TestEncoders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(180)
class CpuOptimizedModelsTest {

    @Test
    void theEncoderServesAFusedCopyAtBothPrecisionsAndMakesItOnce(@TempDir Path cache) throws Exception {
        Path fp32 = EncoderFiles.builtinMiniLm(TestEncoders.options().modelCacheDir(), 128)
                .model();
        Path int8 = Int8Models.of(fp32, cache);
        for (Path source : new Path[] {fp32, int8}) {
            Path fused = CpuOptimizedModels.of(source, cache);
            assertTrue(fused.startsWith(cache.resolve(CpuOptimizedModels.DIRECTORY)), fused.toString());
            OnnxMl.GraphProto graph = OnnxGraphs.read(fused).getGraph();
            // the embeddings' and two per layer
            assertEquals(13, TestGraphs.count(graph, "SkipLayerNormalization"), source.toString());
            assertEquals(0, TestGraphs.count(graph, "LayerNormalization"));
            var written = Files.getLastModifiedTime(fused);
            assertEquals(fused, CpuOptimizedModels.of(source, cache));
            assertEquals(written, Files.getLastModifiedTime(fused), "the second call reuses the copy");
        }
        assertEquals(
                Optional.empty(),
                GraphProbe.disagreement(fp32, CpuOptimizedModels.of(fp32, cache), CpuOptimizedModels.FP32_TOLERANCE));
    }

    @Test
    void aDamagedCopyInTheCacheIsDroppedAndTheFileItselfServed(@TempDir Path cache) throws Exception {
        Path fp32 = EncoderFiles.builtinMiniLm(TestEncoders.options().modelCacheDir(), 128)
                .model();
        Path fused = CpuOptimizedModels.of(fp32, cache);
        byte[] bytes = Files.readAllBytes(fused);
        Files.write(fused, Arrays.copyOf(bytes, bytes.length / 2));
        InferenceOptions options =
                TestEncoders.options().toBuilder().modelCacheDir(cache).build();
        try (var model = OnnxModels.load(fp32, options)) {
            assertEquals(
                    List.of("input_ids", "attention_mask", "token_type_ids"),
                    model.describeInput().keys());
        }
        assertFalse(Files.exists(fused), "the damaged copy is gone");
        assertEquals(fused, CpuOptimizedModels.of(fp32, cache), "and made again by the next load");
    }

    @Test
    void aGraphWithNothingToFuseIsServedAsItIsAndRemembered(@TempDir Path dir) throws Exception {
        Path head = HeadGraphWriter.write(new LinearHead(new float[][] {{1}}, new float[] {0}), dir.resolve("h.onnx"));
        Path cache = dir.resolve("cache");
        assertEquals(head, CpuOptimizedModels.of(head, cache));
        assertEquals(List.of("h.unchanged"), files(cache));
        assertEquals(head, CpuOptimizedModels.of(head, cache));
    }

    @Test
    void aFusedCopyThatComputesSomethingElseIsRefusedAndTheSourceServed(@TempDir Path dir) throws Exception {
        Path source = TestGraphs.write(dir, "broadcast", SkipLayerNormFusionTest.residualNorm("ReduceMean", "b"));
        Path cache = dir.resolve("cache");
        assertEquals(source, CpuOptimizedModels.of(source, cache));
        assertEquals(List.of("broadcast.unchanged"), files(cache));
        Path marker;
        try (Stream<Path> all = Files.walk(cache)) {
            marker = all.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        assertTrue(Files.readString(marker).contains("fused copy refused"), Files.readString(marker));
    }

    @Test
    void aCacheThatCannotBeWrittenLeavesTheSourceServed(@TempDir Path dir) throws Exception {
        Path source = TestGraphs.write(dir, "residual", SkipLayerNormFusionTest.residualNorm("Neg", "b"));
        Path notADirectory = Files.writeString(dir.resolve("cache"), "a file where the cache directory should be");
        assertEquals(source, CpuOptimizedModels.of(source, notADirectory));
    }

    @Test
    void aFileOnnxRuntimeCannotLoadIsLeftForTheLoaderToReport(@TempDir Path dir) throws Exception {
        byte[] head = Files.readAllBytes(HeadGraphWriter.write(
                new LinearHead(new float[][] {{1}}, new float[] {0}), dir.resolve("h.onnx")));
        Path truncated = Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(head, head.length / 2));
        Path cache = dir.resolve("cache");
        assertEquals(truncated, CpuOptimizedModels.of(truncated, cache));
        assertEquals(
                List.of(), Files.exists(cache) ? files(cache) : List.of(), "nothing cached: the next load tries again");
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .toList();
        }
    }
}
