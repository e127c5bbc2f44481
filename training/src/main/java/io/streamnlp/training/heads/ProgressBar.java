package io.streamnlp.training.heads;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar, redrawn in place on a terminal. Redraws only when the shown percentage
 * changes, so a tight loop costs nothing and a log file gets at most a hundred lines per phase.
 */
public final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private String phase = "";
    private long total;
    private long startNanos;
    private int shownPercent = -1;

    public ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    /** A bar on stderr, redrawn in place when a console is attached. */
    public static ProgressBar stderr() {
        return new ProgressBar(System.err, System.console() != null);
    }

    @Override
    public void start(String phase, long total) {
        this.phase = phase;
        this.total = Math.max(total, 1);
        this.startNanos = System.nanoTime();
        this.shownPercent = -1;
        advance(0);
    }

    @Override
    public void advance(long done) {
        int percent = (int) Math.min(100, done * 100 / total);
        if (percent == shownPercent || (!interactive && percent % 10 != 0)) {
            return;
        }
        shownPercent = percent;
        int filled = percent * WIDTH / 100;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String line = String.format(Locale.ROOT, "%-22s [%s%s] %3d%% %d/%d %.1fs", phase,
                "#".repeat(filled), ".".repeat(WIDTH - filled), percent, done, total, seconds);
        out.print(interactive ? "\r" + line : line + "\n");
        out.flush();
    }

    @Override
    public void finish(String summary) {
        advance(total);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "%s%s done in %.1fs%s%n", interactive ? "\n" : "", phase, seconds,
                summary.isEmpty() ? "" : " (" + summary + ")");
        out.flush();
    }
}
