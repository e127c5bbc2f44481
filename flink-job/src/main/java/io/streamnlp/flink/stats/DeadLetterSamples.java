package io.streamnlp.flink.stats;

import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.schemas.registry.SchemaRegistryException;
import io.streamnlp.schemas.serde.AvroRecordDeserializer;
import io.streamnlp.schemas.serde.AvroSerdeException;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dead letter's stats sample, with the tenant of its event where the reason says the value decoded (validation
 * and inference refusals) and {@value #UNKNOWN_TENANT} otherwise. A {@code DeadLetter} carries only the original bytes,
 * so the tenant is read back from them; the registry's schema is cached, and dead letters are few.
 */
final class DeadLetterSamples extends RichMapFunction<DeadLetter, StatsSample> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSamples.class);

    static final String UNKNOWN_TENANT = "unknown";
    /** Reasons given only to records whose value decoded into a TextEvent. */
    private static final Set<DeadLetterReason> DECODED = EnumSet.of(
            DeadLetterReason.EMPTY_TEXT,
            DeadLetterReason.TEXT_TOO_LONG,
            DeadLetterReason.ATTRIBUTES_TOO_LARGE,
            DeadLetterReason.INFERENCE_FAILED,
            DeadLetterReason.OUTPUT_TOO_LARGE);

    private final Map<String, String> registryConfig;

    private transient AvroRecordDeserializer<TextEvent> events;

    DeadLetterSamples(Map<String, String> registryConfig) {
        this.registryConfig = registryConfig;
    }

    @Override
    public void open(OpenContext openContext) {
        events = AvroRecordDeserializer.fromConfig(registryConfig, TextEvent.class, false);
    }

    @Override
    public StatsSample map(DeadLetter d) {
        return StatsSample.of(d, tenant(d));
    }

    private String tenant(DeadLetter d) {
        if (!DECODED.contains(d.getReason()) || d.getValue() == null) {
            return UNKNOWN_TENANT;
        }
        try {
            return events.deserialize(d.getTopic(), bytes(d.getValue())).getTenant();
        } catch (AvroSerdeException e) {
            // an OUTPUT_TOO_LARGE value cut to output.dead-letter-bytes-cap
            return UNKNOWN_TENANT;
        } catch (SchemaRegistryException e) {
            LOG.warn("counting a {} dead letter under tenant '{}': {}", d.getReason(), UNKNOWN_TENANT, e.toString());
            return UNKNOWN_TENANT;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
