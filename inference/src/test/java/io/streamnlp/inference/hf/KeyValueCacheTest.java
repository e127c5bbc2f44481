package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** decoder_with_past_model.onnx must give the ids the plain decoder gives, greedy and with beams reordering the cache. */
@Timeout(120)
class KeyValueCacheTest {

    private static final List<String> TEXTS = List.of(
            "my order 12345 never arrived and nobody answers my emails",
            "refund please",
            "great support, thanks to Anna from the London office!");

    @Test
    void cachedDecodingGivesTheSameIdsAsRereadingThePrefix(@TempDir Path dir) throws IOException {
        Path plainDir = ToySeq2SeqExport.write(dir.resolve("plain"), false, 1f);
        Path cachedDir = ToySeq2SeqExport.write(dir.resolve("cached"), true, 1f);
        try (HfSeq2SeqGenerator plain = HfSeq2SeqGenerator.load(plainDir, Fixtures.OPTIONS);
                HfSeq2SeqGenerator cached = HfSeq2SeqGenerator.load(cachedDir, Fixtures.OPTIONS)) {
            assertFalse(plain.usesKeyValueCache());
            assertTrue(cached.usesKeyValueCache());
            for (int beams : new int[] {1, 4}) {
                GenerationConfig config = plain.generationConfig().toBuilder().maxNewTokens(10).numBeams(beams)
                        .build();
                List<Generation> expected = plain.generate(TEXTS, config);
                List<Generation> actual = cached.generate(TEXTS, config);
                for (int r = 0; r < TEXTS.size(); r++) {
                    assertArrayEquals(expected.get(r).tokenIds(), actual.get(r).tokenIds(), beams + " beams, text " + r);
                }
            }
        }
    }

    @Test
    void theCachedGraphIsWhatRunsAfterTheFirstStep(@TempDir Path dir) throws IOException {
        Path plainDir = ToySeq2SeqExport.write(dir.resolve("plain"), false, 1f);
        Path brokenDir = ToySeq2SeqExport.write(dir.resolve("broken"), true, -1f);
        try (HfSeq2SeqGenerator plain = HfSeq2SeqGenerator.load(plainDir, Fixtures.OPTIONS);
                HfSeq2SeqGenerator broken = HfSeq2SeqGenerator.load(brokenDir, Fixtures.OPTIONS)) {
            GenerationConfig config = plain.generationConfig().toBuilder().maxNewTokens(6).build();
            long[] expected = plain.generate(List.of(TEXTS.get(0)), config).get(0).tokenIds();
            long[] actual = broken.generate(List.of(TEXTS.get(0)), config).get(0).tokenIds();
            assertTrue(expected[1] == actual[1], "the first step runs decoder_model.onnx in both");
            assertNotEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
        }
    }
}
