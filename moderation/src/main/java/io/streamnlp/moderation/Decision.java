package io.streamnlp.moderation;

/**
 * A policy's decision on one record. {@code rule} is the path of the policy entry that fired
 * ({@code tenants.acme.thresholds.toxicity.toxic.block}, {@code tenants.default.blocklist},
 * {@code tenants.default.review_below_confidence.intent}), null when none did; {@code task} and {@code label} are what it
 * fired on (the task's top label for a confidence rule, {@code blocklist}/{@code term} for a blocklist,
 * {@code none}/{@code none} when nothing fired); {@code tenant} is the policy's tenant section that decided (a tenant
 * the policy does not name is decided by {@code default}).
 */
public record Decision(
        ModerationAction action,
        String rule,
        String tenant,
        String task,
        String label,
        String policyName,
        long policyVersion,
        boolean auditSampled) {
    public static final String BLOCKLIST_TASK = "blocklist";
    public static final String BLOCKLIST_LABEL = "term";
    public static final String NONE = "none";
    /**
     * An upper bound of a decision's size on the wire (Avro): the rule names at most three names of at most 128
     * characters (up to 4 UTF-8 bytes each) and the policy name is at most 128 ASCII characters. A record is checked
     * against the output size limit before it is decided on, with this much room kept for the decision.
     */
    public static final int MAX_BYTES = 2 * 1024;
}
