package io.streamnlp.inference.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationConfigTest {

    @Test
    void generationConfigJsonWinsAndTransformersDefaultsFillTheRest(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("config.json"), "{\"decoder_start_token_id\": 2, \"eos_token_id\": 2, \"num_beams\": 8}");
        Files.writeString(
                dir.resolve("generation_config.json"),
                "{\"decoder_start_token_id\": 0, \"eos_token_id\": [1, 5], \"early_stopping\": \"never\","
                        + " \"max_length\": 142, \"min_length\": 56, \"no_repeat_ngram_size\": 3, \"length_penalty\": 2.0}");
        GenerationConfig c = GenerationConfig.read(dir);
        assertEquals(0, c.decoderStartTokenId());
        assertEquals(List.of(1, 5), c.eosTokenIds());
        assertEquals(1, c.numBeams(), "config.json is not consulted when generation_config.json exists");
        assertEquals(GenerationConfig.EarlyStopping.NEVER, c.earlyStopping());
        assertEquals(142, c.effectiveMaxLength());
        assertEquals(56, c.minLength());
        assertEquals(3, c.noRepeatNgramSize());
        assertEquals(2.0, c.lengthPenalty());
        assertEquals(13, c.toBuilder().maxNewTokens(12).build().effectiveMaxLength());
    }

    @Test
    void configJsonServesWhenThereIsNoGenerationConfig(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"decoder_start_token_id\": 2, \"eos_token_id\": 2}");
        GenerationConfig c = GenerationConfig.read(dir);
        assertEquals(2, c.decoderStartTokenId());
        assertEquals(GenerationConfig.DEFAULT_MAX_LENGTH, c.effectiveMaxLength());
        assertEquals(GenerationConfig.EarlyStopping.FALSE, c.earlyStopping());
    }

    @Test
    void taskSpecificParamsApplyOnTopForThatTaskOnly(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("config.json"),
                "{\"decoder_start_token_id\": 0, \"eos_token_id\": 1, "
                        + "\"task_specific_params\": {\"summarization\": {\"prefix\": \"summarize: \", \"num_beams\": 4, "
                        + "\"max_length\": 200, \"no_repeat_ngram_size\": 3}}}");
        Files.writeString(dir.resolve("generation_config.json"), "{\"decoder_start_token_id\": 0, \"num_beams\": 2}");
        GenerationConfig summarization = GenerationConfig.read(dir, "summarization");
        assertEquals(4, summarization.numBeams());
        assertEquals(200, summarization.effectiveMaxLength());
        assertEquals(3, summarization.noRepeatNgramSize());
        assertEquals(List.of(1), summarization.eosTokenIds(), "eos falls back to config.json");
        assertEquals(2, GenerationConfig.read(dir, "translation_en_to_de").numBeams());
        assertEquals(
                "summarize: ", HfModelConfig.read(dir.resolve("config.json")).inputPrefix("summarization"));
        assertEquals("", HfModelConfig.read(dir.resolve("config.json")).inputPrefix("translation_en_to_de"));
    }

    @Test
    void invalidSettingsAreTypedErrors(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"eos_token_id\": 2}");
        assertThrows(InvalidHfExportException.class, () -> GenerationConfig.read(dir), "no decoder start token");
        Files.writeString(dir.resolve("config.json"), "{\"decoder_start_token_id\": 2, \"num_beams\": 0}");
        assertThrows(InvalidHfExportException.class, () -> GenerationConfig.read(dir));
        Files.writeString(dir.resolve("config.json"), "{\"decoder_start_token_id\": 2, \"early_stopping\": \"soon\"}");
        assertThrows(InvalidHfExportException.class, () -> GenerationConfig.read(dir));
        Files.writeString(dir.resolve("config.json"), "{\"decoder_start_token_id\": \"two\"}");
        assertThrows(InvalidHfExportException.class, () -> GenerationConfig.read(dir));
    }

    @Test
    void processorsBanRepeatedNgramsShortEosAndForceTokensAtTheirSteps() {
        GenerationConfig c = new GenerationConfig(
                0,
                List.of(3),
                OptionalInt.of(0),
                OptionalInt.of(7),
                List.of(3),
                1,
                GenerationConfig.EarlyStopping.FALSE,
                1.0,
                OptionalInt.of(5),
                20,
                3,
                0,
                2);
        List<LogitsProcessor> processors = LogitsProcessor.forConfig(c);

        float[] first = new float[10];
        LogitsProcessor.applyAll(processors, new long[] {0}, first);
        assertEquals(0f, first[7], "forced BOS at the first step");
        assertTrue(Float.isInfinite(first[3]));

        float[] second = new float[10];
        LogitsProcessor.applyAll(processors, new long[] {0, 7}, second);
        assertTrue(Float.isInfinite(second[3]), "EOS before min_length 3");
        assertEquals(0f, second[5]);

        float[] repeat = new float[10];
        LogitsProcessor.applyAll(processors, new long[] {0, 5, 6, 5}, repeat);
        assertTrue(Float.isInfinite(repeat[6]), "5 6 already occurred: 6 after 5 is banned");
        assertEquals(0f, repeat[3], "EOS allowed from min_length on");

        float[] last = new float[10];
        LogitsProcessor.applyAll(processors, new long[] {0, 5, 6, 8, 9}, last);
        assertEquals(0f, last[3], "forced EOS at max_length - 1 (1 + max_new_tokens 5 - 1)");
        assertTrue(Float.isInfinite(last[9]));
    }

    @Test
    void greedyStopsAtEosAndBeamSearchPrefersTheBetterFinishedHypothesis() {
        GenerationConfig greedy = new GenerationConfig(
                0,
                List.of(3),
                OptionalInt.of(0),
                OptionalInt.empty(),
                List.of(),
                1,
                GenerationConfig.EarlyStopping.TRUE,
                1.0,
                OptionalInt.of(6),
                20,
                0,
                0,
                0);
        // a toy decoder over 5 tokens: after 0 it prefers 1 (0.6) to 2 (0.4); after 1 it is unsure between 1, 2, 3;
        // after 2 it emits EOS (3) with certainty
        DecoderStep step = sequences -> {
            float[][] out = new float[sequences.length][];
            for (int r = 0; r < sequences.length; r++) {
                long last = sequences[r][sequences[r].length - 1];
                double[] p = last == 0
                        ? new double[] {0, 0.6, 0.4, 0, 0}
                        : last == 1 ? new double[] {0, 0.34, 0.33, 0.33, 0} : new double[] {0, 0, 0, 1, 0};
                out[r] = new float[5];
                for (int v = 0; v < 5; v++) {
                    out[r][v] = (float) Math.log(Math.max(p[v], 1e-12));
                }
            }
            return out;
        };
        assertEquals(
                List.of(0L, 1L, 1L, 1L, 1L, 1L, 1L),
                java.util.Arrays.stream(GreedySearch.run(step, 1, greedy).get(0))
                        .boxed()
                        .toList());
        // beam search finds 0 2 3 (0.4) better than any continuation of 0 1 (at most 0.6 * 0.34 per extra step)
        GenerationConfig beam = greedy.toBuilder().numBeams(2).build();
        assertEquals(
                List.of(0L, 2L, 3L),
                java.util.Arrays.stream(BeamSearch.run(step, 1, beam).get(0))
                        .boxed()
                        .toList());
    }
}
