package io.streamnlp.flink;

import io.streamnlp.config.KafkaClientProperties;
import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.inference.BatchingInferenceOperator;
import io.streamnlp.flink.inference.EnricherFactory;
import io.streamnlp.flink.inference.ModelFollowingInferenceOperator;
import io.streamnlp.flink.inference.PendingEvent;
import io.streamnlp.flink.moderation.CurrentPolicyReader;
import io.streamnlp.flink.moderation.ModerationFunction;
import io.streamnlp.flink.moderation.PolicyDeserializationSchema;
import io.streamnlp.flink.sink.AvroRecordSerializationSchema;
import io.streamnlp.flink.source.ModelEventDeserializationSchema;
import io.streamnlp.flink.source.RawRecord;
import io.streamnlp.flink.source.RawRecordDeserializationSchema;
import io.streamnlp.flink.stats.StatsStep;
import io.streamnlp.flink.validate.DecodeAndValidateFunction;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.ModelEvent;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The enrichment dataflow: Kafka source of raw records, decode and validate (refusals to the
 * dead-letter topic), micro-batched inference, optional moderation, and exactly-once Kafka sinks for the output, the
 * dead letters, drift reports and the per-tenant stats.
 */
public final class EnrichmentTopology {
    private EnrichmentTopology() {}

    /** The streams a test or the demo may want to extend before execution. */
    public record Streams(
            DataStream<PendingEvent> valid, DataStream<EnrichedEvent> enriched, DataStream<DeadLetter> deadLetters) {}

    /** Adds the whole job to {@code env}. */
    public static Streams build(StreamExecutionEnvironment env, JobConfig config, EnricherFactory enrichers) {
        DataStream<RawRecord> raw = env.fromSource(
                        source(config),
                        WatermarkStrategy.noWatermarks(),
                        "kafka: " + config.topics().input())
                .uid("source");
        SingleOutputStreamOperator<PendingEvent> valid = raw.process(new DecodeAndValidateFunction(config))
                .name("decode and validate")
                .uid("decode-validate");
        SingleOutputStreamOperator<EnrichedEvent> enriched = inference(env, config, valid, enrichers);
        DataStream<DeadLetter> deadLetters = valid.getSideOutput(DecodeAndValidateFunction.DEAD_LETTERS)
                .union(enriched.getSideOutput(BatchingInferenceOperator.INFERENCE_FAILURES));

        DataStream<EnrichedEvent> output = config.moderation().enabled() ? moderation(env, config, enriched) : enriched;
        output.sinkTo(sink(config, "enriched", AvroRecordSerializationSchema.forEnriched(config)))
                .name("kafka: " + config.topics().output())
                .uid("enriched-sink");
        deadLetters
                .sinkTo(sink(config, "dead-letters", AvroRecordSerializationSchema.forDeadLetters(config)))
                .name("kafka: " + config.topics().deadLetters())
                .uid("dead-letter-sink");
        if (config.drift().enabled()) {
            enriched.getSideOutput(BatchingInferenceOperator.DRIFT_REPORTS)
                    .sinkTo(sink(config, "drift", AvroRecordSerializationSchema.forDriftReports(config)))
                    .name("kafka: " + config.topics().drift())
                    .uid("drift-sink");
        }
        if (config.stats().enabled()) {
            StatsStep.build(config, output, deadLetters)
                    .sinkTo(sink(config, "stats", AvroRecordSerializationSchema.forStats(config)))
                    .name("kafka: " + config.stats().topic())
                    .uid("stats-sink");
        }
        return new Streams(valid, output, deadLetters);
    }

    /**
     * Decides on every enriched record with the followed policy (its documents broadcast to every subtask) and writes
     * block and review decisions to their topics, exactly once like the main output.
     */
    private static DataStream<EnrichedEvent> moderation(
            StreamExecutionEnvironment env, JobConfig config, DataStream<EnrichedEvent> enriched) {
        JobConfig.Moderation m = config.moderation();
        BroadcastStream<String> policies = env.fromSource(
                        policySource(config), WatermarkStrategy.noWatermarks(), "kafka: " + m.policiesTopic())
                .uid("policies-source")
                .setParallelism(1)
                .broadcast(ModerationFunction.POLICY);
        SingleOutputStreamOperator<EnrichedEvent> moderated = enriched.connect(policies)
                .process(
                        new ModerationFunction(m.policy(), CurrentPolicyReader.read(config)),
                        new AvroTypeInfo<>(EnrichedEvent.class))
                .name("moderation (policy " + m.policy() + ")")
                .uid("moderation");
        moderated
                .getSideOutput(ModerationFunction.BLOCKED)
                .sinkTo(sink(
                        config, "moderation-block", AvroRecordSerializationSchema.forEnriched(config, m.blockTopic())))
                .name("kafka: " + m.blockTopic())
                .uid("moderation-block-sink");
        moderated
                .getSideOutput(ModerationFunction.TO_REVIEW)
                .sinkTo(sink(
                        config,
                        "moderation-review",
                        AvroRecordSerializationSchema.forEnriched(config, m.reviewTopic())))
                .name("kafka: " + m.reviewTopic())
                .uid("moderation-review-sink");
        return moderated;
    }

