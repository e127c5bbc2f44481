package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** T5 and BART generation against the token ids and logits transformers produced for the fixtures. */
@Timeout(120)
class HfSeq2SeqGeneratorTest {

    private static final float TOLERANCE = 1e-4f;

    private static HfSeq2SeqGenerator t5;
    private static HfSeq2SeqGenerator bart;

    @BeforeAll
    static void load() {
        t5 = HfSeq2SeqGenerator.load(Fixtures.dir(Fixtures.T5), Fixtures.OPTIONS);
        bart = HfSeq2SeqGenerator.load(Fixtures.dir(Fixtures.BART), Fixtures.OPTIONS);
    }

    @AfterAll
    static void close() {
        t5.close();
        bart.close();
    }

    @Test
    void generationDefaultsComeFromGenerationConfig() {
        GenerationConfig b = bart.generationConfig();
        assertEquals(3, b.decoderStartTokenId());
        assertEquals(List.of(3), b.eosTokenIds());
        assertEquals(List.of(3), b.forcedEosTokenIds());
        assertEquals(1, b.numBeams());
        GenerationConfig t = t5.generationConfig();
        assertEquals(0, t.decoderStartTokenId());
        assertEquals(List.of(), t.forcedEosTokenIds());
    }

    @Test
    void generationLongerThanTheDecoderPositionsIsRefused() {
        GenerationConfig tooLong =
                bart.generationConfig().toBuilder().maxNewTokens(128).build();
        assertThrows(IllegalArgumentException.class, () -> bart.generate(List.of("refund please"), tooLong));
    }

    @Test
    void t5TokenizerAndEncoderMatchTransformers() {
        JsonNode ref = Fixtures.reference(Fixtures.T5);
        List<String> texts = Fixtures.texts(ref);
        for (int r = 0; r < texts.size(); r++) {
            assertArrayEquals(
                    Fixtures.unpaddedIds(ref, r),
                    t5.tokenizer().encode(texts.get(r)).ids());
        }
        FloatTensor hidden = t5.encoderHiddenStates(texts);
        assertArrayEquals(Fixtures.floats(ref.get("encoder_last_hidden_state_row0")), hidden.vector(0, 0), TOLERANCE);
    }

    @Test
    void t5FirstStepLogitsMatchTransformers() {
        assertFirstStepLogits(t5, Fixtures.reference(Fixtures.T5));
    }

    @Test
    void bartFirstStepLogitsMatchTransformers() {
        assertFirstStepLogits(bart, Fixtures.reference(Fixtures.BART));
    }

    @Test
    void t5GreedyAndBeamIdsMatchTransformers() {
        assertGeneration(t5, Fixtures.reference(Fixtures.T5), true);
    }

    @Test
    void bartGreedyAndBeamIdsMatchTransformers() {
        assertGeneration(bart, Fixtures.reference(Fixtures.BART), true);
    }

    private static void assertFirstStepLogits(HfSeq2SeqGenerator generator, JsonNode ref) {
        List<String> texts = Fixtures.texts(ref);
        float[][] logits = generator.firstStepLogits(texts);
        for (int r = 0; r < texts.size(); r++) {
            assertArrayEquals(Fixtures.floats(ref.get("first_step_logits").get(r)), logits[r], TOLERANCE, "text " + r);
        }
    }

    private static void assertGeneration(HfSeq2SeqGenerator generator, JsonNode ref, boolean checkText) {
        List<String> texts = Fixtures.texts(ref);
        JsonNode kwargs = ref.get("generate_kwargs");
        GenerationConfig greedy = generator.generationConfig().toBuilder()
                .maxNewTokens(kwargs.get("max_new_tokens").asInt())
                .numBeams(1)
                .build();
        GenerationConfig beam = greedy.toBuilder()
                .numBeams(kwargs.get("beam").get("num_beams").asInt())
                .earlyStopping(GenerationConfig.EarlyStopping.TRUE)
                .lengthPenalty(kwargs.get("beam").get("length_penalty").asDouble())
                .build();
        List<Generation> greedyOut = generator.generate(texts, greedy);
        List<Generation> beamOut = generator.generate(texts, beam);
        for (int r = 0; r < texts.size(); r++) {
            assertArrayEquals(
                    upToFirstEos(ref.get("greedy_ids").get(r), greedy),
                    greedyOut.get(r).tokenIds(),
                    "greedy, text " + r + ": "
                            + Arrays.toString(greedyOut.get(r).tokenIds()));
            assertArrayEquals(
                    upToFirstEos(ref.get("beam3_ids").get(r), beam),
                    beamOut.get(r).tokenIds(),
                    "beam, text " + r + ": " + Arrays.toString(beamOut.get(r).tokenIds()));
            if (checkText) {
                assertEquals(
                        ref.get("greedy_text").get(r).asText(), greedyOut.get(r).text(), "text " + r);
            }
            assertFalse(greedyOut.get(r).inputTruncated());
        }
    }

    /** The reference rows are padded after EOS; generations end at EOS (see the fixture's note). */
    private static long[] upToFirstEos(JsonNode row, GenerationConfig config) {
        long[] ids = Fixtures.longs(row);
        for (int i = 1; i < ids.length; i++) {
            if (config.eosTokenIds().contains((int) ids[i])) {
                return Arrays.copyOf(ids, i + 1);
            }
        }
        return ids;
    }
}
