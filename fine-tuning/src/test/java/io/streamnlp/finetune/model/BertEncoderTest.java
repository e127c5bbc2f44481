package io.streamnlp.finetune.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.streamnlp.finetune.TestEncoder;
import io.streamnlp.finetune.onnx.OnnxEncoderWeights;
import io.streamnlp.inference.encoder.EncodedBatch;
import io.streamnlp.inference.encoder.EncodedText;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.encoder.SharedEncoder;
import io.streamnlp.inference.encoder.TokenBatch;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class BertEncoderTest {

    private static final List<String> TEXTS = List.of(
            "My card payment was declined twice today.",
            "hi",
            "Where is the parcel I ordered from Berlin last Tuesday? The tracking page says nothing.");

    @Test
    void pyTorchForwardPassReproducesOnnxRuntime() throws Exception {
        EncoderFiles files = TestEncoder.files();
        EncodedBatch expected;
        try (SharedEncoder onnx = SharedEncoder.load(files, TestEncoder.options())) {
            expected = onnx.encode(TEXTS);
        }
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager();
                EncoderTokenizer tokenizer = EncoderTokenizer.load(files.tokenizer(), files.maxLength())) {
            BertEncoder encoder =
                    BertEncoder.pretrained(EncoderConfig.MINILM_L6, OnnxEncoderWeights.read(files.model()), manager);
            TokenBatch batch = tokenizer.encode(TEXTS);
            NDList out = encoder.forward(new ParameterStore(manager, false), batch.toNDList(manager), false);
            float[] hidden = out.singletonOrThrow().toFloatArray();
            int dim = EncoderConfig.MINILM_L6.hidden();
            double worst = 0;
            for (int i = 0; i < TEXTS.size(); i++) {
                EncodedText text = expected.texts().get(i);
                assertEquals(text.tokenCount(), batch.tokens(i));
                for (int t = 0; t < text.tokenCount(); t++) {
                    float[] state = text.tokenState(t);
                    for (int d = 0; d < dim; d++) {
                        worst = Math.max(worst, Math.abs(state[d] - hidden[(i * batch.length() + t) * dim + d]));
                    }
                }
            }
            assertTrue(worst < 1e-3, "largest difference to ONNX Runtime: " + worst);
        }
    }
}
