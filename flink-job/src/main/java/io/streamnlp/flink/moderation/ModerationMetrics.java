package io.streamnlp.flink.moderation;

import io.streamnlp.flink.metrics.EnrichmentMetrics;
import io.streamnlp.moderation.Decision;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Moderation metrics under {@code streamnlp.moderation}: a counter per action ({@code allow}, {@code review},
 * {@code block}) for each tenant section, task and label ({@code streamnlp.moderation.tenant.<t>.task.<task>.label.
 * <label>.<action>}; in Prometheus {@code ..._streamnlp_moderation_<action>} with the labels tenant, task and label). The tenant is the policy's section that decided, so unnamed tenants count under {@code default} and the
 * series stay as few as the policy's rules.
 */
final class ModerationMetrics {
    private final MetricGroup group;
    private final Map<String, Counter> decisions = new HashMap<>();
    private final Counter policiesApplied;
    private final Counter policiesRejected;

    ModerationMetrics(MetricGroup operatorGroup, LongSupplier policyVersion) {
        this.group = operatorGroup.addGroup(EnrichmentMetrics.GROUP).addGroup("moderation");
        this.policiesApplied = group.counter("policies_applied");
        this.policiesRejected = group.counter("policies_rejected");
        group.gauge("policy_version", policyVersion::getAsLong);
    }

    void decided(Decision d) {
        String action = d.action().wireName();
        decisions
                .computeIfAbsent(
                        d.tenant() + '\u0000' + d.task() + '\u0000' + d.label() + '\u0000' + action,
                        k -> group.addGroup("tenant", d.tenant())
                                .addGroup("task", d.task())
                                .addGroup("label", d.label())
                                .counter(action))
                .inc();
    }

    void policyApplied() {
        policiesApplied.inc();
    }

    void policyRejected() {
        policiesRejected.inc();
    }
}
