package io.streamnlp.flink.stats;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.EnrichmentStats;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The dashboards' aggregates: enriched records (after moderation) and dead letters, sampled, timestamped and
 * watermarked in event time, then aggregated per tenant in tumbling windows ({@link StatsAggregator}).
 */
public final class StatsStep {
    private StatsStep() {}

    public static DataStream<EnrichmentStats> build(
            JobConfig config, DataStream<EnrichedEvent> output, DataStream<DeadLetter> deadLetters) {
        JobConfig.Stats stats = config.stats();
        TypeInformation<StatsSample> sampleType = TypeInformation.of(StatsSample.class);
        DataStream<StatsSample> samples = output.map(StatsSample::of)
                .returns(sampleType)
                .name("stats: sample enriched records")
                .uid("stats-enriched-samples")
                .union(deadLetters
                        .map(new DeadLetterSamples(config.registry().clientConfig()))
                        .returns(sampleType)
                        .name("stats: sample dead letters")
                        .uid("stats-dead-letter-samples"));
        return samples.assignTimestampsAndWatermarks(watermarks(stats))
                .name("stats: event time")
                .uid("stats-watermarks")
                .keyBy(s -> s.tenant, Types.STRING)
                .process(new StatsAggregator(stats), new AvroTypeInfo<>(EnrichmentStats.class))
                .name("stats: per tenant, " + stats.window() + " windows")
                .uid("stats");
    }

    static WatermarkStrategy<StatsSample> watermarks(JobConfig.Stats stats) {
        long outOfOrderness = stats.outOfOrderness().toMillis();
        long idle = stats.idleTimeout().toMillis();
        return WatermarkStrategy.<StatsSample>forGenerator(
                        ctx -> new QuietStreamWatermarks(outOfOrderness, idle, System::currentTimeMillis))
                .withTimestampAssigner((sample, recordTimestamp) -> sample.eventTime);
    }
}
