package io.streamnlp.finetune.train;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A progress bar for fine-tuning on a stream (stderr): step, epoch, running loss, examples per second
 * and the dev score so far. Redrawn in place on a console; on a pipe or file, one line every
 * {@code 1/20} of the run so logs stay short.
 */
public final class TrainingProgress {

    private static final int WIDTH = 24;
    private static final double LOSS_SMOOTHING = 0.95;

    private final PrintWriter out;
    private final boolean interactive;
    private int totalSteps;
    private double smoothedLoss = Double.NaN;
    private long lastPrintedStep = -1;

    public TrainingProgress(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** Prints nothing: for tests. */
    public static TrainingProgress silent() {
        return new TrainingProgress(new PrintWriter(Writer.nullWriter()), false);
    }

    /** Hands each progress line to {@code lines}, e.g. a logger of a service that fine-tunes. */
    public static TrainingProgress lines(Consumer<String> lines) {
        return new TrainingProgress(new PrintWriter(new LineWriter(lines), true), false);
    }

    void start(int totalSteps) {
        this.totalSteps = totalSteps;
    }

    void step(int step, int epoch, float loss, double examplesPerSecond) {
        smoothedLoss = Double.isNaN(smoothedLoss) ? loss : LOSS_SMOOTHING * smoothedLoss + (1 - LOSS_SMOOTHING) * loss;
        long every = Math.max(1, totalSteps / 20);
        if (!interactive && step != totalSteps && step - lastPrintedStep < every) {
            return;
        }
        lastPrintedStep = step;
        int filled = (int) ((long) WIDTH * step / Math.max(1, totalSteps));
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        String line = String.format(Locale.ROOT, "fine-tune [%s] step %d/%d epoch %d loss %.4f %.1f ex/s",
                bar, step, totalSteps, epoch, smoothedLoss, examplesPerSecond);
        out.print(interactive ? "\r" + line : line + System.lineSeparator());
        out.flush();
    }

    void evaluated(int step, String scoreName, double score, boolean best) {
        String line = String.format(Locale.ROOT, "dev %s %.4f at step %d%s", scoreName, score, step, best ? " (best so far)" : "");
        out.print((interactive ? "\r\033[K" : "") + line + System.lineSeparator());
        out.flush();
    }

    /** A line of its own, between redraws of the bar. */
    public void message(String text) {
        out.print((interactive ? "\r\033[K" : "") + text + System.lineSeparator());
        out.flush();
    }

    /** Splits what is written into lines, without their separators. */
    private static final class LineWriter extends Writer {
        private final Consumer<String> lines;
        private final StringBuilder line = new StringBuilder();

        LineWriter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    lines.accept(line.toString());
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
