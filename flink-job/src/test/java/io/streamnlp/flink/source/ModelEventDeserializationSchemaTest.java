package io.streamnlp.flink.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.schemas.avro.ModelEvent;
import io.streamnlp.schemas.serde.ConfluentWireFormat;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A model event that cannot be read is counted and skipped, whatever the reason, and never fails the source. */
class ModelEventDeserializationSchemaTest {

    /** Every counter by name, whatever group it was added under. */
    private static final class CountingGroup extends UnregisteredMetricsGroup {
        final Map<String, Counter> counters = new HashMap<>();

        @Override
        public MetricGroup addGroup(String name) {
            return this;
        }

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new SimpleCounter());
        }
    }

    @Test
    void unreadableEventsAreCountedAndSkipped() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ModelEventDeserializationSchema schema = new ModelEventDeserializationSchema(Map.of(
                "schema.registry.url", "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7", "max.retries", "0"));
        CountingGroup metrics = new CountingGroup();
        schema.open(new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return metrics;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
            }
        });
        List<ModelEvent> out = new ArrayList<>();
        Collector<ModelEvent> collector = new Collector<>() {
            @Override
            public void collect(ModelEvent record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };

        schema.deserialize(record(null), collector);
        assertThat(metrics.counters.get("model_events_skipped").getCount()).isZero();
        schema.deserialize(record("not avro at all".getBytes()), collector);
        // a well-framed event whose schema cannot be fetched: the registry is down
        schema.deserialize(record(ConfluentWireFormat.frame(42, new byte[] {2})), collector);

        assertThat(out).isEmpty();
        assertThat(metrics.counters.get("model_events_skipped").getCount()).isEqualTo(2);
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>("model-events", 0, 7, "default/champion".getBytes(), value);
    }
}
