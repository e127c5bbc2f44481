package io.streamnlp.flink.moderation;

import io.streamnlp.moderation.Decision;
import io.streamnlp.moderation.ModerationPolicy;
import io.streamnlp.moderation.PolicyFollower;
import io.streamnlp.schemas.avro.EnrichedEvent;
import io.streamnlp.schemas.avro.Moderation;
import io.streamnlp.schemas.avro.ModerationAction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides on every enriched record with the followed moderation policy, stamps the decision on it, and sends block
 * decisions to {@link #BLOCKED} and review decisions (a review threshold, or a top confidence below the task's
 * {@code review_below_confidence}) and allowed records picked for the audit sample to {@link #TO_REVIEW}: the human
 * review queue. Its second input is the broadcast stream of the policy's documents: a newer valid version applies
 * to the records that follow it; an invalid one is logged, counted in {@code policies_rejected} and ignored.
 *
 * <p>The document deciding is kept in broadcast state, so a restore decides with the version the checkpoint had. Until
 * the stream brings one, the document read when the job was built decides; with none at all, records pass without a
 * decision.
 */
public final class ModerationFunction extends BroadcastProcessFunction<EnrichedEvent, String, EnrichedEvent> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ModerationFunction.class);

    /** The deciding document, by policy name. */
    public static final MapStateDescriptor<String, String> POLICY =
            new MapStateDescriptor<>("moderation-policy", Types.STRING, Types.STRING);

    public static final OutputTag<EnrichedEvent> BLOCKED =
            new OutputTag<>("moderation-block", new AvroTypeInfo<>(EnrichedEvent.class));
    public static final OutputTag<EnrichedEvent> TO_REVIEW =
            new OutputTag<>("moderation-review", new AvroTypeInfo<>(EnrichedEvent.class));

    private final String policyName;
    private final String documentAtBuild;

    private transient PolicyFollower follower;
    private transient ModerationMetrics metrics;

    /** @param documentAtBuild the policy's current document when the job was built, or null */
    public ModerationFunction(String policyName, String documentAtBuild) {
        this.policyName = policyName;
        this.documentAtBuild = documentAtBuild;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = new ModerationMetrics(getRuntimeContext().getMetricGroup(), () -> {
            ModerationPolicy p = follower == null ? null : follower.current();
            return p == null ? -1 : p.version();
        });
    }

    @Override
    public void processElement(EnrichedEvent value, ReadOnlyContext ctx, Collector<EnrichedEvent> out)
            throws Exception {
        ModerationPolicy policy = follower(ctx.getBroadcastState(POLICY)).current();
        if (policy != null) {
            Decision d = policy.decide(ScoredTexts.of(value));
            value.setModeration(Moderation.newBuilder()
                    .setAction(ModerationAction.valueOf(d.action().name()))
                    .setRule(d.rule())
                    .setPolicyName(d.policyName())
                    .setPolicyVersion(d.policyVersion())
                    .setAuditSampled(d.auditSampled())
                    .build());
            metrics.decided(d);
            if (blocked(value.getModeration())) {
                ctx.output(BLOCKED, value);
            } else if (toReview(value.getModeration())) {
                ctx.output(TO_REVIEW, value);
            }
        }
        out.collect(value);
    }

    /** Whether a record with this decision (null: none) goes to {@link #BLOCKED}. */
    public static boolean blocked(Moderation m) {
        return m != null && m.getAction() == ModerationAction.BLOCK;
    }

    /**
     * Whether a record with this decision (null: none) goes to {@link #TO_REVIEW}: a review decision (a review threshold
     * or a confidence below the task's {@code review_below_confidence}), or an allowed record in the audit sample.
     */
    public static boolean toReview(Moderation m) {
        return m != null
                && (m.getAction() == ModerationAction.REVIEW
                        || (m.getAction() == ModerationAction.ALLOW && m.getAuditSampled()));
    }

    @Override
    public void processBroadcastElement(String document, Context ctx, Collector<EnrichedEvent> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(POLICY);
        PolicyFollower.Offer offer = follower(state).offer(document);
        switch (offer.outcome()) {
            case APPLIED -> {
                state.put(policyName, document);
                metrics.policyApplied();
                LOG.info("moderation now follows policy {}", follower.current());
            }
            case INVALID -> {
                metrics.policyRejected();
                LOG.warn(
                        "ignoring an invalid document of moderation policy '{}' ({} keeps deciding): {}",
                        policyName,
                        follower.current(),
                        offer.reason());
            }
            case IGNORED -> LOG.debug("ignoring a document of moderation policy '{}': {}", policyName, offer.reason());
        }
    }

    /** Seeded on first use, once the (possibly restored) state can be read: the checkpointed document wins. */
    private PolicyFollower follower(ReadOnlyBroadcastState<String, String> state) throws Exception {
        if (follower == null) {
            follower = new PolicyFollower(policyName);
            String restored = state.get(policyName);
            String seed = restored != null ? restored : documentAtBuild;
            if (seed != null && follower.offer(seed).outcome() != PolicyFollower.Outcome.APPLIED) {
                LOG.warn("the stored document of moderation policy '{}' does not apply", policyName);
            }
        }
        return follower;
    }
}
