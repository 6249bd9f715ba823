package io.fer.trainer.replay;

import io.fer.model.Emotions;
import io.fer.model.NetworkSpec;
import io.fer.schemas.FaceFrame;
import io.fer.trainer.lifecycle.ClusterUnavailableException;
import io.fer.schemas.serde.SchemaRegistryAccessException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@link FaceFrame}s of a range with a consumer of its own: {@code assign} and {@code seek}, never a
 * consumer group, so it commits nothing and moves no one's offsets. Records that are not usable frames (undecodable,
 * not 48x48, a label outside the FER+ classes) are counted with their partition and offset, never fatal.
 */
public final class LabelledFrameReader {
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final Deserializer<FaceFrame> deserializer;
    private final Duration stallTimeout;

    /**
     * @param consumer     a consumer without a group (the reader assigns and seeks it)
     * @param deserializer Confluent wire-format deserializer of frames
     * @param stallTimeout give up when nothing arrives for this long while records remain
     */
    public LabelledFrameReader(Consumer<byte[], byte[]> consumer, Deserializer<FaceFrame> deserializer,
                               Duration stallTimeout) {
        this.consumer = consumer;
        this.deserializer = deserializer;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Reads every record of the ranges.
     *
     * @throws ClusterUnavailableException when the registry cannot be reached or the broker stops answering
     */
    public LabelledFrames read(String topic, List<TopicRange.PartitionRange> ranges) {
        Map<TopicPartition, TopicRange.PartitionRange> open = new HashMap<>();
        for (TopicRange.PartitionRange r : ranges) {
            if (r.size() > 0) open.put(new TopicPartition(topic, r.partition()), r);
        }
        consumer.assign(open.keySet());
        open.forEach((tp, r) -> consumer.seek(tp, r.from()));
        Collected collected = new Collected();
        long lastProgress = System.nanoTime();
        Map<TopicPartition, Long> positions = new HashMap<>();
        while (!open.isEmpty()) {
            boolean progress = false;
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                TopicRange.PartitionRange range = open.get(new TopicPartition(r.topic(), r.partition()));
                if (range == null || r.offset() >= range.to()) continue;
                collected.add(r);
                progress = true;
            }
            for (var it = open.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                long position = consumer.position(e.getKey());
                Long before = positions.put(e.getKey(), position);
                if (before == null || before != position) progress = true;
                if (position >= e.getValue().to()) {
                    consumer.pause(List.of(e.getKey()));
                    it.remove();
                }
            }
            if (progress) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
                throw new ClusterUnavailableException("no records came from " + topic + " for "
                        + stallTimeout.toSeconds() + " s while " + open.values() + " remained to be read; is the broker up?",
                        null);
            }
        }
        consumer.assign(List.of());
        return collected.frames(ranges);
    }

    /** The frames read so far, kept per partition so they come out in (partition, offset) order. */
    private final class Collected {
        final Map<Integer, List<byte[]>> faces = new TreeMap<>();
        final Map<Integer, List<Integer>> labels = new TreeMap<>();
        final List<LabelledFrames.BadRecord> bad = new ArrayList<>();
        long records;
        long unlabelled;

        void add(ConsumerRecord<byte[], byte[]> r) {
            records++;
            FaceFrame frame;
            try {
                frame = decode(r);
            } catch (IllegalArgumentException e) {
                bad.add(new LabelledFrames.BadRecord(r.partition(), r.offset(), e.getMessage()));
                return;
            }
            if (frame.getGroundTruthLabel() == null) {
                unlabelled++;
                return;
            }
            ByteBuffer pixels = frame.getPixels().duplicate();
            byte[] face = new byte[pixels.remaining()];
            pixels.get(face);
            faces.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(face);
            labels.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(frame.getGroundTruthLabel());
        }

        LabelledFrames frames(List<TopicRange.PartitionRange> ranges) {
            List<byte[]> all = new ArrayList<>();
            faces.values().forEach(all::addAll);
            int[] truth = labels.values().stream().flatMap(List::stream).mapToInt(Integer::intValue).toArray();
            return new LabelledFrames(ranges, records, all, truth, unlabelled, bad);
        }
    }

    /** The frame of a record, checked to be a 48x48 face with a FER+ label or none. */
    private FaceFrame decode(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null || r.value().length == 0) throw new IllegalArgumentException("empty value");
        FaceFrame f;
        try {
            f = deserializer.deserialize(r.topic(), r.value());
        } catch (SchemaRegistryAccessException e) {
            throw new ClusterUnavailableException("cannot read the frames' schema from the registry: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a FaceFrame: " + e.getMessage(), e);
        }
        if (f == null) throw new IllegalArgumentException("decodes to nothing");
        int pixels = f.getPixels() == null ? 0 : f.getPixels().remaining();
        if (f.getWidth() != NetworkSpec.SIDE || f.getHeight() != NetworkSpec.SIDE || pixels != NetworkSpec.PIXELS) {
            throw new IllegalArgumentException("frame " + f.getFrameId() + " is " + f.getWidth() + "x" + f.getHeight()
                    + " with " + pixels + " pixel bytes, not a " + NetworkSpec.SIDE + "x" + NetworkSpec.SIDE + " face");
        }
        Integer label = f.getGroundTruthLabel();
        if (label != null && (label < 0 || label >= Emotions.FER_PLUS.size())) {
            throw new IllegalArgumentException("frame " + f.getFrameId() + " has label " + label
                    + ", not a FER+ class 0.." + (Emotions.FER_PLUS.size() - 1));
        }
        return f;
    }
}