    /**
     * The policy's documents from the start of the compacted topic: replayed older versions are ignored, and a version
     * published while the job was being built is not missed.
     */
    static KafkaSource<String> policySource(JobConfig config) {
        return followedTopic(
                        config,
                        "policies",
                        config.moderation().policiesTopic(),
                        new PolicyDeserializationSchema(config.moderation().policy()),
                        OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .build();
    }

    /**
     * A job serving a registry reference follows the model events (broadcast to every subtask)
     * and swaps models while running; a job serving a fixed bundle directory has nothing to follow.
     */
    private static SingleOutputStreamOperator<EnrichedEvent> inference(
            StreamExecutionEnvironment env,
            JobConfig config,
            DataStream<PendingEvent> valid,
            EnricherFactory enrichers) {
        AvroTypeInfo<EnrichedEvent> type = new AvroTypeInfo<>(EnrichedEvent.class);
        if (config.model().bundleDir() != null) {
            return valid.transform("micro-batched inference", type, new BatchingInferenceOperator(config, enrichers))
                    .uid("inference");
        }
        DataStream<ModelEvent> modelEvents = env.fromSource(
                        modelEventSource(config),
                        WatermarkStrategy.noWatermarks(),
                        "kafka: " + config.topics().modelEvents())
                .uid("model-events-source")
                .setParallelism(1)
                .broadcast();
        return valid.connect(modelEvents)
                .transform(
                        "micro-batched inference (following " + config.model().ref() + ")",
                        type,
                        new ModelFollowingInferenceOperator(config, enrichers))
                .uid("inference");
    }

    static KafkaSource<ModelEvent> modelEventSource(JobConfig config) {
        // the registry is read at start-up; only later changes matter
        return followedTopic(
                        config,
                        "model-events",
                        config.topics().modelEvents(),
                        new ModelEventDeserializationSchema(config.registry().clientConfig()),
                        OffsetsInitializer.latest())
                .build();
    }

    /**
     * A source for a topic the job follows beside its input (model events, policies): its own consumer group and
     * client id ({@code <group>-<name>}, {@code <job>-<name>}), the pass-through client properties, and bounded when
     * the job is.
     */
    private static <T> KafkaSourceBuilder<T> followedTopic(
            JobConfig config,
            String name,
            String topic,
            KafkaRecordDeserializationSchema<T> deserializer,
            OffsetsInitializer start) {
        JobConfig.Kafka k = config.kafka();
        KafkaSourceBuilder<T> b = KafkaSource.<T>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setTopics(topic)
                .setDeserializer(deserializer)
                .setStartingOffsets(start);
        KafkaClientProperties.overlay(
                        "the " + name + " source",
                        Map.of(
                                ConsumerConfig.GROUP_ID_CONFIG,
                                k.groupId() + "-" + name,
                                "client.id.prefix",
                                config.jobName() + "-" + name),
                        k.clientProperties())
                .forEach(b::setProperty);
        if (k.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b;
    }

    static KafkaSource<RawRecord> source(JobConfig config) {
        JobConfig.Kafka k = config.kafka();
        KafkaSourceBuilder<RawRecord> b = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setTopics(config.topics().input())
                .setDeserializer(new RawRecordDeserializationSchema())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        k.startingOffsets() == JobConfig.StartingOffsets.EARLIEST
                                ? OffsetResetStrategy.EARLIEST
                                : OffsetResetStrategy.LATEST));
        KafkaClientProperties.overlay(
                        "the source",
                        Map.of(
                                ConsumerConfig.GROUP_ID_CONFIG,
                                k.groupId(),
                                "client.id.prefix",
                                config.jobName() + "-source"),
                        k.clientProperties())
                .forEach(b::setProperty);
        // after the pass-through, which JobConfig keeps from naming it anyway
        b.setProperty("isolation.level", "read_committed");
        if (k.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    static <T> KafkaSink<T> sink(JobConfig config, String name, KafkaRecordSerializationSchema<T> serializer) {
        JobConfig.Kafka k = config.kafka();
        Properties producer = new Properties();
        producer.putAll(k.clientProperties());
        // Flink's default exceeds the broker's transaction.max.timeout.ms (15 min).
        producer.setProperty("transaction.timeout.ms", Long.toString(k.transactionTimeoutMs()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(k.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.jobName() + "-" + name)
                .build();
    }
}
