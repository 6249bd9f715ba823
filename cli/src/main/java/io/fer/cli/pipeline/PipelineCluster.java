package io.fer.cli.pipeline;

import io.fer.ops.kafka.EmbeddedKafkaBroker;
import io.fer.ops.stack.LocalStack;
import io.fer.processor.config.ProcessorConfig;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.Topics;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * The real cluster the pipeline benchmark and the fault suite run on: the project's {@link LocalStack} (KRaft broker
 * and schema registry on 127.0.0.1) with its data in a directory of its own and the broker on a fixed port, so the
 * broker can be stopped and started again on the same port and data ({@link #stopBroker()}, {@link #startBroker()})
 * while clients keep their bootstrap address. Each run gets its own topics ({@link #createTopics}).
 */
public final class PipelineCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipelineCluster.class);
    private static final Duration PORT_WAIT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final int kafkaPort;
    private final LocalStack stack;
    private final Path work;
    /** The broker started by {@link #startBroker()} after a stop; null while the stack's own broker runs. */
    private EmbeddedKafkaBroker restarted;
    private boolean brokerRunning = true;

    private PipelineCluster(Path dataDir, int kafkaPort, LocalStack stack, Path work) {
        this.dataDir = dataDir;
        this.kafkaPort = kafkaPort;
        this.stack = stack;
        this.work = work;
    }

    /** Starts a broker and registry on free ports with fresh data in a temporary directory, deleted on close. */
    public static PipelineCluster start() {
        try {
            Path work = Files.createTempDirectory("fer-pipeline-");
            Path data = work.resolve("kafka");
            int port = freePort();
            LocalStack stack = LocalStack.start(new LocalStack.Settings(data, port, 0, 1));
            return new PipelineCluster(data, port, stack, work);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working directory for the cluster", e);
        }
    }

    /** Client settings: the broker's address and the registry's URL. */
    public ClusterConfig clusterConfig() {
        return stack.clusterConfig();
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    /** A directory for run files (state directories, key files, child logs), deleted on close. */
    public Path work(String name) {
        try {
            return Files.createDirectories(work.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + work.resolve(name), e);
        }
    }

    /** Creates the topics of a run: frames and events with {@code partitions}, one-partition DLQ and models topics. */
    public RunTopics createTopics(String run, int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        RunTopics t = RunTopics.of(run);
        EmbeddedKafkaBroker broker = broker();
        broker.createTopic(t.frames(), partitions, Map.of());
        broker.createTopic(t.emotions(), partitions, Map.of());
        broker.createTopic(t.dlq(), 1, Map.of());
        broker.createTopic(t.models(), 1, Topics.configs(Topics.MODELS));
        return t;
    }

    /** The largest record a topic takes: its effective {@code max.message.bytes}. */
    public int maxMessageBytes(String topic) {
        try (Admin admin = broker().admin()) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return Integer.parseInt(admin.describeConfigs(List.of(r)).all().get().get(r)
                    .get("max.message.bytes").value());
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the settings of topic " + topic + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * A processor configuration for a run: its topics, application id {@code fer-<run>}, a state directory of its
     * own, the model repository and name to serve, and the metrics endpoint on a free local port.
     */
    public ProcessorConfig processorConfig(String run, RunTopics topics, Path modelRepository, String modelName) {
        return ProcessorConfig.of(clusterConfig().with("state.dir", work(run + "-state").toString()))
                .with(ProcessorConfig.Key.APPLICATION_ID, "fer-" + run)
                .with(ProcessorConfig.Key.FRAMES_TOPIC, topics.frames())
                .with(ProcessorConfig.Key.EMOTIONS_TOPIC, topics.emotions())
                .with(ProcessorConfig.Key.DLQ_TOPIC, topics.dlq())
                .with(ProcessorConfig.Key.MODELS_TOPIC, topics.models())
                .with(ProcessorConfig.Key.MODEL_REPOSITORY, modelRepository)
                .with(ProcessorConfig.Key.MODEL_NAME, modelName)
                .with(ProcessorConfig.Key.HTTP_HOST, "127.0.0.1")
                .with(ProcessorConfig.Key.HTTP_PORT, 0);
    }

    /** Publishes a release to a models topic and waits for the broker's acknowledgement. */
    public void publish(String modelsTopic, ModelRelease release) {
        Map<String, Object> settings = clusterConfig().asMap();
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODELS_MAX_MESSAGE_BYTES);
        settings.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * Topics.MODELS_MAX_MESSAGE_BYTES);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer())) {
            byte[] value = FerSerdes.modelRelease(clusterConfig().asMap()).serializer().serialize(modelsTopic, release);
            producer.send(new ProducerRecord<>(modelsTopic, release.getModelName(), value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish release " + release.getModelVersion() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stops the broker (a clean shutdown); the registry stays up and serves what it has read. */
    public synchronized void stopBroker() {
        if (!brokerRunning) throw new IllegalStateException("the broker is already stopped");
        broker().close();
        brokerRunning = false;
    }

    /**
     * Starts the broker again on the same port and data directory: topics, records and committed offsets are back.
     * Waits while the port is still held by the previous broker's closing connections.
     */
    public synchronized void startBroker() {
        if (brokerRunning) throw new IllegalStateException("the broker is running");
        long deadline = System.nanoTime() + PORT_WAIT.toNanos();
        while (true) {
            try {
                restarted = EmbeddedKafkaBroker.start(dataDir, kafkaPort, Map.of());
                brokerRunning = true;
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) throw e;
                log.info("broker port {} not free yet ({}); retrying", kafkaPort, e.getMessage());
                sleep(1000);
            }
        }
    }

    private EmbeddedKafkaBroker broker() {
        return restarted != null ? restarted : stack.broker();
    }

    /** Stops the registry and the broker, and deletes the data. */
    @Override
    public synchronized void close() {
        try {
            stack.close();
        } finally {
            if (restarted != null) restarted.close();
            EmbeddedKafkaBroker.deleteRecursively(work);
        }
    }

    /** A port on 127.0.0.1 that was free a moment ago. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
