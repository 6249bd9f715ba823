package io.fer.processor.it;

import io.fer.ops.stack.LocalStack;
import io.fer.processor.config.ProcessorConfig;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.ModelRelease;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real broker and registry (the project's local stack) with the clients the integration tests need. Register it
 * on a static field with {@code @RegisterExtension} to share one cluster across a class, or {@link #start()} one.
 */
final class Cluster implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    LocalStack stack;
    private Map<String, Object> serde;
    private KafkaProducer<String, byte[]> producer;
    private Serializer<FaceFrame> frames;
    private Serializer<ModelRelease> releases;

    /** A started cluster; the caller closes it. */
    static Cluster start() {
        Cluster cluster = new Cluster();
        cluster.open();
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void open() {
        stack = LocalStack.start(LocalStack.Settings.ephemeral());
        serde = Map.of(ClusterConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODELS_MAX_MESSAGE_BYTES,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        frames = FerSerdes.faceFrame(serde).serializer();
        releases = FerSerdes.modelRelease(serde).serializer();
    }

    /** A processor configuration on this cluster: its own application id, state directory and repository. */
    ProcessorConfig config(String applicationId, Path stateDir, Path repository) {
        return ProcessorConfig.of(stack.clusterConfig()
                        .with("state.dir", stateDir.toString())
                        .with("commit.interval.ms", "200"))
                .with(ProcessorConfig.Key.APPLICATION_ID, applicationId)
                .with(ProcessorConfig.Key.MODEL_REPOSITORY, repository)
                .with(ProcessorConfig.Key.MODEL_NAME, "")
                .with(ProcessorConfig.Key.HTTP_PORT, 0)
                .with(ProcessorConfig.Key.HTTP_HOST, "127.0.0.1");
    }

    /** Sends a frame to the given partition of the frames topic (null: by key). */
    void send(FaceFrame frame, Integer partition) {
        producer.send(new ProducerRecord<>(Topics.FRAMES, partition, frame.getStreamId(),
                frames.serialize(Topics.FRAMES, frame)));
    }

    void flush() {
        producer.flush();
    }

    void publish(ModelRelease release) throws Exception {
        producer.send(new ProducerRecord<>(Topics.MODELS, release.getModelName(),
                releases.serialize(Topics.MODELS, release))).get();
    }

    /**
     * Reads the events topic from the beginning until {@code done} holds for what was read (then reads on for
     * {@code linger}, so late duplicates show), or until {@code timeout}.
     */
    List<ConsumerRecord<String, EmotionEvent>> readEvents(Predicate<List<ConsumerRecord<String, EmotionEvent>>> done,
                                                           Duration linger, Duration timeout) {
        Deserializer<EmotionEvent> events = FerSerdes.emotionEvent(serde).deserializer();
        List<ConsumerRecord<String, EmotionEvent>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EMOTIONS).stream()
                    .map(p -> new TopicPartition(Topics.EMOTIONS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long stopAt = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, stopAt)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(),
                            r.timestampType(), r.serializedKeySize(), r.serializedValueSize(), r.key(),
                            events.deserialize(r.topic(), r.value()), r.headers(), r.leaderEpoch()));
                }
                if (stopAt == Long.MAX_VALUE && done.test(out)) stopAt = System.nanoTime() + linger.toNanos();
            }
        }
        return out;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The distinct frame ids among events. */
    static long distinctFrames(List<ConsumerRecord<String, EmotionEvent>> events) {
        return events.stream().map(r -> r.value().getFrameId()).distinct().count();
    }

    @Override
    public void close() {
        if (stack == null) return;
        producer.close(Duration.ofSeconds(5));
        stack.close();
        stack = null;
    }
}
