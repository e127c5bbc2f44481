package io.streamnlp.cli.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamnlp.cli.CliRun;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamnlp policy publish} against the local stack's broker. */
@ExtendWith(LocalStackExtension.class)
@Timeout(120)
class PolicyCommandTest {
    static final String POLICY = """
            {"name": "support", "version": 4,
             "tenants": {"default": {"thresholds": {"moderation": {"toxic": {"review": 0.5, "block": 0.9}}}}}}
            """;

    @TempDir
    Path temp;

    @Test
    void publishesAValidDocumentKeyedByItsNameAndRefusesAnInvalidOne(LocalStack stack) throws Exception {
        String topic = "policy-cli";
        stack.kafka().createCompactedTopic(topic, 1);
        Path config = Files.writeString(
                temp.resolve("job.properties"),
                "kafka.bootstrap.servers=" + stack.bootstrapServers() + "\ntopics.policies=" + topic + "\n");
        Path valid = Files.writeString(temp.resolve("support.json"), POLICY);
        Path invalid = Files.writeString(temp.resolve("bad.json"), POLICY.replace("0.9", "1.5"));

        CliRun ok = CliRun.of("policy", "publish", valid.toString(), "--config", config.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("published policy 'support' version 4 to " + topic), ok.out());

        CliRun bad = CliRun.of("policy", "publish", invalid.toString(), "--config", config.toString());
        assertEquals(PublishCommand.EXIT_INVALID, bad.exit());
        assertTrue(
                bad.err()
                        .contains(
                                "$.tenants.default.thresholds.moderation.toxic.block: must be a number from 0 to 1, got 1.5"),
                bad.err());

        List<ConsumerRecord<String, String>> records = readAll(stack, topic);
        assertEquals(1, records.size());
        assertEquals("support", records.get(0).key());
        assertEquals(POLICY, records.get(0).value());
    }

    private static List<ConsumerRecord<String, String>> readAll(LocalStack stack, String topic) {
        Map<String, Object> cfg = new HashMap<>(stack.kafka().clientConfig());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(cfg, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition p = new TopicPartition(topic, 0);
            c.assign(List.of(p));
            c.seekToBeginning(List.of(p));
            long end = c.endOffsets(List.of(p)).get(p);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (c.position(p) < end && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
