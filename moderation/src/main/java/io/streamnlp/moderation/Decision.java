package io.streamnlp.moderation;

/**
 * A policy's decision on one record. {@code rule} is the path of the policy entry that fired
 * ({@code tenants.acme.thresholds.toxicity.toxic.block}, {@code tenants.default.blocklist}), null when none did;
 * {@code task} and {@code label} are what it fired on ({@code blocklist}/{@code term} for a blocklist,
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
}
