package io.fer.cli.pipeline;

import java.util.Arrays;

/**
 * Latencies in milliseconds, kept exactly (a run has at most some hundred thousand), with nearest-rank percentiles:
 * the p-th percentile is the smallest recorded value such that at least p% of the values are at or below it.
 * Thread-safe.
 */
public final class LatencyHistogram {
    private long[] values = new long[1024];
    private int count;

    /** Records one latency; negative values (clock steps) count as 0. */
    public synchronized void record(long millis) {
        if (count == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[count++] = Math.max(0, millis);
    }

    public synchronized int count() {
        return count;
    }

    /**
     * The nearest-rank percentile.
     *
     * @param p in (0, 100]
     * @throws IllegalArgumentException for p outside (0, 100]
     * @throws IllegalStateException    when nothing was recorded
     */
    public synchronized long percentile(double p) {
        if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("a percentile is in (0, 100], got " + p);
        if (count == 0) throw new IllegalStateException("no latency recorded");
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * count);
        return sorted[Math.max(1, rank) - 1];
    }

    public synchronized double mean() {
        if (count == 0) throw new IllegalStateException("no latency recorded");
        long sum = 0;
        for (int i = 0; i < count; i++) sum += values[i];
        return (double) sum / count;
    }

    public synchronized long max() {
        return percentile(100);
    }
}
