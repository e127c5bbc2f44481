package io.streamnlp.inference.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.streamnlp.inference.encoder.EncoderFiles;
import io.streamnlp.inference.runtime.InferenceException;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.OnnxModels;
import java.io.IOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The encoder's ONNX model run straight on ONNX Runtime's Java API, on token ids prepared before
 * the clock starts: the ceiling that {@code SharedEncoder}'s pass on pre-tokenized texts (DJL, pooling
 * and offsets included) is compared with.
 */
final class RawOrtBaseline implements AutoCloseable {

    private final OrtEnvironment env = OnnxModels.environment();
    private final OrtSession session;
    private final List<Map<String, OnnxTensor>> batches = new ArrayList<>();

    RawOrtBaseline(EncoderFiles files, InferenceOptions options, List<List<String>> textBatches) {
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                        .optTokenizerPath(files.tokenizer())
                        .optMaxLength(files.maxLength())
                        .optTruncation(true)
                        .optPadding(true)
                        .build();
                OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.intraOpThreads());
            so.setInterOpNumThreads(options.interOpThreads());
            session = env.createSession(
                    OnnxModels.servedFile(files.model(), options).toString(), so);
            for (List<String> texts : textBatches) {
                batches.add(tensors(tokenizer.batchEncode(texts)));
            }
        } catch (IOException | OrtException e) {
            close();
            throw new InferenceException("cannot prepare the raw ONNX Runtime baseline: " + e.getMessage(), e);
        }
    }

    private Map<String, OnnxTensor> tensors(Encoding[] encodings) throws OrtException {
        int len = encodings[0].getIds().length;
        long[] ids = new long[encodings.length * len];
        long[] mask = new long[ids.length];
        long[] types = new long[ids.length];
        for (int i = 0; i < encodings.length; i++) {
            System.arraycopy(encodings[i].getIds(), 0, ids, i * len, len);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * len, len);
            System.arraycopy(encodings[i].getTypeIds(), 0, types, i * len, len);
        }
        long[] shape = {encodings.length, len};
        return Map.of(
                "input_ids",
                OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape),
                "attention_mask",
                OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape),
                "token_type_ids",
                OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
    }

    /** Texts per second over all prepared batches. */
    double throughput() {
        long start = System.nanoTime();
        int texts = 0;
        try {
            for (Map<String, OnnxTensor> batch : batches) {
                try (OrtSession.Result r = session.run(batch)) {
                    texts += (int) batch.get("input_ids").getInfo().getShape()[0];
                }
            }
        } catch (OrtException e) {
            throw new InferenceException("raw ONNX Runtime run failed: " + e.getMessage(), e);
        }
        return texts / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        batches.forEach(b -> b.values().forEach(OnnxTensor::close));
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            throw new InferenceException("cannot close the baseline session", e);
        }
    }
}
