package io.streamnlp.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftThresholdsTest {

    @Test
    void defaultsFollowTheKnownAnchors() {
        DriftThresholds defaults = DriftThresholds.defaults();
        assertEquals(0.1, defaults.threshold(DriftMetric.JS_DISTANCE).getAsDouble());
        assertEquals(0.2, defaults.threshold(DriftMetric.PSI).getAsDouble());
        assertEquals(DriftMetric.values().length, defaults.asWireMap().size());
    }

    @Test
    void roundTripsThroughWireNamesAndJson() throws Exception {
        DriftThresholds custom =
                DriftThresholds.defaults().with(DriftMetric.PSI, 0.3).without(DriftMetric.LENGTH_PSI);
        assertEquals(custom, DriftThresholds.fromWireNames(custom.asWireMap()));
        ObjectMapper json = new ObjectMapper();
        assertEquals(custom, json.readValue(json.writeValueAsString(custom), DriftThresholds.class));
        assertTrue(custom.threshold(DriftMetric.LENGTH_PSI).isEmpty());
    }

    @Test
    void rejectsThresholdsThatMakeNoSense() {
        assertThrows(
                IllegalArgumentException.class, () -> DriftThresholds.defaults().with(DriftMetric.PSI, -0.1));
        assertThrows(
                IllegalArgumentException.class, () -> DriftThresholds.defaults().with(DriftMetric.PSI, Double.NaN));
        assertThrows(
                IllegalArgumentException.class, () -> DriftThresholds.defaults().with(DriftMetric.JS_DISTANCE, 1.5));
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> DriftThresholds.fromWireNames(Map.of("jsd", 0.1)));
        assertTrue(unknown.getMessage().contains("jsd"), unknown.getMessage());
    }
}
