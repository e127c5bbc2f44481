package io.streamnlp.flink.moderation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the documents of one policy from the policies topic: the value (UTF-8 JSON) of every record keyed by the
 * policy's name. Other policies' records and tombstones are skipped; a document is validated where it is applied, so
 * that a bad one is counted there and the current policy keeps deciding.
 */
public final class PolicyDeserializationSchema implements KafkaRecordDeserializationSchema<String> {
    private static final long serialVersionUID = 1L;

    private final byte[] policyKey;

    public PolicyDeserializationSchema(String policyName) {
        this.policyKey = policyName.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
        if (record.value() != null && Arrays.equals(record.key(), policyKey)) {
            out.collect(new String(record.value(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
