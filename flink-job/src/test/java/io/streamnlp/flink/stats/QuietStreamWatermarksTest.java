package io.streamnlp.flink.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class QuietStreamWatermarksTest {
    private long now;
    private final List<Long> emitted = new ArrayList<>();
    private boolean idle;
    private final QuietStreamWatermarks watermarks = new QuietStreamWatermarks(2_000, 10_000, () -> now);
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    };

    @Test
    void theWatermarkTrailsTheNewestRecordByTheOutOfOrderness() {
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).as("nothing before the first record").isEmpty();

        record(50_000);
        record(40_000);
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(47_999L);
    }

    @Test
    void aQuietStreamMovesOnWithTheWallClockAfterTheIdleTimeout() {
        record(50_000);
        now += 9_999;
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(47_999L);

        now += 1;
        watermarks.onPeriodicEmit(output);
        now += 5_000;
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(47_999L, 57_999L, 62_999L);

        // a record older than the advanced event time does not take the watermark back
        record(51_000);
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).hasSize(3);
        record(70_000);
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).last().isEqualTo(67_999L);
    }

    @Test
    void aSubtaskWithoutAnyRecordIsMarkedIdleAfterTheIdleTimeout() {
        now = 9_999;
        watermarks.onPeriodicEmit(output);
        assertThat(idle).isFalse();
        now = 10_000;
        watermarks.onPeriodicEmit(output);
        assertThat(idle).isTrue();
        assertThat(emitted).isEmpty();
    }

    private void record(long eventTime) {
        watermarks.onEvent(new StatsSample(), eventTime, output);
    }
}
