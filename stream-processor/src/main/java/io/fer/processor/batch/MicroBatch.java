package io.fer.processor.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * The frames one task has collected for its next forward pass. It is due when it holds {@code maxSize} frames or
 * when {@code maxDelayMs} have passed since its first frame, whichever comes first. Not thread-safe: it belongs to
 * one task, used on that task's stream thread.
 */
public final class MicroBatch {
    private final int maxSize;
    private final long maxDelayMs;
    private final List<PendingFrame> frames = new ArrayList<>();
    private long firstFrameAt;

    public MicroBatch(int maxSize, long maxDelayMs) {
        if (maxSize < 1) throw new IllegalArgumentException("maxSize must be at least 1, got " + maxSize);
        if (maxDelayMs < 0) throw new IllegalArgumentException("maxDelayMs must be >= 0, got " + maxDelayMs);
        this.maxSize = maxSize;
        this.maxDelayMs = maxDelayMs;
    }

    /** Adds a frame that arrived at {@code nowMs}. */
    public void add(PendingFrame frame, long nowMs) {
        if (frames.isEmpty()) firstFrameAt = nowMs;
        frames.add(frame);
    }

    /** True when a flush is due at {@code nowMs}: the batch is full, or its first frame has waited long enough. */
    public boolean isDue(long nowMs) {
        return frames.size() >= maxSize || (!frames.isEmpty() && nowMs - firstFrameAt >= maxDelayMs);
    }

    /** Removes and returns the oldest {@code maxSize} frames (all of them when fewer). */
    public List<PendingFrame> take() {
        int n = Math.min(maxSize, frames.size());
        List<PendingFrame> out = new ArrayList<>(frames.subList(0, n));
        frames.subList(0, n).clear();
        return out;
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    public int size() {
        return frames.size();
    }
}
