package io.fer.processor.config;

import io.fer.schemas.ClusterConfig;
import io.fer.schemas.ServiceConfig;
import io.fer.schemas.Topics;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The processor's settings. Sources, later ones winning (as in {@link ClusterConfig}): the defaults of {@link Key},
 * a properties file, environment variables {@code FER_<KEY>} (dots as underscores, upper case, e.g.
 * {@code FER_MAX_BATCH_SIZE}), then explicit overrides ({@link #with}). Every key is documented with its default in
 * {@code stream-processor/README.md}. Settings that are not processor keys (security, {@code state.dir},
 * {@code commit.interval.ms}, {@code consumer.*}, ...) are passed to Kafka Streams unchanged.
 */
public final class ProcessorConfig extends ServiceConfig<ProcessorConfig> {

    /** The processor's own keys, their defaults and what they mean. */
    public enum Key implements ServiceConfig.Key {
        APPLICATION_ID("application.id", "fer-processor",
                "Kafka Streams application id: the consumer group, the prefix of internal topics and of the state directory."),
        FRAMES_TOPIC("frames.topic", Topics.FRAMES, "Topic the face frames are read from."),
        EMOTIONS_TOPIC("emotions.topic", Topics.EMOTIONS, "Topic the emotion events are written to."),
        DLQ_TOPIC("dlq.topic", Topics.FRAMES_DLQ, "Dead-letter topic for frames that fail validation."),
        MODELS_TOPIC("models.topic", Topics.MODELS, "Compacted topic of model releases the processor follows."),
        PROCESSING_GUARANTEE("processing.guarantee", StreamsConfig.AT_LEAST_ONCE,
                "at_least_once or exactly_once_v2."),
        NUM_STREAM_THREADS("num.stream.threads", "1",
                "Kafka Streams threads; their batches are merged into one forward pass of the shared model."),
        MAX_BATCH_SIZE("max.batch.size", "32", "A batch is flushed when it holds this many frames (1 = no batching)."),
        MAX_BATCH_DELAY_MS("max.batch.delay.ms", "20",
                "... or when this many milliseconds have passed since its first frame, whichever comes first."),
        MODEL_NAME("model.name", "cliquenet-ferplus",
                "Model name to serve (releases on the models topic and bundles in the repository); empty takes any name."),
        MODEL_REPOSITORY("model.repository", "models",
                "Local model repository (models/<name>/<version>/); its newest bundle is served while the models topic has no release."),
        MODEL_PUBLIC_KEY("model.public.key", "",
                "Public key (PEM or DER X.509, Ed25519 or RSA) that release signatures are verified with."),
        MODEL_REQUIRE_SIGNATURE("model.require.signature", "true",
                "Refuse releases that are unsigned or cannot be verified (always refused when no public key is set)."),
        SHADOW_MODEL("shadow.model", "",
                "Candidate run beside the serving model on the same batches, its events written to shadow.topic: "
                        + "a bundle directory or name:version in model.repository; empty = no shadow run."),
        SHADOW_TOPIC("shadow.topic", Topics.EMOTIONS_SHADOW,
                "Topic the shadow model's events are written to (it must exist; it must not be emotions.topic)."),
        SMOOTHING_WINDOW("smoothing.window", "1",
                "Average the class probabilities over the last N frames of a stream (1 = off)."),
        SMOOTHING_STREAMS("smoothing.streams", ".*", "Regular expression of the stream ids that are smoothed."),
        SMOOTHING_CHANGE_ONLY("smoothing.change.only", "false",
                "For smoothed streams, emit an event only when the smoothed emotion changes."),
        HTTP_HOST("http.host", "0.0.0.0", "Address of the metrics and health endpoint."),
        HTTP_PORT("http.port", "8080", "Port of the metrics and health endpoint (0 = any free port)."),
        STARTUP_TIMEOUT_MS("startup.timeout.ms", "120000",
                "How long to wait for the models topic and a model to load before giving up.");

        private final String key;
        private final String defaultValue;
        private final String description;

        Key(String key, String defaultValue, String description) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        public String key() {
            return key;
        }

        public String defaultValue() {
            return defaultValue;
        }

        public String description() {
            return description;
        }
    }

    private ProcessorConfig(ClusterConfig settings) {
        super(settings);
        validate();
    }

    @Override
    protected ProcessorConfig copy(ClusterConfig settings) {
        return new ProcessorConfig(settings);
    }

    @Override
    protected Key[] keys() {
        return Key.values();
    }

    /** Defaults, then {@code file} (if not null), then the process environment. */
    public static ProcessorConfig load(Path file) {
        return new ProcessorConfig(ClusterConfig.load(file));
    }

    /** Defaults, then {@code file} (if not null), then the given environment. */
    public static ProcessorConfig load(Path file, Map<String, String> env) {
        return new ProcessorConfig(ClusterConfig.load(file, env));
    }

    /** Defaults plus the given cluster settings. */
    public static ProcessorConfig of(ClusterConfig cluster) {
        return new ProcessorConfig(cluster);
    }

    public String applicationId() {
        return get(Key.APPLICATION_ID);
    }

    public String framesTopic() {
        return get(Key.FRAMES_TOPIC);
    }

    public String emotionsTopic() {
        return get(Key.EMOTIONS_TOPIC);
    }

    public String dlqTopic() {
        return get(Key.DLQ_TOPIC);
    }

    public String modelsTopic() {
        return get(Key.MODELS_TOPIC);
    }

    public String processingGuarantee() {
        return get(Key.PROCESSING_GUARANTEE);
    }

    public int numStreamThreads() {
        return intValue(Key.NUM_STREAM_THREADS);
    }

    public int maxBatchSize() {
        return intValue(Key.MAX_BATCH_SIZE);
    }

    public long maxBatchDelayMs() {
        return longValue(Key.MAX_BATCH_DELAY_MS);
    }

    /** The model name to follow, or empty for any. */
    public String modelName() {
        return get(Key.MODEL_NAME);
    }

    public Path modelRepository() {
        return Path.of(get(Key.MODEL_REPOSITORY));
    }

    /** The public key file, or null when none is configured. */
    public Path modelPublicKey() {
        String v = get(Key.MODEL_PUBLIC_KEY);
        return v.isEmpty() ? null : Path.of(v);
    }

    public boolean requireSignature() {
        return booleanValue(Key.MODEL_REQUIRE_SIGNATURE);
    }

    /** The shadow run's candidate (a bundle directory or {@code name:version}), or empty when there is none. */
    public String shadowModel() {
        return get(Key.SHADOW_MODEL);
    }

    public String shadowTopic() {
        return get(Key.SHADOW_TOPIC);
    }

    public int smoothingWindow() {
        return intValue(Key.SMOOTHING_WINDOW);
    }

    public Pattern smoothingStreams() {
        return Pattern.compile(get(Key.SMOOTHING_STREAMS));
    }

    public boolean smoothingChangeOnly() {
        return booleanValue(Key.SMOOTHING_CHANGE_ONLY);
    }

    /** True when some streams are smoothed or filtered to changes. */
    public boolean smoothingEnabled() {
        return smoothingWindow() > 1 || smoothingChangeOnly();
    }

    public String httpHost() {
        return get(Key.HTTP_HOST);
    }

    public int httpPort() {
        return intValue(Key.HTTP_PORT);
    }

    public long startupTimeoutMs() {
        return longValue(Key.STARTUP_TIMEOUT_MS);
    }

    /** How often each task checks whether its batch is due: a fraction of the batch delay, 1 to 100 ms. */
    public long batchCheckIntervalMs() {
        return Math.max(1, Math.min(100, maxBatchDelayMs() / 4));
    }

    /**
     * The Kafka Streams settings: every setting that is not a processor key (connection, security, any Streams or
     * client setting), plus application id, guarantee and thread count. {@code poll.ms} defaults to the batch check
     * interval, so an idle thread notices a due batch in time.
     */
    public Properties streamsProperties() {
        Properties p = cluster().copy();
        for (Key k : Key.values()) p.remove(k.key());
        p.remove(ClusterConfig.SCHEMA_REGISTRY_URL);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, String.valueOf(numStreamThreads()));
        p.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, String.valueOf(batchCheckIntervalMs()));
        p.putIfAbsent("processing.exception.handler.global.enabled", "true");
        return p;
    }

    private void validate() {
        String guarantee = processingGuarantee();
        if (!guarantee.equals(StreamsConfig.AT_LEAST_ONCE) && !guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
            throw new IllegalArgumentException("processing.guarantee must be " + StreamsConfig.AT_LEAST_ONCE + " or "
                    + StreamsConfig.EXACTLY_ONCE_V2 + ", got '" + guarantee + "'");
        }
        requireAtLeast(Key.NUM_STREAM_THREADS, 1);
        requireAtLeast(Key.MAX_BATCH_SIZE, 1);
        requireAtLeast(Key.MAX_BATCH_DELAY_MS, 0);
        requireAtLeast(Key.SMOOTHING_WINDOW, 1);
        requireAtLeast(Key.STARTUP_TIMEOUT_MS, 1);
        int port = intValue(Key.HTTP_PORT);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("http.port must be 0..65535, got " + port);
        booleanValue(Key.MODEL_REQUIRE_SIGNATURE);
        booleanValue(Key.SMOOTHING_CHANGE_ONLY);
        try {
            smoothingStreams();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("smoothing.streams is not a regular expression: " + e.getMessage(), e);
        }
        requireNotEmpty(Key.APPLICATION_ID, Key.FRAMES_TOPIC, Key.EMOTIONS_TOPIC, Key.DLQ_TOPIC, Key.MODELS_TOPIC,
                Key.SHADOW_TOPIC);
        if (shadowTopic().equals(emotionsTopic())) {
            throw new IllegalArgumentException("shadow.topic must differ from emotions.topic (" + emotionsTopic()
                    + "): the candidate's events must not mix with the serving model's");
        }
    }
}
