package io.streamnlp.finetune.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class WarmupLinearScheduleTest {

    private final WarmupLinearSchedule schedule = new WarmupLinearSchedule(1e-4f, 1e-2f, Set.of("head"), 3, 10);

    @Test
    void warmsUpThenDecaysToTheLastStep() {
        assertEquals(0.25f, schedule.factor(1), 1e-6);
        assertEquals(0.75f, schedule.factor(3), 1e-6);
        assertEquals(1f, schedule.factor(4), 1e-6);
        assertEquals(4f / 7, schedule.factor(7), 1e-6);
        assertEquals(1f / 7, schedule.factor(10), 1e-6);
        assertEquals(0f, schedule.factor(11), 1e-6);
    }

    @Test
    void headParametersGetTheHeadRate() {
        assertEquals(1e-2f, schedule.getNewValue("head", 4), 1e-9);
        assertEquals(1e-4f, schedule.getNewValue("encoder.layer.0.output.dense.weight", 4), 1e-9);
    }

    @Test
    void warmupMustEndBeforeTheLastStep() {
        assertThrows(IllegalArgumentException.class, () -> new WarmupLinearSchedule(1f, 1f, Set.of(), 5, 5));
    }
}
