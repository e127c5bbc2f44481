package io.streamnlp.training.heads;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The project's one text progress bar (head training, encoding, evaluation, fine-tuning), redrawn
 * in place on a terminal. Redraws only when the shown percentage changes, so a tight loop costs
 * nothing; on a pipe or a log it writes a line every tenth of a phase.
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean interactive;
    private String phase = "";
    private String unit = "";
    private long total;
    private long startNanos;
    private int shownPercent = -1;

    public ProgressBar(PrintWriter out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A bar on stderr, redrawn in place when a console is attached. */
    public static ProgressBar stderr() {
        return new ProgressBar(new PrintWriter(System.err, true), System.console() != null);
    }

    /** Hands each line to {@code lines}, without separators: for a service's logger. */
    public static ProgressBar lines(Consumer<String> lines) {
        return new ProgressBar(new PrintWriter(new LineWriter(lines), true), false);
    }

    /** Shows nothing. */
    public static ProgressBar silent() {
        return new ProgressBar(new PrintWriter(Writer.nullWriter()), false);
    }

    @Override
    public void start(String phase, long total) {
        start(phase, total, "");
    }

    /** Starts a phase whose counts are shown with {@code unit}, e.g. "step 12/300". */
    public void start(String phase, long total, String unit) {
        this.phase = phase;
        this.unit = unit.isEmpty() ? "" : unit + " ";
        this.total = Math.max(total, 1);
        this.startNanos = System.nanoTime();
        this.shownPercent = -1;
        advance(0);
    }

    @Override
    public void advance(long done) {
        advance(done, "");
    }

    /** Like {@link #advance(long)}, with {@code detail} (loss, speed) after the counts. */
    public void advance(long done, String detail) {
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == shownPercent || (!interactive && percent % 10 != 0)) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String line = String.format(
                Locale.ROOT,
                "%s [%s%s] %3d%% %s%d/%d %.1fs%s",
                phase,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                percent,
                unit,
                done,
                total,
                seconds,
                detail.isEmpty() ? "" : " " + detail);
        out.print(interactive ? "\r\033[K" + line : line + System.lineSeparator());
        out.flush();
    }

    /** A line of its own between redraws of the bar. */
    public void message(String text) {
        out.print((interactive ? "\r\033[K" : "") + text + System.lineSeparator());
        out.flush();
    }

    @Override
    public void finish(String summary) {
        advance(total);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(
                Locale.ROOT,
                "%s%s done in %.1fs%s%n",
                interactive ? "\n" : "",
                phase,
                seconds,
                summary.isEmpty() ? "" : " (" + summary + ")");
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
