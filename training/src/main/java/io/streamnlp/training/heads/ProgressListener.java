package io.streamnlp.training.heads;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

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

    /**
     * Reports nothing, and stops the work that reports to it (with a {@link CancellationException} from
     * {@link #start} or {@link #advance}) once {@code stop} says so: training and encoding check at every batch.
     */
    static ProgressListener stoppingWhen(BooleanSupplier stop) {
        return new ProgressListener() {
            @Override
            public void start(String phase, long total) {
                check(phase);
            }

            @Override
            public void advance(long done) {
                check("work");
            }

            @Override
            public void finish(String summary) {}

            private void check(String what) {
                if (stop.getAsBoolean()) {
                    throw new CancellationException(what + " stopped");
                }
            }
        };
    }

    /** A new phase begins with {@code total} units of work. */
    void start(String phase, long total);

    /** {@code done} units of the current phase are complete (monotonic). */
    void advance(long done);

    /** The phase is complete; {@code summary} is a short result such as "loss 0.21". */
    void finish(String summary);
}
