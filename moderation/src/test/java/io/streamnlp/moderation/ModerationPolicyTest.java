package io.streamnlp.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModerationPolicyTest {
    static final String POLICY = """
            {"name": "main", "version": 3, "audit_sample_rate": 0,
             "tenants": {
               "default": {"thresholds": {"toxicity": {"toxic": {"review": 0.5, "block": 0.9}},
                                          "sentiment": {"negative": {"review": 0.8}}},
                           "blocklist": ["free money", "Scam"]},
               "acme": {"thresholds": {"toxicity": {"toxic": {"review": 0.3}}}, "blocklist": ["wire transfer"]}
             }}
            """;

    static final ModerationPolicy P = ModerationPolicy.parse(POLICY);

    static ScoredText text(String tenant, String text, double toxic, double negative) {
        return new ScoredText(
                "id-1",
                tenant,
                text,
                Map.of(
                        "toxicity",
                        Map.of("toxic", toxic, "clean", 1 - toxic),
                        "sentiment",
                        Map.of("negative", negative)));
    }

    @Test
    void belowEveryThresholdIsAllowedWithNoRule() {
        Decision d = P.decide(text("other", "hello", 0.1, 0.1));
        assertThat(d.action()).isEqualTo(ModerationAction.ALLOW);
        assertThat(d.rule()).isNull();
        assertThat(d.tenant()).isEqualTo("default");
        assertThat(d.task()).isEqualTo("none");
        assertThat(d.policyName()).isEqualTo("main");
        assertThat(d.policyVersion()).isEqualTo(3);
    }

    @Test
    void theMostSevereThresholdReachedFires() {
        assertThat(P.decide(text("other", "hi", 0.6, 0.1)).rule())
                .isEqualTo("tenants.default.thresholds.toxicity.toxic.review");
        Decision block = P.decide(text("other", "hi", 0.95, 0.9));
        assertThat(block.action()).isEqualTo(ModerationAction.BLOCK);
        assertThat(block.rule()).isEqualTo("tenants.default.thresholds.toxicity.toxic.block");
        assertThat(block.task()).isEqualTo("toxicity");
        assertThat(block.label()).isEqualTo("toxic");
        // a threshold is inclusive
        assertThat(P.decide(text("other", "hi", 0.9, 0)).action()).isEqualTo(ModerationAction.BLOCK);
    }

    @Test
    void betweenEqualActionsTheFirstTaskInAlphabeticalOrderFires() {
        assertThat(P.decide(text("other", "hi", 0.6, 0.85)).rule())
                .isEqualTo("tenants.default.thresholds.sentiment.negative.review");
    }

    @Test
    void aTenantRuleReplacesTheDefaultForItsTaskAndLabelOnly() {
        Decision acme = P.decide(text("acme", "hi", 0.95, 0.1));
        // acme's toxic rule has no block threshold: it replaces the default's, which would block
        assertThat(acme.action()).isEqualTo(ModerationAction.REVIEW);
        assertThat(acme.rule()).isEqualTo("tenants.acme.thresholds.toxicity.toxic.review");
        assertThat(acme.tenant()).isEqualTo("acme");
        // the default's sentiment rule still applies to acme
        assertThat(P.decide(text("acme", "hi", 0, 0.85)).rule())
                .isEqualTo("tenants.default.thresholds.sentiment.negative.review");
    }

    @Test
    void blocklistsBlockOnWholeWordsIgnoringCaseBeforeAnyThreshold() {
        Decision d = P.decide(text("other", "This is a SCAM!", 0, 0));
        assertThat(d.action()).isEqualTo(ModerationAction.BLOCK);
        assertThat(d.rule()).isEqualTo("tenants.default.blocklist");
        assertThat(d.task()).isEqualTo("blocklist");
        assertThat(P.decide(text("other", "scammers everywhere", 0, 0)).action())
                .isEqualTo(ModerationAction.ALLOW);
        assertThat(P.decide(text("other", "get Free   money", 0, 0)).action()).isEqualTo(ModerationAction.ALLOW);
        assertThat(P.decide(text("other", "get free money now", 0, 0)).action()).isEqualTo(ModerationAction.BLOCK);
        // a tenant's blocklist adds to the default's
        assertThat(P.decide(text("acme", "send a wire transfer", 0, 0)).rule()).isEqualTo("tenants.acme.blocklist");
        assertThat(P.decide(text("acme", "a scam", 0, 0)).rule()).isEqualTo("tenants.default.blocklist");
        assertThat(P.decide(text("other", "send a wire transfer", 0, 0)).action())
                .isEqualTo(ModerationAction.ALLOW);
    }

    @Test
    void auditSamplingDependsOnTheEventIdOnlyAndFollowsTheRate() {
        ModerationPolicy sampled =
                ModerationPolicy.parse(POLICY.replace("\"audit_sample_rate\": 0", "\"audit_sample_rate\": 0.1"));
        int hits = 0;
        for (int i = 0; i < 10_000; i++) {
            ScoredText t = new ScoredText("event-" + i, "t", "x", Map.of());
            boolean first = sampled.decide(t).auditSampled();
            assertThat(sampled.decide(t).auditSampled()).isEqualTo(first);
            hits += first ? 1 : 0;
        }
        assertThat(hits).isBetween(900, 1100);
        assertThat(AuditSampler.sampled("any", 1.0)).isTrue();
        assertThat(AuditSampler.sampled("any", 0.0)).isFalse();
    }

    /** Intent below 0.5 goes to review for everyone; acme is stricter (0.7) and also reviews unsure sentiment. */
    static final ModerationPolicy UNSURE = ModerationPolicy.parse(POLICY.replace(
                    "\"blocklist\": [\"free money\", \"Scam\"]},",
                    "\"blocklist\": [\"free money\", \"Scam\"]," + " \"review_below_confidence\": {\"intent\": 0.5}},")
            .replace(
                    "\"blocklist\": [\"wire transfer\"]}",
                    "\"blocklist\": [\"wire transfer\"],"
                            + " \"review_below_confidence\": {\"intent\": 0.7, \"sentiment\": 0.6}}"));

    /** Intent's top label is refund, with {@code top}. */
    static ScoredText intent(String tenant, double top, double negative) {
        return new ScoredText(
                "id-1",
                tenant,
                "hello",
                Map.of(
                        "intent",
                        Map.of("refund", top, "order", top / 2, "other", top / 4),
                        "sentiment",
                        Map.of("negative", negative)));
    }

    @Test
    void aTopConfidenceBelowTheTasksThresholdSendsToReview() {
        Decision d = UNSURE.decide(intent("other", 0.45, 0.1));
        assertThat(d.action()).isEqualTo(ModerationAction.REVIEW);
        assertThat(d.rule()).isEqualTo("tenants.default.review_below_confidence.intent");
        assertThat(d.task()).isEqualTo("intent");
        assertThat(d.label()).as("the top label").isEqualTo("refund");
        // the threshold is exclusive
        assertThat(UNSURE.decide(intent("other", 0.5, 0.1)).action()).isEqualTo(ModerationAction.ALLOW);
        assertThat(UNSURE.decide(intent("other", 0.9, 0.1)).action()).isEqualTo(ModerationAction.ALLOW);
        // a task without a threshold is never unsure
        assertThat(UNSURE.decide(text("other", "hi", 0.45, 0.1)).action()).isEqualTo(ModerationAction.ALLOW);
    }

    @Test
    void aTenantsConfidenceThresholdReplacesTheDefaultsForItsTask() {
        Decision acme = UNSURE.decide(intent("acme", 0.65, 0.75));
        assertThat(acme.rule()).isEqualTo("tenants.acme.review_below_confidence.intent");
        assertThat(acme.tenant()).isEqualTo("acme");
        assertThat(UNSURE.decide(intent("acme", 0.75, 0.55)).rule())
                .isEqualTo("tenants.acme.review_below_confidence.sentiment");
        assertThat(UNSURE.decide(intent("other", 0.65, 0.55)).action()).isEqualTo(ModerationAction.ALLOW);
    }

    @Test
    void scoreThresholdsAndBlocklistsWinOverLowConfidence() {
        Decision block = UNSURE.decide(new ScoredText(
                "id-1", "other", "hi", Map.of("intent", Map.of("refund", 0.3), "toxicity", Map.of("toxic", 0.95))));
        assertThat(block.action()).isEqualTo(ModerationAction.BLOCK);
        Decision review = UNSURE.decide(new ScoredText(
                "id-1", "other", "hi", Map.of("intent", Map.of("refund", 0.3), "toxicity", Map.of("toxic", 0.6))));
        assertThat(review.rule()).isEqualTo("tenants.default.thresholds.toxicity.toxic.review");
        assertThat(UNSURE.decide(new ScoredText("id-1", "other", "a scam", Map.of("intent", Map.of("refund", 0.3))))
                        .rule())
                .isEqualTo("tenants.default.blocklist");
    }

    @Test
    void errorsNameThePathInTheDocument() {
        assertInvalid("[]", "$: must be a JSON object");
        assertInvalid("{", "$: not JSON");
        assertInvalid("{\"version\": 1, \"tenants\": {\"default\": {}}}", "$.name: is required");
        assertInvalid("{\"name\": \"a b\", \"version\": 1, \"tenants\": {\"default\": {}}}", "$.name: must be");
        assertInvalid(
                "{\"name\": \"p\", \"version\": 0, \"tenants\": {\"default\": {}}}",
                "$.version: must be a whole number");
        assertInvalid("{\"name\": \"p\", \"version\": 1, \"tenants\": {}}", "$.tenants: must have a 'default' section");
        assertInvalid(
                "{\"name\": \"p\", \"version\": 1, \"audit_sample_rate\": 2, \"tenants\": {\"default\": {}}}",
                "$.audit_sample_rate: must be a number from 0 to 1, got 2");
        assertInvalid("{\"name\": \"p\", \"version\": 1, \"tenant\": {}}", "$.tenant: unknown field");
        assertInvalid(
                POLICY.replace("\"block\": 0.9", "\"block\": \"high\""),
                "$.tenants.default.thresholds.toxicity.toxic.block: must be a number from 0 to 1, got \"high\"");
        assertInvalid(
                POLICY.replace("\"review\": 0.3", "\"allow\": 0.3"),
                "$.tenants.acme.thresholds.toxicity.toxic.allow: 'allow' takes no threshold");
        assertInvalid(
                POLICY.replace("\"review\": 0.3", "\"flag\": 0.3"),
                "$.tenants.acme.thresholds.toxicity.toxic.flag: unknown action 'flag'");
        assertInvalid(
                POLICY.replace("\"review\": 0.5", "\"review\": 0.95"),
                "$.tenants.default.thresholds.toxicity.toxic: the review threshold (0.95) is above the block threshold");
        assertInvalid(
                POLICY.replace("\"acme\"", "\"" + "a".repeat(129) + "\""),
                "$.tenants: a name must be 1-128 characters");
        assertInvalid(POLICY.replace("\"Scam\"", "\" \""), "$.tenants.default.blocklist[1]: must not be blank");
        assertInvalid(POLICY.replace("\"Scam\"", "3"), "$.tenants.default.blocklist[1]: must be a string");
        assertInvalid(
                POLICY.replace("\"blocklist\": [\"wire transfer\"]", "\"review_below_confidence\": {\"intent\": 1.5}"),
                "$.tenants.acme.review_below_confidence.intent: must be a number from 0 to 1, got 1.5");
        assertInvalid(
                POLICY.replace("\"blocklist\": [\"wire transfer\"]", "\"review_below_confidence\": [0.5]"),
                "$.tenants.acme.review_below_confidence: must be an object of classification tasks to confidences");
    }

    private static void assertInvalid(String json, String message) {
        assertThatThrownBy(() -> ModerationPolicy.parse(json))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining(message);
    }
}
