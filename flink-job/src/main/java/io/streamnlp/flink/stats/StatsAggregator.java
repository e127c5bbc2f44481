package io.streamnlp.flink.stats;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.schemas.avro.EnrichmentStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One tenant's tumbling event-time windows. A window is emitted (revision 0) when the watermark passes its end; a
 * record that arrives after that but within the allowed lateness updates it and emits it again at once (revision + 1);
 * a record later still is counted in {@code late_events} of the window open for the tenant when it arrives (the one
 * holding the watermark's next instant), so nothing is dropped silently. A window's state is cleared once the
 * watermark is past its end plus the allowed lateness.
 *
 * <p>A keyed process function rather than Flink's window operator, because a record too late for its window must be
 * counted in another window of the same key, which the window operator's late-data side output cannot reach.
 */
public final class StatsAggregator extends KeyedProcessFunction<String, StatsSample, EnrichmentStats> {
    private static final long serialVersionUID = 1L;

    private final long windowMs;
    private final long latenessMs;

    /** Window start to its aggregates; a few per tenant (the open ones and those within the allowed lateness). */
    private transient MapState<Long, WindowStats> windows;

    public StatsAggregator(JobConfig.Stats config) {
        this.windowMs = config.window().toMillis();
        this.latenessMs = config.allowedLateness().toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        windows = getRuntimeContext()
                .getMapState(
                        new MapStateDescriptor<>("stats-windows", Types.LONG, TypeInformation.of(WindowStats.class)));
    }

    @Override
    public void processElement(StatsSample sample, Context ctx, Collector<EnrichmentStats> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long start = windowStart(sample.eventTime);
        if (lastInstant(start) + latenessMs <= watermark) {
            long open = windowStart(watermark + 1);
            WindowStats w = window(open, ctx);
            w.addLate();
            windows.put(open, w);
            return;
        }
        WindowStats w = window(start, ctx);
        w.add(sample);
        if (w.emitted()) {
            out.collect(w.emit(ctx.getCurrentKey(), windowMs));
        }
        windows.put(start, w);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichmentStats> out) throws Exception {
        List<Long> expired = new ArrayList<>();
        List<WindowStats> fired = new ArrayList<>();
        for (Map.Entry<Long, WindowStats> e : windows.entries()) {
            long last = lastInstant(e.getKey());
            WindowStats w = e.getValue();
            if (last == timestamp && !w.emitted()) {
                out.collect(w.emit(ctx.getCurrentKey(), windowMs));
                fired.add(w);
            }
            if (last + latenessMs <= timestamp) {
                expired.add(e.getKey());
            } else if (last == timestamp) {
                ctx.timerService().registerEventTimeTimer(last + latenessMs);
            }
        }
        for (WindowStats w : fired) {
            windows.put(w.windowStart, w);
        }
        for (Long start : expired) {
            windows.remove(start);
        }
    }

    private WindowStats window(long start, Context ctx) throws Exception {
        WindowStats w = windows.get(start);
        if (w == null) {
            w = new WindowStats(start);
            ctx.timerService().registerEventTimeTimer(lastInstant(start));
        }
        return w;
    }

    private long windowStart(long timestamp) {
        return timestamp - Math.floorMod(timestamp, windowMs);
    }

    private long lastInstant(long windowStart) {
        return windowStart + windowMs - 1;
    }
}
