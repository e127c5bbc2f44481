package io.streamnlp.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamnlp.flink.config.JobConfig;
import io.streamnlp.flink.moderation.PolicyPublisher;
import io.streamnlp.localstack.LocalStack;
import io.streamnlp.localstack.junit.LocalStackExtension;
import io.streamnlp.registry.ModelStore;
import io.streamnlp.schemas.avro.DeadLetter;
import io.streamnlp.schemas.avro.DeadLetterReason;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.EnrichmentStats;
import io.streamnlp.schemas.avro.Moderation;
import io.streamnlp.schemas.avro.ModerationAction;
import io.streamnlp.schemas.avro.TextEvent;
import io.streamnlp.training.bundle.DefaultBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moderation end to end on the real stack: one policy decides allow, review (a threshold, or a confidence below the
 * task's minimum) and block on known texts, the block and review records land on their topics exactly once, and a new
 * policy version changes decisions without a restart while an invalid one is ignored. The same run checks the
 * enrichment-stats topic, window by window, against everything the job wrote to its other topics.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(300)
class ModerationJobTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobMetrics.miniCluster(METRICS);

    private final JobMetrics metrics = new JobMetrics(METRICS);

    @TempDir
    Path registryDir;

    static final Duration STATS_WINDOW = Duration.ofSeconds(5);

    /**
     * Tenant "strict" reviews everything; tenant "unsure" reviews a category below a confidence of 1 (the default
     * model's top category score for ORDER is below it); the default tenant blocks "chargeback" and very offensive texts.
     */
    static final String V1 = """
            {"name": "main", "version": 1, "audit_sample_rate": 0,
             "tenants": {
               "default": {"thresholds": {"moderation": {"offensive_language": {"review": 0.5, "block": 0.9}}},
                           "blocklist": ["chargeback"]},
               "strict": {"thresholds": {"moderation": {"offensive_language": {"review": 0.0}}}},
               "unsure": {"review_below_confidence": {"category": 1}}
             }}
            """;
    /** Also blocks "package", and samples every allowed record for audit. */
    static final String V2 = V1.replace("\"version\": 1", "\"version\": 2")
            .replace("\"audit_sample_rate\": 0", "\"audit_sample_rate\": 1")
            .replace("[\"chargeback\"]", "[\"chargeback\", \"package\"]");
    /** A version the job must refuse: a threshold that is not a number. */
    static final String INVALID =
            V1.replace("\"version\": 1", "\"version\": 99").replace("0.9", "\"high\"");

    static final String ORDER =
            "My order ORD-48213 still has not arrived. It was due last Monday. Where is my package?";
    static final String LOGIN =
            "I cannot log in to my account since the update, the password reset email never arrives.";

    @Test
    void decidesRoutesAndFollowsNewPolicyVersions(LocalStack stack) throws Exception {
        String name = "moderation";
        stack.kafka().createTopics(1, name + "-in", name + "-out", name + "-dlq", name + "-drift", name + "-stats");
        stack.kafka().createTopics(1, name + "-block", name + "-review");
        stack.kafka().createCompactedTopic(name + "-models", 1);
        stack.kafka().createCompactedTopic(name + "-policies", 1);
        DefaultBundle.ensure(ModelStore.open(registryDir));
        KafkaTopics kafka = new KafkaTopics(stack);
        Map<String, Object> producer = new HashMap<>(stack.kafka().clientConfig());

        Map<String, String> cfg = kafka.jobConfig(name, registryDir);
        cfg.put("moderation.enabled", "true");
        cfg.put("moderation.policy", "main");
        cfg.put("topics.policies", name + "-policies");
        cfg.put("topics.moderation-block", name + "-block");
        cfg.put("topics.moderation-review", name + "-review");
        cfg.put("stats.window", STATS_WINDOW.toMillis() + "ms");
        cfg.put("stats.out-of-orderness", "1s");
        cfg.put("stats.idle-timeout", "2s");
        PolicyPublisher.publish(producer, name + "-policies", V1);
        kafka.produce(
                name + "-in",
                List.of(
                        event("allowed", "acme", ORDER),
                        event("reviewed", "strict", LOGIN),
                        event("unsure", "unsure", ORDER),
                        event("blocked", "acme", "Fix this today or I file a chargeback with my bank.")));
        kafka.produceRaw(
                name + "-in", List.<byte[][]>of(new byte[][] {bytes("poison"), bytes("not avro")}, new byte[][] {
                    bytes("empty"), kafka.encode(name + "-in", event("empty", "acme", " "))
                }));

        JobClient job = EnrichmentJob.start(StreamExecutionEnvironment.getExecutionEnvironment(), JobConfig.of(cfg));
        try {
            Map<String, Moderation> first =
                    decisions(kafka.read(name + "-out", EnrichedEvent.class, 4, Duration.ofSeconds(120)));
            assertDecision(first.get("allowed"), ModerationAction.ALLOW, null, 1, false);
            assertDecision(
                    first.get("reviewed"),
                    ModerationAction.REVIEW,
                    "tenants.strict.thresholds.moderation.offensive_language.review",
                    1,
                    false);
            assertDecision(first.get("blocked"), ModerationAction.BLOCK, "tenants.default.blocklist", 1, false);
            assertDecision(
                    first.get("unsure"),
                    ModerationAction.REVIEW,
                    "tenants.unsure.review_below_confidence.category",
                    1,
                    false);

            kafka.produceRaw(name + "-policies", List.<byte[][]>of(new byte[][] {bytes("main"), bytes(INVALID)}));
            PolicyPublisher.publish(producer, name + "-policies", V2);
            // the topic is read in order: once v2 applies, the invalid version before it has been refused
            metrics.await(job.getJobID(), "policies_applied", 1, Duration.ofSeconds(60));
            assertThat(metrics.sum(job.getJobID(), "policies_rejected")).isEqualTo(1);
            assertThat(metrics.sum(job.getJobID(), "policy_version")).isEqualTo(2);

            kafka.produce(
                    name + "-in", List.of(event("allowed-again", "acme", ORDER), event("audited", "acme", LOGIN)));
            List<EnrichedEvent> enriched =
                    kafka.read(name + "-out", EnrichedEvent.class, 6, Duration.ofSeconds(90)).stream()
                            .map(ConsumerRecord::value)
                            .toList();
            Map<String, Moderation> all = enriched.stream()
                    .collect(Collectors.toMap(e -> e.getEvent().getId(), EnrichedEvent::getModeration));
            assertThat(all).hasSize(6);
            assertDecision(all.get("allowed-again"), ModerationAction.BLOCK, "tenants.default.blocklist", 2, true);
            assertDecision(all.get("audited"), ModerationAction.ALLOW, null, 2, true);

            List<String> blocked = ids(kafka.read(name + "-block", EnrichedEvent.class, 2, Duration.ofSeconds(60)));
            assertThat(blocked).containsExactlyInAnyOrder("blocked", "allowed-again");
            List<String> reviewed = ids(kafka.read(name + "-review", EnrichedEvent.class, 3, Duration.ofSeconds(60)));
            assertThat(reviewed).containsExactlyInAnyOrder("reviewed", "unsure", "audited");
            assertThat(metrics.sum(job.getJobID(), "streamnlp\\.moderation\\..*\\.block$"))
                    .isEqualTo(2);
            assertThat(metrics.sum(job.getJobID(), "streamnlp\\.moderation\\..*\\.review$"))
                    .isEqualTo(2);
            assertThat(metrics.sum(job.getJobID(), "streamnlp\\.moderation\\..*\\.allow$"))
                    .isEqualTo(2);

            List<DeadLetter> deadLetters =
                    kafka.read(name + "-dlq", DeadLetter.class, 2, Duration.ofSeconds(30)).stream()
                            .map(ConsumerRecord::value)
                            .toList();
            // windows close on the quiet-stream watermark: the window, then the idle timeout and out-of-orderness
            StatsTopic stats = new StatsTopic(
                    kafka.readUntil(
                            name + "-stats",
                            EnrichmentStats.class,
                            r -> StatsTopic.holds(r, enriched.size(), deadLetters.size()),
                            Duration.ofSeconds(60)),
                    STATS_WINDOW.toMillis());
            stats.assertMatches(
                    enriched,
                    Set.copyOf(reviewed),
                    Set.copyOf(blocked),
                    deadLetters,
                    d -> d.getReason() == DeadLetterReason.EMPTY_TEXT ? "acme" : "unknown");
        } finally {
            job.cancel().get();
        }
    }

    /** An event created now, as a live producer's would be, so that event time follows the wall clock. */
    private static TextEvent event(String id, String tenant, String text) {
        return TextEvent.newBuilder(KafkaTopics.event(id, text))
                .setTenant(tenant)
                .setCreatedAt(Instant.now())
                .build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decisions by event id; every id at most once (a duplicate fails the collector). */
    private static Map<String, Moderation> decisions(List<ConsumerRecord<byte[], EnrichedEvent>> records) {
        return records.stream()
                .map(ConsumerRecord::value)
                .collect(Collectors.toMap(e -> e.getEvent().getId(), EnrichedEvent::getModeration));
    }

    private static List<String> ids(List<ConsumerRecord<byte[], EnrichedEvent>> records) {
        return records.stream().map(r -> r.value().getEvent().getId()).toList();
    }

    private static void assertDecision(
            Moderation m, ModerationAction action, String rule, long version, boolean audited) {
        assertThat(m).isNotNull();
        assertThat(m.getAction()).isEqualTo(action);
        assertThat(m.getRule()).isEqualTo(rule);
        assertThat(m.getPolicyName()).isEqualTo("main");
        assertThat(m.getPolicyVersion()).isEqualTo(version);
        assertThat(m.getAuditSampled()).isEqualTo(audited);
    }
}
