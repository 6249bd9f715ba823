package io.fer.producer.publish;

import java.io.PrintWriter;

/**
 * A progress line on the terminal (stderr), redrawn at most once per interval: frames sent, failed, skipped and
 * the current rate. Without a terminal each update is a new line, less often.
 */
public final class ProgressLine {

    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private long lastSent;
    private boolean lineOpen;

    public ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 1_000_000_000L : 10_000_000_000L;
    }

    /** Redraws the line if the interval has passed. */
    public void update(RunSummary summary) {
        long now = System.nanoTime();
        if (now - lastPrint < intervalNanos) return;
        long sent = summary.sent();
        double rate = (sent - lastSent) / ((now - lastPrint) / 1e9);
        String line = String.format("sent %d  failed %d  skipped %d  %.1f frames/s  %ds",
                sent, summary.failed(), summary.skipped(), rate, (now - start) / 1_000_000_000L);
        if (terminal) out.print("\r" + line + "   ");
        else out.println(line);
        out.flush();
        lineOpen = terminal;
        lastPrint = now;
        lastSent = sent;
    }

    /** Ends the redrawn line so that what is printed next starts on a fresh one. */
    public void finish() {
        if (lineOpen) {
            out.println();
            out.flush();
            lineOpen = false;
        }
    }
}
