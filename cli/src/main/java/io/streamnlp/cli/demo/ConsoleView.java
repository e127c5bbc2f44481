package io.streamnlp.cli.demo;

import java.io.PrintStream;

/** Redraws the live view in place on a terminal; elsewhere (logs, CI) prints a block every ten seconds. */
final class ConsoleView {
    private final PrintStream out;
    private final boolean terminal = System.console() != null;
    private int linesShown;
    private long calls;

    ConsoleView(PrintStream out) {
        this.out = out;
    }

    void show(String screen) {
        if (terminal) {
            if (linesShown > 0) {
                out.print("\u001b[" + linesShown + "F\u001b[J");
            }
            out.print(screen);
            linesShown = (int) screen.chars().filter(c -> c == '\n').count();
        } else if (calls % 10 == 0) {
            out.print(screen);
        }
        calls++;
        out.flush();
    }
}
