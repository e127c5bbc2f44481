package io.streamnlp.flink.stats;

import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks that keep moving when the stream goes quiet: after {@code idleTimeout} without a
 * record, event time is taken to advance with the wall clock from the newest record seen, so the last windows of a
 * quiet tenant, a quiet partition or a finished test close within a bounded wait. Flink's idleness alone would only
 * stop a quiet input from holding the others back; with every input quiet, no window would ever close.
 *
 * <p>A subtask that has had no record at all for {@code idleTimeout} (more subtasks than input partitions) is marked
 * idle, so that it does not hold every window back; its first record makes it active again.
 *
 * <p>Watermarks never go back: a record that arrives after such an advance with an older time is late, and the stats
 * step's allowed lateness and {@code late_events} account for it.
 */
final class QuietStreamWatermarks implements WatermarkGenerator<StatsSample> {
    private final long outOfOrdernessMs;
    private final long idleTimeoutMs;
    private final LongSupplier clock;

    private long newest = Long.MIN_VALUE;
    /** Wall-clock time of the last record, or of the start before the first one. */
    private long lastRecordAt;

    private long emitted = Long.MIN_VALUE;

    QuietStreamWatermarks(long outOfOrdernessMs, long idleTimeoutMs, LongSupplier clock) {
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.clock = clock;
        this.lastRecordAt = clock.getAsLong();
    }

    @Override
    public void onEvent(StatsSample sample, long eventTimestamp, WatermarkOutput output) {
        newest = Math.max(newest, eventTimestamp);
        lastRecordAt = clock.getAsLong();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long quietFor = clock.getAsLong() - lastRecordAt;
        if (newest == Long.MIN_VALUE) {
            if (quietFor >= idleTimeoutMs) {
                output.markIdle();
            }
            return;
        }
        long eventTime = quietFor >= idleTimeoutMs ? newest + quietFor : newest;
        long watermark = eventTime - outOfOrdernessMs - 1;
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
