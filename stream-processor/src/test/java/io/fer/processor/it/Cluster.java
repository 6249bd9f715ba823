package io.fer.processor.it;

import io.fer.ops.stack.LocalStack;
import io.fer.processor.config.ProcessorConfig;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.Topics;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.admin.Admin;
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
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real broker and registry with the clients the integration tests need: by default the project's local stack
 * (embedded KRaft broker and registry server), or any other {@link Backend}. Register it on a static field with
 * {@code @RegisterExtension} to share one cluster across a class, or {@link #start()} one.
 */
final class Cluster implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    /**
     * A running broker and registry with the project's topics, and how to reach them.
     *
     * @param pipeline settings of the pipeline's clients (the tests' producer and reader, the processor): broker,
     *                 registry, login
     * @param admin    settings of a client with full rights (offsets, ACLs)
     * @param stop     stops the broker and registry
     */
    record Backend(ClusterConfig pipeline, ClusterConfig admin, Runnable stop) {
    }

    private final Supplier<Backend> starter;
    private Backend backend;
    private KafkaProducer<String, byte[]> producer;
    private Serializer<FaceFrame> frames;
    private Serializer<ModelRelease> releases;
    private Deserializer<EmotionEvent> events;
    private TestAbortedException unavailable;

    /** A cluster on the project's local stack (4 partitions of the frames and events topics). */
    Cluster() {
        this(() -> embedded(LocalStack.start(LocalStack.Settings.ephemeral())));
    }

    /** A cluster on whatever {@code starter} starts when the cluster opens. */
    Cluster(Supplier<Backend> starter) {
        this.starter = starter;
    }

    /** A started cluster on the local stack; the caller closes it. */
    static Cluster start() {
        Cluster cluster = new Cluster();
        cluster.open();
        return cluster;
    }

    /** The local stack as a backend: one set of settings for everyone. */
    static Backend embedded(LocalStack stack) {
        return new Backend(stack.clusterConfig(), stack.clusterConfig(), stack::close);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            open();
        } catch (TestAbortedException e) {
            // Reported on each test instead: a class aborted before its tests shows no skipped test at all.
            unavailable = e;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (unavailable != null) throw unavailable;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void open() {
        backend = starter.get();
        Map<String, Object> settings = backend.pipeline().asMap();
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODELS_MAX_MESSAGE_BYTES);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        frames = FerSerdes.faceFrame(backend.pipeline().asMap()).serializer();
        releases = FerSerdes.modelRelease(backend.pipeline().asMap()).serializer();
        events = FerSerdes.emotionEvent(backend.pipeline().asMap()).deserializer();
    }

    /** The pipeline's client settings (see {@link Backend#pipeline()}). */
    ClusterConfig pipeline() {
        return backend.pipeline();
    }

    /** A new admin client with full rights; the caller closes it. */
    Admin admin() {
        return Admin.create(backend.admin().asMap());
    }

    /** A processor configuration on this cluster: its own application id, state directory and repository. */
    ProcessorConfig config(String applicationId, Path stateDir, Path repository) {
        return ProcessorConfig.of(backend.pipeline()
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
        return readEvents(Topics.EMOTIONS, done, linger, timeout);
    }

    /** {@link #readEvents(Predicate, Duration, Duration)} of another topic of events (the shadow topic). */
    List<ConsumerRecord<String, EmotionEvent>> readEvents(String topic,
                                                           Predicate<List<ConsumerRecord<String, EmotionEvent>>> done,
                                                           Duration linger, Duration timeout) {
        List<ConsumerRecord<String, EmotionEvent>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
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
        Map<String, Object> settings = backend.pipeline().asMap();
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The distinct frame ids among events. */
    static long distinctFrames(List<ConsumerRecord<String, EmotionEvent>> events) {
        return events.stream().map(r -> r.value().getFrameId()).distinct().count();
    }

    @Override
    public void close() {
        if (backend == null) return;
        if (producer != null) producer.close(Duration.ofSeconds(5));
        backend.stop().run();
        backend = null;
    }
}
