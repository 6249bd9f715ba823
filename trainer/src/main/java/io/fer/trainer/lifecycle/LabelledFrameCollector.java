package io.fer.trainer.lifecycle;

import io.fer.model.NetworkSpec;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.serde.AvroSerdeException;
import io.fer.schemas.serde.SchemaRegistryAccessException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Collects labelled frames from a topic into the {@link LabelledFrameStore}, with a consumer group of its own. Each
 * polled batch is stored (and forced to disk) before its offsets are committed, so a frame is never lost across a
 * restart; a crash between the two can store a batch twice. Frames without a ground-truth label, with a label
 * outside the model's classes, of the wrong size or not decodable are skipped and counted, as are frames showing a
 * face of the gate's evaluation set (they must not leak into training). When the broker, the registry or the disk
 * fails, the collector starts over from the committed offsets after a pause.
 */
public final class LabelledFrameCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LabelledFrameCollector.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(5);

    /** What the collector has seen since it started. */
    public record Counts(long stored, long unlabelled, long invalid, long evaluationFaces) {
    }

    private final Map<String, Object> props;
    private final String topic;
    private final Deserializer<FaceFrame> deserializer;
    private final LabelledFrameStore store;
    private final int classes;
    private final Predicate<byte[]> excluded;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong unlabelled = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong evaluationFaces = new AtomicLong();
    private final Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean closed;

    /**
     * @param clientSettings connection and security settings (others are ignored)
     * @param topic          the frames topic
     * @param groupId        the collector's consumer group
     * @param deserializer   Confluent wire-format deserializer of frames
     * @param store          where frames go
     * @param classes        labels must be below this
     * @param excluded       true for pixels that must not be stored (the evaluation set's faces)
     */
    public LabelledFrameCollector(Map<String, Object> clientSettings, String topic, String groupId,
                                  Deserializer<FaceFrame> deserializer, LabelledFrameStore store, int classes,
                                  Predicate<byte[]> excluded) {
        props = new HashMap<>();
        clientSettings.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) props.put(k, v);
        });
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "fer-trainer-frames");
        this.topic = topic;
        this.deserializer = deserializer;
        this.store = store;
        this.classes = classes;
        this.excluded = excluded;
        this.thread = new Thread(this::run, "fer-frame-collector");
        thread.setDaemon(true);
    }

    /** Starts collecting on a thread of its own. */
    public void start() {
        thread.start();
    }

    public Counts counts() {
        return new Counts(stored.get(), unlabelled.get(), invalid.get(), evaluationFaces.get());
    }

    private void run() {
        while (!closed) {
            try {
                consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                if (closed) break;
                consumer.subscribe(List.of(topic));
                while (!closed) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    if (records.isEmpty()) continue;
                    List<LabelledFrameStore.Row> rows = new ArrayList<>();
                    long[] skipped = new long[Skip.values().length];
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        Skip skip = row(r, rows);
                        if (skip != null) skipped[skip.ordinal()]++;
                    }
                    store.append(rows);
                    consumer.commitSync();
                    stored.addAndGet(rows.size());
                    unlabelled.addAndGet(skipped[Skip.UNLABELLED.ordinal()]);
                    invalid.addAndGet(skipped[Skip.INVALID.ordinal()]);
                    evaluationFaces.addAndGet(skipped[Skip.EVALUATION_FACE.ordinal()]);
                }
            } catch (WakeupException e) {
                if (!closed) log.warn("frame collector woken up unexpectedly; starting over");
            } catch (Exception e) {
                log.warn("collecting labelled frames from {} failed ({}); starting again from the committed offsets "
                        + "in {} s", topic, e.toString(), RETRY.toSeconds());
                pause();
            } finally {
                if (consumer != null) consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
                consumer = null;
            }
        }
    }

    private enum Skip { UNLABELLED, INVALID, EVALUATION_FACE }

    /** Adds the record's frame to {@code rows} when it is a usable labelled face; else says why not. */
    private Skip row(ConsumerRecord<byte[], byte[]> record, List<LabelledFrameStore.Row> rows) {
        FaceFrame frame;
        try {
            frame = deserializer.deserialize(record.topic(), record.value());
        } catch (SchemaRegistryAccessException e) {
            throw e; // not the record's fault: read it again later
        } catch (AvroSerdeException e) {
            return Skip.INVALID;
        }
        if (frame == null) return Skip.INVALID;
        Integer label = frame.getGroundTruthLabel();
        if (label == null) return Skip.UNLABELLED;
        ByteBuffer p = frame.getPixels();
        if (label < 0 || label >= classes || frame.getWidth() != NetworkSpec.SIDE || frame.getHeight() != NetworkSpec.SIDE
                || p == null || p.remaining() != NetworkSpec.PIXELS) {
            return Skip.INVALID;
        }
        byte[] pixels = new byte[NetworkSpec.PIXELS];
        p.duplicate().get(pixels);
        if (excluded.test(pixels)) return Skip.EVALUATION_FACE;
        rows.add(new LabelledFrameStore.Row(label, pixels));
        return null;
    }

    private void pause() {
        long until = System.nanoTime() + RETRY.toNanos();
        while (!closed && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
