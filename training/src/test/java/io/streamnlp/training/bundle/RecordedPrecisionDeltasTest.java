package io.streamnlp.training.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.inference.runtime.Precision;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordedPrecisionDeltasTest {

    @Test
    void int8DeltasCoverEveryTaskOfTheDefaultBundle() {
        Map<String, Double> int8 = RecordedPrecisionDeltas.defaultBundle(Precision.INT8);
        for (String task : DefaultBundle.TICKET_TASKS) {
            assertTrue(int8.containsKey(task + ".accuracy") && int8.containsKey(task + ".macro_f1"), task);
        }
        for (ShippedHead shipped : DefaultBundle.shippedHeads()) {
            assertTrue(int8.containsKey(shipped.task() + ".macro_f1"), shipped.task());
        }
        assertTrue(int8.containsKey(DefaultBundle.MODERATION_TASK + "_davidson.macro_f1"), "its real dev set too");
        assertTrue(int8.containsKey(DefaultBundle.SENTIMENT_TASK + "_reviews.accuracy"), "its real dev set too");
        assertTrue(int8.containsKey("ner.f1"));
        assertEquals(0.0075, RecordedPrecisionDeltas.max(int8), 1e-12, "sentiment's accuracy fell most");
        assertTrue(
                RecordedPrecisionDeltas.max(int8) <= 0.01,
                "int8 is the CPU default only while it stays within a point of fp32 on every dev set");
    }

    @Test
    void fp32ChangesNothing() {
        Map<String, Double> fp32 = RecordedPrecisionDeltas.defaultBundle(Precision.FP32);
        assertEquals(RecordedPrecisionDeltas.defaultBundle(Precision.INT8).keySet(), fp32.keySet());
        assertEquals(0.0, RecordedPrecisionDeltas.max(fp32));
    }
}
