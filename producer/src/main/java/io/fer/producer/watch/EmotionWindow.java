package io.fer.producer.watch;

import io.fer.schemas.Emotion;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Per stream, how often each emotion was predicted over a sliding window of event time: the events whose capture
 * timestamp lies within {@code window} of the newest one seen on that stream. Not thread-safe.
 */
public final class EmotionWindow {

    private record Entry(long captureMillis, Emotion emotion) {
    }

    private static final class StreamWindow {
        final PriorityQueue<Entry> entries = new PriorityQueue<>(Comparator.comparingLong(Entry::captureMillis));
        final int[] counts = new int[Emotion.values().length];
        long newestMillis = Long.MIN_VALUE;
    }

    private final long windowMillis;
    private final Map<String, StreamWindow> streams = new TreeMap<>();

    public EmotionWindow(Duration window) {
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be positive, got " + window);
        this.windowMillis = window.toMillis();
    }

    /**
     * Counts one event.
     *
     * @return false when the event is older than its stream's window and was not counted
     */
    public boolean add(String streamId, Instant captured, Emotion emotion) {
        StreamWindow w = streams.computeIfAbsent(streamId, s -> new StreamWindow());
        long t = captured.toEpochMilli();
        if (w.newestMillis != Long.MIN_VALUE && t <= w.newestMillis - windowMillis) return false;
        w.entries.add(new Entry(t, emotion));
        w.counts[emotion.ordinal()]++;
        if (t > w.newestMillis) {
            w.newestMillis = t;
            while (!w.entries.isEmpty() && w.entries.peek().captureMillis() <= t - windowMillis) {
                w.counts[w.entries.poll().emotion().ordinal()]--;
            }
        }
        return true;
    }

    /** The counts of every emotion (zeros included) per stream, streams in name order. */
    public Map<String, Map<Emotion, Integer>> counts() {
        Map<String, Map<Emotion, Integer>> result = new TreeMap<>();
        streams.forEach((stream, w) -> {
            Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
            for (Emotion e : Emotion.values()) counts.put(e, w.counts[e.ordinal()]);
            result.put(stream, counts);
        });
        return result;
    }

    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }
}
