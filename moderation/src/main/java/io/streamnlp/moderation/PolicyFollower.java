package io.streamnlp.moderation;

/**
 * Follows one named policy through a stream of documents (a compacted topic, replays included): a document replaces
 * the current policy only when it is valid, has the followed name and a higher version. A replayed or reordered older
 * version is ignored, and an invalid one leaves the current policy deciding. Not thread-safe.
 */
public final class PolicyFollower {
    /** What became of one offered document. */
    public enum Outcome {
        APPLIED,
        /** Another policy's document, or a version not newer than the current one. */
        IGNORED,
        INVALID
    }

    /** The outcome, and for {@link Outcome#INVALID} or {@link Outcome#IGNORED} why. */
    public record Offer(Outcome outcome, String reason) {}

    private final String name;
    private ModerationPolicy current;
    private String currentDocument;

    public PolicyFollower(String name) {
        this.name = name;
    }

    public Offer offer(String document) {
        ModerationPolicy next;
        try {
            next = ModerationPolicy.parse(document);
        } catch (InvalidPolicyException e) {
            return new Offer(Outcome.INVALID, e.getMessage());
        }
        if (!next.name().equals(name)) {
            return new Offer(Outcome.IGNORED, "policy '" + next.name() + "' is not the followed '" + name + "'");
        }
        if (current != null && next.version() <= current.version()) {
            return new Offer(Outcome.IGNORED, "version " + next.version() + " is not newer than " + current.version());
        }
        current = next;
        currentDocument = document;
        return new Offer(Outcome.APPLIED, null);
    }

    /** The policy deciding now; null until a valid document was offered. */
    public ModerationPolicy current() {
        return current;
    }

    /** The document of {@link #current()}, for a checkpoint; null when there is none. */
    public String currentDocument() {
        return currentDocument;
    }

    public String name() {
        return name;
    }
}
