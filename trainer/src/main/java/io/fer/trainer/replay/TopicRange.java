package io.fer.trainer.replay;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A range of a topic to replay, {@code [from, to)} on each partition. A bound is an offset on every partition
 * ({@code 1200}), offsets per partition ({@code 0:1200,1:900}; only the partitions named in either bound are then
 * replayed), or an ISO-8601 time ({@code 2026-11-28T18:00:00Z}; the first offset of each partition whose record
 * timestamp is at or after it, found with {@code offsetsForTimes}). Without {@code from} a partition starts at its
 * first record, without {@code to} it ends at its end when the replay starts.
 */
public final class TopicRange {

    /** One end of a range, as given on the command line. */
    public sealed interface Bound permits Open, Offset, PartitionOffsets, Time {
    }

    /** No bound: the partition's beginning (from) or its current end (to). */
    public record Open() implements Bound {
    }

    /** The same offset on every partition. */
    public record Offset(long offset) implements Bound {
    }

    /** Offsets of named partitions. */
    public record PartitionOffsets(Map<Integer, Long> offsets) implements Bound {
    }

    /** A time: the first offset whose record timestamp is at or after it. */
    public record Time(Instant at) implements Bound {
    }

    /**
     * What to read of one partition.
     *
     * @param partition the partition
     * @param from      first offset read
     * @param to        offset after the last one read
     */
    public record PartitionRange(int partition, long from, long to) {
        /** Offsets in the range (records, unless some were compacted away or are transaction markers). */
        public long size() {
            return Math.max(0, to - from);
        }

        @Override
        public String toString() {
            return "partition " + partition + " [" + from + ", " + to + ")";
        }
    }

    private TopicRange() {
    }

    /**
     * Parses a bound.
     *
     * @param option the option's name, for messages
     * @param text   the value; null or blank for an open bound
     * @throws IllegalArgumentException when it is neither offsets nor a time
     */
    public static Bound parse(String option, String text) {
        if (text == null || text.isBlank()) return new Open();
        String t = text.trim();
        if (t.matches("\\d+")) return new Offset(offset(option, t));
        if (t.matches("\\d+:\\d+(,\\d+:\\d+)*")) {
            Map<Integer, Long> offsets = new TreeMap<>();
            for (String part : t.split(",")) {
                String[] pair = part.split(":");
                int partition;
                try {
                    partition = Integer.parseInt(pair[0]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + " " + t + ": partition " + pair[0] + " is too large", e);
                }
                if (offsets.put(partition, offset(option, pair[1])) != null) {
                    throw new IllegalArgumentException(option + " " + t + " names partition " + partition + " twice");
                }
            }
            return new PartitionOffsets(offsets);
        }
        try {
            return new Time(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + t + "' is neither an offset (1200, or per partition "
                    + "0:1200,1:900) nor an ISO-8601 time with its zone (2026-11-28T18:00:00Z)", e);
        }
    }

    private static long offset(String option, String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": offset " + digits + " is too large", e);
        }
    }

    /**
     * The offsets to read on each partition, resolved against the topic as it is now. Partitions whose range is
     * empty are included, with {@code from == to}.
     *
     * @throws IllegalArgumentException when the topic does not exist or a bound names a partition it does not have
     * @throws org.apache.kafka.common.errors.TimeoutException when the broker does not answer within {@code timeout}
     */
    public static List<PartitionRange> resolve(Consumer<?, ?> consumer, String topic, Bound from, Bound to,
                                               Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) throw new IllegalArgumentException("topic " + topic + " does not exist");
        TreeSet<Integer> partitions = new TreeSet<>();
        infos.forEach(p -> partitions.add(p.partition()));
        TreeSet<Integer> selected = new TreeSet<>();
        for (Bound b : List.of(from, to)) {
            if (b instanceof PartitionOffsets p) selected.addAll(p.offsets().keySet());
        }
        for (int p : selected) {
            if (!partitions.contains(p)) {
                throw new IllegalArgumentException("topic " + topic + " has no partition " + p + " (it has "
                        + partitions.size() + ")");
            }
        }
        if (selected.isEmpty()) selected = partitions;
        List<TopicPartition> tps = selected.stream().map(p -> new TopicPartition(topic, p)).toList();
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps, timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(tps, timeout);
        Map<TopicPartition, Long> start = offsets(consumer, tps, from, begin, end, timeout);
        Map<TopicPartition, Long> stop = offsets(consumer, tps, to, end, end, timeout);
        List<PartitionRange> out = new ArrayList<>();
        for (TopicPartition tp : tps) {
            long first = Math.min(Math.max(start.get(tp), begin.get(tp)), end.get(tp));
            long last = Math.max(first, Math.min(stop.get(tp), end.get(tp)));
            out.add(new PartitionRange(tp.partition(), first, last));
        }
        return out;
    }

    /** A bound's offset on each partition; {@code open} where the bound says nothing, {@code end} after the last time. */
    private static Map<TopicPartition, Long> offsets(Consumer<?, ?> consumer, List<TopicPartition> tps, Bound bound,
                                                     Map<TopicPartition, Long> open, Map<TopicPartition, Long> end,
                                                     Duration timeout) {
        Map<TopicPartition, Long> out = new HashMap<>(open);
        if (bound instanceof Offset o) {
            tps.forEach(tp -> out.put(tp, o.offset()));
        } else if (bound instanceof PartitionOffsets p) {
            p.offsets().forEach((partition, offset) -> out.put(new TopicPartition(tps.get(0).topic(), partition), offset));
        } else if (bound instanceof Time t) {
            Map<TopicPartition, Long> query = new HashMap<>();
            tps.forEach(tp -> query.put(tp, t.at().toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
            for (TopicPartition tp : tps) {
                OffsetAndTimestamp o = found.get(tp);
                out.put(tp, o == null ? end.get(tp) : o.offset());
            }
        }
        return out;
    }
}
