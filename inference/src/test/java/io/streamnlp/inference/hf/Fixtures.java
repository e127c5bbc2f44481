package io.streamnlp.inference.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamnlp.inference.runtime.InferenceOptions;
import io.streamnlp.inference.runtime.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The transformers reference fixtures copied into test resources, and readers for their reference.json. */
final class Fixtures {

    static final String SEQUENCE_CLASSIFICATION = "bert-tiny-sequence-classification";
    static final String TOKEN_CLASSIFICATION = "bert-tiny-token-classification";
    static final String T5 = "t5-tiny-summarization";
    static final String BART = "bart-tiny-summarization";

    /**
     * One intra-op thread: the fixtures are tiny and the build machine is shared. fp32, not the CPU default int8:
     * these tests compare with transformers within 1e-4; HfSequenceClassifierTest covers int8.
     */
    static final InferenceOptions OPTIONS = InferenceOptions.builder()
            .precision(Precision.FP32)
            .intraOpThreads(1)
            .predictors(1)
            .build();

    private Fixtures() {}

    static Path dir(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name + "/config.json");
        if (url == null) {
            throw new IllegalStateException("fixture " + name + " missing from test resources");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode reference(String name) {
        try {
            return new ObjectMapper()
                    .readTree(dir(name).resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> texts(JsonNode reference) {
        List<String> texts = new ArrayList<>();
        reference.get("texts").forEach(t -> texts.add(t.asText()));
        return texts;
    }

    /** Row {@code row} of a reference id matrix without the padding the attention mask marks. */
    static long[] unpaddedIds(JsonNode reference, int row) {
        JsonNode ids = reference.get("input_ids").get(row);
        JsonNode mask = reference.get("attention_mask").get(row);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (mask.get(i).asInt() == 1) {
                out.add(ids.get(i).asLong());
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
