package io.fer.producer.publish;

/**
 * Spaces calls evenly at a fixed rate: the n-th call returns no earlier than start + n / rate. Catches up after a
 * slow spell instead of bursting without bound: at most one second of backlog is kept.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private long next;

    /** @param perSecond calls per second; 0 or less for no limit */
    public RateLimiter(double perSecond) {
        this.intervalNanos = perSecond > 0 ? Math.max(1, Math.round(1e9 / perSecond)) : 0;
        this.next = System.nanoTime();
    }

    /** Waits for the next slot. */
    public void acquire() throws InterruptedException {
        if (intervalNanos == 0) return;
        long now = System.nanoTime();
        next = Math.max(next, now - 1_000_000_000L);
        long wait = next - now;
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        next += intervalNanos;
    }
}
