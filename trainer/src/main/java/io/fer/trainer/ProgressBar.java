package io.fer.trainer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar with ETA on stderr. On a terminal it redraws one line; into a file (e.g. under nohup) it writes a
 * line every 30 seconds instead.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long TERMINAL_INTERVAL_NS = 200_000_000L;
    private static final long FILE_INTERVAL_NS = 30_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;

    ProgressBar(PrintStream out, String label, int total) {
        this.out = out;
        this.terminal = System.console() != null;
        this.label = label;
        this.total = Math.max(total, 1);
        this.lastDraw = terminal ? 0 : start;
    }

    /** Reports that {@code done} of the steps are finished; {@code status} is appended (e.g. running loss). */
    void update(int done, String status) {
        long now = System.nanoTime();
        boolean last = done >= total;
        if (!last && now - lastDraw < (terminal ? TERMINAL_INTERVAL_NS : FILE_INTERVAL_NS)) return;
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        double eta = done == 0 ? 0 : elapsed * (total - done) / done;
        int filled = (int) ((long) WIDTH * done / total);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        String line = String.format(Locale.ROOT, "%s [%s] %d/%d %s elapsed %s ETA %s", label, bar, done, total, status,
                duration(elapsed), duration(eta));
        if (terminal) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** {@code h:mm:ss} or {@code m:ss}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
