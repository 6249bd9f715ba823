package io.fer.producer.publish;

import io.fer.producer.source.SkipReason;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts of one produce run: frames sent (acknowledged by the broker), sends that failed (by error), input skipped
 * (by reason). Safe to update from the producer's callback thread.
 */
public final class RunSummary {

    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, Long> failures = new TreeMap<>();
    private final Map<SkipReason, Long> skips = new EnumMap<>(SkipReason.class);
    private long failed;
    private long skipped;

    void recordOffered() {
        offered.incrementAndGet();
    }

    void recordSent() {
        sent.incrementAndGet();
    }

    synchronized void recordFailure(Throwable error) {
        failed++;
        failures.merge(error.getClass().getSimpleName() + ": " + error.getMessage(), 1L, Long::sum);
    }

    synchronized void recordSkip(SkipReason reason) {
        skipped++;
        skips.merge(reason, 1L, Long::sum);
    }

    /** Frames handed to the producer. */
    public long offered() {
        return offered.get();
    }

    /** Frames acknowledged by the broker. */
    public long sent() {
        return sent.get();
    }

    public synchronized long failed() {
        return failed;
    }

    public synchronized long skipped() {
        return skipped;
    }

    public synchronized Map<SkipReason, Long> skipsByReason() {
        return new EnumMap<>(skips);
    }

    public synchronized Map<String, Long> failuresByError() {
        return new TreeMap<>(failures);
    }

    /** Prints the counts, then the skip reasons and the send errors. */
    public synchronized void print(PrintWriter out, String what) {
        out.printf("%s: %d sent, %d failed, %d skipped%n", what, sent(), failed, skipped);
        skips.forEach((reason, n) -> out.printf("  skipped %6d  %s%n", n, reason.description()));
        failures.forEach((error, n) -> out.printf("  failed  %6d  %s%n", n, error));
        out.flush();
    }
}
