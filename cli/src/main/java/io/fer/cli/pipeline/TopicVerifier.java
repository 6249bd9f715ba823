package io.fer.cli.pipeline;

import io.fer.processor.topology.DeadLetter;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Reads a run's events and dead-letter topics from the beginning, as a downstream consumer with
 * {@code read_committed} sees them, and counts per frame id: how many events each frame got and which records were
 * dead-lettered with what reason. {@link Tally#against} then says which expected frames were lost (neither an event
 * nor a dead letter) and which were duplicated (more than one event).
 */
public final class TopicVerifier {
    private final ClusterConfig cluster;
    private final RunTopics topics;

    public TopicVerifier(ClusterConfig cluster, RunTopics topics) {
        this.cluster = cluster;
        this.topics = topics;
    }

    /**
     * One dead-letter record.
     *
     * @param key        its key as text (the original record's key), or null
     * @param reason     its {@code dlq.reason} header, or null when missing
     * @param frameId    the frame id when the value still decodes as a frame, else null
     * @param valueBytes size of the original value (-1 for none)
     */
    public record DeadLetterRecord(String key, String reason, String frameId, int valueBytes) {
    }

    /** What has been read so far. Not thread-safe; owned by the reading thread. */
    public static final class Tally {
        private final Map<String, Integer> eventsPerFrame = new HashMap<>();
        private final List<DeadLetterRecord> deadLetters = new ArrayList<>();
        private long events;

        /** Events read (all, duplicates included). */
        public long events() {
            return events;
        }

        /** Frames with at least one event. */
        public int framesWithEvents() {
            return eventsPerFrame.size();
        }

        /** Events of one frame. */
        public int eventsOf(String frameId) {
            return eventsPerFrame.getOrDefault(frameId, 0);
        }

        public List<DeadLetterRecord> deadLetters() {
            return deadLetters;
        }

        /** Frames accounted for: with an event or, still decodable, in the dead-letter topic. */
        public long framesAccountedFor() {
            Set<String> frames = new HashSet<>(eventsPerFrame.keySet());
            frames.addAll(deadLetteredFrames());
            return frames.size();
        }

        private Set<String> deadLetteredFrames() {
            Set<String> ids = new HashSet<>();
            deadLetters.forEach(d -> {
                if (d.frameId() != null) ids.add(d.frameId());
            });
            return ids;
        }

        /** Dead letters by reason. */
        public Map<String, Long> deadLettersByReason() {
            Map<String, Long> byReason = new TreeMap<>();
            deadLetters.forEach(d -> byReason.merge(String.valueOf(d.reason()), 1L, Long::sum));
            return byReason;
        }

        /** Compares with the frames that were sent. */
        public Verdict against(Iterable<String> expectedFrameIds) {
            Set<String> inDlq = deadLetteredFrames();
            Set<String> expected = new HashSet<>();
            long withEvent = 0;
            long duplicated = 0;
            long extra = 0;
            long deadLettered = 0;
            List<String> lost = new ArrayList<>();
            for (String id : expectedFrameIds) {
                if (!expected.add(id)) continue;
                int n = eventsOf(id);
                if (n > 0) withEvent++;
                if (n > 1) {
                    duplicated++;
                    extra += n - 1;
                }
                if (inDlq.contains(id)) deadLettered++;
                else if (n == 0) lost.add(id);
            }
            long unexpected = eventsPerFrame.keySet().stream().filter(id -> !expected.contains(id)).count();
            return new Verdict(expected.size(), withEvent, deadLettered, lost.size(), duplicated, extra, unexpected,
                    List.copyOf(lost.subList(0, Math.min(10, lost.size()))));
        }
    }

    /**
     * The comparison of what was read with what was sent.
     *
     * @param expected         frames sent
     * @param withEvent        of those, frames with at least one event
     * @param deadLettered     of those, frames in the dead-letter topic
     * @param lost             frames with neither
     * @param duplicatedFrames frames with more than one event
     * @param extraEvents      events beyond the first of each frame
     * @param unexpectedFrames frame ids among the events that were not sent
     * @param lostSample       up to 10 lost frame ids
     */
    public record Verdict(long expected, long withEvent, long deadLettered, long lost, long duplicatedFrames,
                          long extraEvents, long unexpectedFrames, List<String> lostSample) {
    }

    /**
     * Reads both topics until {@code done} holds (then on for {@code linger}, so late duplicates show), until no new
     * frame got an event and no new dead letter arrived for {@code quiet} (repeated events of frames already seen, as
     * a processor stuck in a retry loop writes them, are no progress), or until {@code timeout}.
     */
    public Tally read(Predicate<Tally> done, Duration linger, Duration quiet, Duration timeout) {
        Deserializer<EmotionEvent> eventDecoder = FerSerdes.emotionEvent(cluster.asMap()).deserializer();
        Deserializer<FaceFrame> frameDecoder = FerSerdes.faceFrame(cluster.asMap()).deserializer();
        Tally tally = new Tally();
        try (KafkaConsumer<byte[], byte[]> consumer = Consumers.fromBeginning(cluster, true, topics.emotions(),
                topics.dlq())) {
            long start = System.nanoTime();
            long lastProgress = start;
            long progress = 0;
            long stopAt = start + timeout.toNanos();
            boolean lingering = false;
            while (System.nanoTime() < stopAt && System.nanoTime() - lastProgress < quiet.toNanos()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.topic().equals(topics.emotions())) {
                        String id = eventDecoder.deserialize(r.topic(), r.value()).getFrameId();
                        tally.eventsPerFrame.merge(id, 1, Integer::sum);
                        tally.events++;
                    } else {
                        tally.deadLetters.add(new DeadLetterRecord(
                                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                                DeadLetter.text(r.headers(), DeadLetter.REASON), frameId(frameDecoder, r),
                                r.value() == null ? -1 : r.value().length));
                    }
                }
                long now = tally.framesWithEvents() + tally.deadLetters.size();
                if (now != progress) {
                    progress = now;
                    lastProgress = System.nanoTime();
                }
                if (!lingering && done.test(tally)) {
                    lingering = true;
                    stopAt = Math.min(stopAt, System.nanoTime() + linger.toNanos());
                    lastProgress = System.nanoTime();
                }
            }
        }
        return tally;
    }

    private static String frameId(Deserializer<FaceFrame> decoder, ConsumerRecord<byte[], byte[]> r) {
        try {
            FaceFrame f = decoder.deserialize(r.topic(), r.value());
            return f == null || f.getFrameId() == null ? null : f.getFrameId().toString();
        } catch (RuntimeException undecodable) {
            return null;
        }
    }
}
