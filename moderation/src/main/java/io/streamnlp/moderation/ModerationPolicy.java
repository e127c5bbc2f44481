package io.streamnlp.moderation;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A validated policy document (see docs/moderation.md), and the decision it makes for one scored text.
 *
 * <p>Precedence, in this order: the tenant's own section, for a task and label it names, replaces the {@code default}
 * section's thresholds for that task and label; a blocklist term (the tenant's or the default's) blocks before any
 * threshold is looked at; among the thresholds a score reaches, block beats review beats allow, and between equals
 * the first task, then label, in alphabetical order fires. A record no threshold sends to review or block goes to review
 * when the top confidence of a task is below that task's {@code review_below_confidence} (the tenant's, else the
 * default's; the first such task in alphabetical order is the rule). Audit sampling never changes the action.
 */
public final class ModerationPolicy {
    /** The tenant section that decides for tenants the policy does not name. */
    public static final String DEFAULT_TENANT = "default";

    private final String name;
    private final long version;
    private final double auditSampleRate;
    private final Map<String, TenantRules> tenants;

    ModerationPolicy(String name, long version, double auditSampleRate, Map<String, TenantRules> tenants) {
        this.name = name;
        this.version = version;
        this.auditSampleRate = auditSampleRate;
        this.tenants = Map.copyOf(tenants);
    }

    /** Parses and validates a policy document. */
    public static ModerationPolicy parse(String json) {
        return PolicyParser.parse(json);
    }

    public String name() {
        return name;
    }

    public long version() {
        return version;
    }

    public double auditSampleRate() {
        return auditSampleRate;
    }

    public Decision decide(ScoredText text) {
        TenantRules defaults = tenants.get(DEFAULT_TENANT);
        TenantRules own = tenants.getOrDefault(text.tenant(), defaults);
        boolean sampled = AuditSampler.sampled(text.id(), auditSampleRate);
        for (TenantRules rules : own == defaults ? List.of(defaults) : List.of(own, defaults)) {
            if (rules.blocklist().matches(text.text())) {
                return new Decision(
                        ModerationAction.BLOCK,
                        "tenants." + rules.name() + ".blocklist",
                        own.name(),
                        Decision.BLOCKLIST_TASK,
                        Decision.BLOCKLIST_LABEL,
                        name,
                        version,
                        sampled);
            }
        }
        Decision best = new Decision(
                ModerationAction.ALLOW, null, own.name(), Decision.NONE, Decision.NONE, name, version, sampled);
        for (Map.Entry<String, SortedMap<String, Double>> task :
                sorted(text.scores()).entrySet()) {
            for (Map.Entry<String, Double> label : task.getValue().entrySet()) {
                TenantRules rules = own;
                Map<ModerationAction, Double> thresholds = own.thresholds(task.getKey(), label.getKey());
                if (thresholds == null) {
                    rules = defaults;
                    thresholds = defaults.thresholds(task.getKey(), label.getKey());
                }
                if (thresholds == null) {
                    continue;
                }
                ModerationAction reached = reached(thresholds, label.getValue());
                if (reached.moreSevereThan(best.action())) {
                    String rule = "tenants." + rules.name() + ".thresholds." + task.getKey() + "." + label.getKey()
                            + "." + reached.wireName();
                    best = new Decision(
                            reached, rule, own.name(), task.getKey(), label.getKey(), name, version, sampled);
                }
            }
        }
        return best.action() == ModerationAction.ALLOW ? lowConfidence(text, own, defaults, sampled, best) : best;
    }

    /** REVIEW for the first task whose top confidence is below its threshold, else {@code allowed}. */
    private Decision lowConfidence(
            ScoredText text, TenantRules own, TenantRules defaults, boolean sampled, Decision allowed) {
        for (Map.Entry<String, SortedMap<String, Double>> task :
                sorted(text.scores()).entrySet()) {
            TenantRules rules = own.reviewBelowConfidence().containsKey(task.getKey()) ? own : defaults;
            Double below = rules.reviewBelowConfidence().get(task.getKey());
            Map.Entry<String, Double> top = task.getValue().entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElse(null);
            if (below != null && top != null && top.getValue() < below) {
                return new Decision(
                        ModerationAction.REVIEW,
                        "tenants." + rules.name() + ".review_below_confidence." + task.getKey(),
                        own.name(),
                        task.getKey(),
                        top.getKey(),
                        name,
                        version,
                        sampled);
            }
        }
        return allowed;
    }

    /** The most severe action whose threshold the score reaches. */
    private static ModerationAction reached(Map<ModerationAction, Double> thresholds, double score) {
        for (ModerationAction a : List.of(ModerationAction.BLOCK, ModerationAction.REVIEW)) {
            Double min = thresholds.get(a);
            if (min != null && score >= min) {
                return a;
            }
        }
        return ModerationAction.ALLOW;
    }

    private static SortedMap<String, SortedMap<String, Double>> sorted(Map<String, Map<String, Double>> scores) {
        SortedMap<String, SortedMap<String, Double>> out = new TreeMap<>();
        scores.forEach((task, labels) -> out.put(task, new TreeMap<>(labels)));
        return out;
    }

    @Override
    public String toString() {
        return name + " v" + version;
    }
}
