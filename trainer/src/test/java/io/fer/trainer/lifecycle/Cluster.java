package io.fer.trainer.lifecycle;

import io.fer.model.data.FaceSet;
import io.fer.ops.stack.LocalStack;
import io.fer.processor.config.ProcessorConfig;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.Topics;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real broker and registry (the project's local stack) shared by a test class ({@code @RegisterExtension} on a
 * static field), with the settings of a trainer service and a processor on it, and clients for frames and events.
 */
final class Cluster implements BeforeAllCallback, AfterAllCallback {
    LocalStack stack;
    private KafkaProducer<String, byte[]> producer;
    private Serializer<FaceFrame> frames;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = LocalStack.start(LocalStack.Settings.ephemeral());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        frames = FerSerdes.faceFrame(Map.of(ClusterConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl())).serializer();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        producer.close(Duration.ofSeconds(5));
        stack.close();
    }

    /**
     * A trainer service in {@code dir} on this cluster that trains LeNet7-sized runs in seconds: the first 256 faces
     * of each split of ferplus.csv.gz plus the collected frames, one epoch, gated on 300 PublicTest faces.
     */
    LifecycleConfig lifecycle(Path dir, String groupId) {
        return LifecycleConfig.of(stack.clusterConfig())
                .with(LifecycleConfig.Key.MODEL_NAME, TestFaces.MODEL)
                .with(LifecycleConfig.Key.MODEL_REPOSITORY, dir.resolve("models"))
                .with(LifecycleConfig.Key.WORK_DIR, dir.resolve("work"))
                .with(LifecycleConfig.Key.FRAMES_GROUP_ID, groupId)
                .with(LifecycleConfig.Key.SIGNING_KEY, dir.resolve("keys/release.key.pem"))
                .with(LifecycleConfig.Key.SIGNING_PUBLIC_KEY, dir.resolve("keys/release.pub.pem"))
                .with(LifecycleConfig.Key.SCHEDULE, "")
                .with(LifecycleConfig.Key.TRAIN_EPOCHS, 1)
                .with(LifecycleConfig.Key.TRAIN_BATCH_SIZE, 32)
                .with(LifecycleConfig.Key.TRAIN_LIMIT, 256)
                .with(LifecycleConfig.Key.TRAIN_LR, 0.001)
                .with(LifecycleConfig.Key.GATE_LIMIT, 300)
                .with(LifecycleConfig.Key.GATE_TOLERANCE, 0.02)
                .with(LifecycleConfig.Key.HTTP_PORT, 0)
                .with(LifecycleConfig.Key.KAFKA_TIMEOUT_MS, 10_000);
    }

    /** A processor following the models topic for {@link TestFaces#MODEL}, verifying with {@code publicKey}. */
    ProcessorConfig processor(Path dir, Path repository, Path publicKey) {
        return ProcessorConfig.of(stack.clusterConfig()
                        .with("state.dir", dir.resolve("state").toString())
                        .with("commit.interval.ms", "200"))
                .with(ProcessorConfig.Key.APPLICATION_ID, "processor-" + dir.getFileName())
                .with(ProcessorConfig.Key.MODEL_REPOSITORY, repository)
                .with(ProcessorConfig.Key.MODEL_NAME, TestFaces.MODEL)
                .with(ProcessorConfig.Key.MODEL_PUBLIC_KEY, publicKey)
                .with(ProcessorConfig.Key.MAX_BATCH_SIZE, 8)
                .with(ProcessorConfig.Key.HTTP_PORT, 0)
                .with(ProcessorConfig.Key.HTTP_HOST, "127.0.0.1");
    }

    /** Sends faces {@code from..from+n} of a set as frames with ids {@code prefix-i} (labelled or not). */
    void send(String prefix, FaceSet faces, int from, int n, boolean labelled) {
        for (int i = from; i < from + n; i++) {
            FaceFrame f = FaceFrame.newBuilder().setFrameId(prefix + "-" + i).setStreamId("stream-" + i % 3)
                    .setCaptureTimestamp(Instant.now()).setWidth(48).setHeight(48)
                    .setPixels(ByteBuffer.wrap(faces.pixels(i))).setGroundTruthLabel(labelled ? faces.label(i) : null)
                    .build();
            producer.send(new ProducerRecord<>(Topics.FRAMES, f.getStreamId(), frames.serialize(Topics.FRAMES, f)));
        }
        producer.flush();
    }

    /** The events of frames whose id starts with {@code prefix}, read until {@code n} of them came or 90 s passed. */
    List<EmotionEvent> events(String prefix, int n) {
        Deserializer<EmotionEvent> events = FerSerdes.emotionEvent(
                Map.of(ClusterConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl())).deserializer();
        List<EmotionEvent> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EMOTIONS).stream()
                    .map(p -> new TopicPartition(Topics.EMOTIONS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (out.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    EmotionEvent e = events.deserialize(r.topic(), r.value());
                    if (e.getFrameId().startsWith(prefix + "-")) out.add(e);
                }
            }
        }
        return out;
    }

    /** Waits up to {@code seconds} for {@code condition}; false when it never held. */
    static boolean await(int seconds, Check condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) return true;
            Thread.sleep(100);
        }
        return condition.holds();
    }

    /** A condition that may throw. */
    interface Check {
        boolean holds() throws Exception;
    }
}
