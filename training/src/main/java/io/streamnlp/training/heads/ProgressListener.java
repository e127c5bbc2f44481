package io.streamnlp.training.heads;

/** Told how far a long step (encoding, training) has got. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String phase, long total) {}

        @Override
        public void advance(long done) {}

        @Override
        public void finish(String summary) {}
    };

    /** A new phase begins with {@code total} units of work. */
    void start(String phase, long total);

    /** {@code done} units of the current phase are complete (monotonic). */
    void advance(long done);

    /** The phase is complete; {@code summary} is a short result such as "loss 0.21". */
    void finish(String summary);
}
