package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

    @TempDir
    static Path dir;

    private static HfSeq2SeqGenerator plain;
    private static HfSeq2SeqGenerator cached;

    @BeforeAll
    static void load() throws IOException {
        plain = HfSeq2SeqGenerator.load(ToySeq2SeqExport.write(dir.resolve("plain"), false, 1f), Fixtures.OPTIONS);
        cached = HfSeq2SeqGenerator.load(ToySeq2SeqExport.write(dir.resolve("cached"), true, 1f), Fixtures.OPTIONS);
    }

    @AfterAll
    static void close() {
        plain.close();
        cached.close();
    }

    @Test
    void cachedDecodingGivesTheSameIdsAsRereadingThePrefix() {
        assertFalse(plain.usesKeyValueCache());
        assertTrue(cached.usesKeyValueCache());
        for (int beams : new int[] {1, 4}) {
            GenerationConfig config = plain.generationConfig().toBuilder()
                    .maxNewTokens(10)
                    .numBeams(beams)
                    .build();
            List<Generation> expected = plain.generate(TEXTS, config);
            List<Generation> actual = cached.generate(TEXTS, config);
            for (int r = 0; r < TEXTS.size(); r++) {
                assertArrayEquals(expected.get(r).tokenIds(), actual.get(r).tokenIds(), beams + " beams, text " + r);
            }
        }
    }

    @Test
    void inputsThatFinishEarlyKeepTheirCacheRowsAligned() {
        GenerationConfig greedy =
                plain.generationConfig().toBuilder().maxNewTokens(10).build();
        // make the token greedy search emits second for one text the end of sequence: that input finishes early
        // while the others go on
        long early = plain.generate(List.of(TEXTS.get(1)), greedy).get(0).tokenIds()[2];
        for (int beams : new int[] {1, 3}) {
            GenerationConfig config = greedy.toBuilder()
                    .eosTokenIds(List.of((int) early))
                    .numBeams(beams)
                    .build();
            List<Generation> expected = plain.generate(TEXTS, config);
            List<Generation> actual = cached.generate(TEXTS, config);
            int shortest = Integer.MAX_VALUE;
            for (int r = 0; r < TEXTS.size(); r++) {
                assertArrayEquals(expected.get(r).tokenIds(), actual.get(r).tokenIds(), beams + " beams, text " + r);
                shortest = Math.min(shortest, expected.get(r).tokenIds().length);
            }
            assertTrue(shortest < 11, "some input finished before the length limit");
        }
    }

    @Test
    void theCachedGraphIsWhatRunsAfterTheFirstStep() throws IOException {
        Path brokenDir = ToySeq2SeqExport.write(dir.resolve("broken"), true, -1f);
        try (HfSeq2SeqGenerator broken = HfSeq2SeqGenerator.load(brokenDir, Fixtures.OPTIONS)) {
            GenerationConfig config =
                    plain.generationConfig().toBuilder().maxNewTokens(6).build();
            long[] expected =
                    plain.generate(List.of(TEXTS.get(0)), config).get(0).tokenIds();
            long[] actual =
                    broken.generate(List.of(TEXTS.get(0)), config).get(0).tokenIds();
            assertTrue(expected[1] == actual[1], "the first step runs decoder_model.onnx in both");
            assertNotEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
        }
    }
}
