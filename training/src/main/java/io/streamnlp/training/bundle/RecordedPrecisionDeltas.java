package io.streamnlp.training.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamnlp.bundle.Json;
import io.streamnlp.inference.runtime.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The default bundle's quality change at int8 against fp32 on its seed dev splits, as {@code streamnlp
 * eval --precision int8} measured it (accuracy and macro-F1 per classification task, entity F1 for
 * NER; a fraction, 0.01 is one point). Kept as a resource beside the recipe rather than computed at
 * build time, so that building the bundle costs no second encoder pass; re-measure after changing
 * the recipe or the seed data.
 */
public final class RecordedPrecisionDeltas {
    static final String INT8_RESOURCE = "io/streamnlp/training/bundle/int8-dev-deltas.json";

    private RecordedPrecisionDeltas() {}

    /** Metric ({@code task.metric}) to delta at {@code precision}; every delta is 0 at fp32. */
    public static Map<String, Double> defaultBundle(Precision precision) {
        Map<String, Double> int8 = read();
        if (precision == Precision.FP32) {
            Map<String, Double> zero = new LinkedHashMap<>();
            int8.keySet().forEach(k -> zero.put(k, 0.0));
            return zero;
        }
        return int8;
    }

    /** The largest change in either direction, in the units of the metrics. */
    public static double max(Map<String, Double> deltas) {
        return deltas.values().stream().mapToDouble(Math::abs).max().orElse(0);
    }

    private static Map<String, Double> read() {
        try (InputStream in = RecordedPrecisionDeltas.class.getClassLoader().getResourceAsStream(INT8_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + INT8_RESOURCE + " is missing");
            }
            JsonNode root = Json.MAPPER.readTree(in);
            Map<String, Double> deltas = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber()) {
                    deltas.put(e.getKey(), e.getValue().doubleValue());
                }
            }
            return deltas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
