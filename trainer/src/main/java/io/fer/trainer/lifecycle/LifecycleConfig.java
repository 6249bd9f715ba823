package io.fer.trainer.lifecycle;

import io.fer.model.Architecture;
import io.fer.model.data.Usage;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.ServiceConfig;
import io.fer.schemas.Topics;
import io.fer.trainer.DataSpec;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of the model lifecycle: {@code fer trainer serve} and {@code fer models}. Sources, later ones winning (as
 * in {@link ClusterConfig}): the defaults of {@link Key}, a properties file, environment variables {@code FER_<KEY>}
 * (dots as underscores, upper case, e.g. {@code FER_GATE_TOLERANCE}), then explicit overrides ({@link #with}).
 * Every key is documented with its default in {@code trainer/README.md}. Other settings (security, {@code sasl.*},
 * {@code ssl.*}, registry credentials) go to the Kafka clients and the registry client.
 */
public final class LifecycleConfig extends ServiceConfig<LifecycleConfig> {

    /** The lifecycle's own keys, their defaults and what they mean. */
    public enum Key implements ServiceConfig.Key {
        MODEL_NAME("model.name", "cliquenet-ferplus",
                "Model the service retrains and releases (and `fer models rollback` defaults to)."),
        MODEL_REPOSITORY("model.repository", "models",
                "Model repository: bundles `<name>/<version>/`, and the release history `releases.jsonl` in its root."),
        MODELS_TOPIC("models.topic", Topics.MODELS, "Compacted topic releases are published to."),
        FRAMES_TOPIC("frames.topic", Topics.FRAMES,
                "Topic labelled frames are collected from (frames without a ground-truth label are skipped)."),
        FRAMES_GROUP_ID("frames.group.id", "fer-trainer",
                "Consumer group of the frame collector; offsets are committed once the frames are stored."),
        WORK_DIR("work.dir", "trainer-work",
                "The service's directory: stored labelled frames, one directory per run, the run log `runs.jsonl`."),
        SCHEDULE("schedule", "0 3 * * *",
                "When to retrain: a 5-field cron expression (minute hour day-of-month month day-of-week) or an "
                        + "interval (`45s`, `30m`, `6h`, `1d`, `PT6H`); empty: only on request (`POST /run`)."),
        SCHEDULE_ZONE("schedule.zone", "UTC", "Time zone of the cron expression."),
        TRAIN_DATA("train.data", "",
                "Labelled CSV (`emotion,pixels,Usage`) every run trains on; empty: `ferplus.csv.gz` of the shared data folder."),
        TRAIN_MODEL("train.model", "cliquenet",
                "Architecture (`cliquenet` or `lenet7`) when there is no champion to start from."),
        TRAIN_WARM_START("train.warm.start", "true", "Start each run from the champion's weights (false: fresh weights)."),
        TRAIN_EPOCHS("train.epochs", "3", "Epochs per run."),
        TRAIN_BATCH_SIZE("train.batch.size", "64", "Faces per training step."),
        TRAIN_LR("train.lr", "0.01", "Peak learning rate (below `fer train`'s 0.05: runs fine-tune the champion)."),
        TRAIN_LIMIT("train.limit", "0",
                "Use only the first N faces of each split of `train.data` (0: all); collected frames are all used."),
        TRAIN_ARGS("train.args", "",
                "Any other `fer train` options, separated by spaces (e.g. `--engine nd4j --dropout 0.2`); they win over the keys above."),
        GATE_DATA("gate.data", "",
                "CSV of the fixed evaluation set; empty: `ferplus.csv.gz` of the shared data folder."),
        GATE_USAGE("gate.usage", "PublicTest", "Split of `gate.data` the gate evaluates on: Training, PublicTest or PrivateTest."),
        GATE_LIMIT("gate.limit", "0", "Evaluate on the first N faces of that split only (0: all)."),
        GATE_METRIC("gate.metric", "accuracy", "Metric the gate compares: `accuracy` or `macro_f1`."),
        GATE_TOLERANCE("gate.tolerance", "0.005",
                "A challenger is released when its metric is at least the champion's minus this."),
        GATE_ENGINE("gate.engine", "nd4j", "Engine the gate evaluates on: `nd4j` (the serving engine) or `pytorch`."),
        SIGNING_KEY("signing.key", "keys/release-signing.key.pem",
                "Private key (PKCS#8 PEM or DER) releases are signed with; generated with its public key on first use."),
        SIGNING_PUBLIC_KEY("signing.public.key", "keys/release-signing.pub.pem",
                "Public key (X.509 PEM) of `signing.key`; the processors' `model.public.key`."),
        SIGNING_ALGORITHM("signing.algorithm", "Ed25519", "Key type generated on first use: `Ed25519` or `RSA` (3072 bits)."),
        HTTP_HOST("http.host", "127.0.0.1", "Address of the service's endpoint (`POST /run`, `GET /status`)."),
        HTTP_PORT("http.port", "8090", "Port of that endpoint (0 = any free port)."),
        KAFKA_TIMEOUT_MS("kafka.timeout.ms", "15000",
                "How long publishing a release waits for Kafka and the schema registry before giving up.");

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

    /** What the gate compares. */
    public enum Metric {
        ACCURACY, MACRO_F1;

        /** The name in configuration and in {@code gate.json}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private LifecycleConfig(ClusterConfig settings) {
        super(settings);
        validate();
    }

    @Override
    protected LifecycleConfig copy(ClusterConfig settings) {
        return new LifecycleConfig(settings);
    }

    @Override
    protected Key[] keys() {
        return Key.values();
    }

    /** Defaults, then {@code file} (if not null), then the process environment. */
    public static LifecycleConfig load(Path file) {
        return new LifecycleConfig(ClusterConfig.load(file));
    }

    /** Defaults, then {@code file} (if not null), then the given environment. */
    public static LifecycleConfig load(Path file, Map<String, String> env) {
        return new LifecycleConfig(ClusterConfig.load(file, env));
    }

    /** Defaults plus the given cluster settings. */
    public static LifecycleConfig of(ClusterConfig cluster) {
        return new LifecycleConfig(cluster);
    }

    public String modelName() {
        return get(Key.MODEL_NAME);
    }

    public Path repository() {
        return Path.of(get(Key.MODEL_REPOSITORY));
    }

    public String modelsTopic() {
        return get(Key.MODELS_TOPIC);
    }

    public String framesTopic() {
        return get(Key.FRAMES_TOPIC);
    }

    public String framesGroupId() {
        return get(Key.FRAMES_GROUP_ID);
    }

    public Path workDir() {
        return Path.of(get(Key.WORK_DIR));
    }

    /** The retraining schedule (never, when the key is empty). */
    public Schedule schedule() {
        return Schedule.parse(get(Key.SCHEDULE), scheduleZone());
    }

    public ZoneId scheduleZone() {
        try {
            return ZoneId.of(get(Key.SCHEDULE_ZONE));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("schedule.zone: unknown time zone '" + get(Key.SCHEDULE_ZONE) + "'", e);
        }
    }

    public Path trainData() {
        return sharedOr(Key.TRAIN_DATA);
    }

    public Architecture trainModel() {
        return enumValue(Architecture.class, Key.TRAIN_MODEL);
    }

    public boolean warmStart() {
        return booleanValue(Key.TRAIN_WARM_START);
    }

    public int trainEpochs() {
        return intValue(Key.TRAIN_EPOCHS);
    }

    public int trainBatchSize() {
        return intValue(Key.TRAIN_BATCH_SIZE);
    }

    public double trainLearningRate() {
        return doubleValue(Key.TRAIN_LR);
    }

    public int trainLimit() {
        return intValue(Key.TRAIN_LIMIT);
    }

    /** The extra {@code fer train} options, split at whitespace. */
    public List<String> trainArgs() {
        String v = get(Key.TRAIN_ARGS);
        return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
    }

    public Path gateData() {
        return sharedOr(Key.GATE_DATA);
    }

    public Usage gateUsage() {
        try {
            return Usage.parse(get(Key.GATE_USAGE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gate.usage: " + e.getMessage(), e);
        }
    }

    public int gateLimit() {
        return intValue(Key.GATE_LIMIT);
    }

    public Metric gateMetric() {
        return enumValue(Metric.class, Key.GATE_METRIC);
    }

    public double gateTolerance() {
        return doubleValue(Key.GATE_TOLERANCE);
    }

    public String gateEngine() {
        return get(Key.GATE_ENGINE);
    }

    public Path signingKey() {
        return Path.of(get(Key.SIGNING_KEY));
    }

    public Path signingPublicKey() {
        return Path.of(get(Key.SIGNING_PUBLIC_KEY));
    }

    public String signingAlgorithm() {
        return get(Key.SIGNING_ALGORITHM);
    }

    public String httpHost() {
        return get(Key.HTTP_HOST);
    }

    public int httpPort() {
        return intValue(Key.HTTP_PORT);
    }

    public int kafkaTimeoutMs() {
        return intValue(Key.KAFKA_TIMEOUT_MS);
    }

    private Path sharedOr(Key key) {
        String v = get(key);
        return v.isEmpty() ? DataSpec.sharedFile("ferplus.csv.gz") : Path.of(v);
    }

    private void validate() {
        requireNotEmpty(Key.MODEL_NAME, Key.MODEL_REPOSITORY, Key.MODELS_TOPIC, Key.FRAMES_TOPIC, Key.FRAMES_GROUP_ID,
                Key.WORK_DIR, Key.SIGNING_KEY, Key.SIGNING_PUBLIC_KEY);
        if (modelName().contains("/") || modelName().contains(":")) {
            throw new IllegalArgumentException("model.name must not contain '/' or ':': " + modelName());
        }
        schedule();
        trainModel();
        booleanValue(Key.TRAIN_WARM_START);
        requireAtLeast(Key.TRAIN_EPOCHS, 1);
        requireAtLeast(Key.TRAIN_BATCH_SIZE, 2);
        requireAtLeast(Key.TRAIN_LIMIT, 0);
        if (!(trainLearningRate() > 0)) throw new IllegalArgumentException("train.lr must be > 0, got " + get(Key.TRAIN_LR));
        gateUsage();
        requireAtLeast(Key.GATE_LIMIT, 0);
        gateMetric();
        double tolerance = gateTolerance();
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("gate.tolerance must be in 0..1, got " + get(Key.GATE_TOLERANCE));
        }
        if (!List.of("nd4j", "pytorch").contains(gateEngine())) {
            throw new IllegalArgumentException("gate.engine must be nd4j or pytorch, got '" + gateEngine() + "'");
        }
        SigningKeys.checkAlgorithm(signingAlgorithm());
        int port = httpPort();
        if (port < 0 || port > 65535) throw new IllegalArgumentException("http.port must be 0..65535, got " + port);
        requireAtLeast(Key.KAFKA_TIMEOUT_MS, 1);
    }
}
