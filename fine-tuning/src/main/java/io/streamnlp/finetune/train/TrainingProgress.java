package io.streamnlp.finetune.train;

import io.streamnlp.training.heads.ProgressBar;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Fine-tuning's view of the project's {@link ProgressBar}: step, epoch, running loss, examples per
 * second and the dev score so far.
 */
public final class TrainingProgress {

    private static final double LOSS_SMOOTHING = 0.95;

    private final ProgressBar bar;
    private double smoothedLoss = Double.NaN;

    public TrainingProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** Prints nothing: for tests. */
    public static TrainingProgress silent() {
        return new TrainingProgress(ProgressBar.silent());
    }

    /** Hands each progress line to {@code lines}, e.g. a logger of a service that fine-tunes. */
    public static TrainingProgress lines(Consumer<String> lines) {
        return new TrainingProgress(ProgressBar.lines(lines));
    }

    void start(int totalSteps) {
        bar.start("fine-tune", totalSteps, "step");
    }

    void step(int step, int epoch, float loss, double examplesPerSecond) {
        smoothedLoss = Double.isNaN(smoothedLoss) ? loss : LOSS_SMOOTHING * smoothedLoss + (1 - LOSS_SMOOTHING) * loss;
        bar.advance(
                step,
                String.format(Locale.ROOT, "epoch %d loss %.4f %.1f ex/s", epoch, smoothedLoss, examplesPerSecond));
    }

    void evaluated(int step, String scoreName, double score, boolean best) {
        bar.message(String.format(
                Locale.ROOT, "dev %s %.4f at step %d%s", scoreName, score, step, best ? " (best so far)" : ""));
    }

    /** A line of its own, between redraws of the bar. */
    public void message(String text) {
        bar.message(text);
    }
}
