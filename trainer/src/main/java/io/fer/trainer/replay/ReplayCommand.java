package io.fer.trainer.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.model.Engines;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ModelRepository;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.registry.SchemaRegistryClientConfig;
import io.fer.schemas.serde.FerSerdes;
import io.fer.trainer.CommandErrors;
import io.fer.trainer.TestTimeAugmentation;
import io.fer.trainer.lifecycle.ClusterUnavailableException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fer replay}: evaluates a model version (or two side by side) on the labelled frames of a topic range, with
 * the metrics and JSON of {@code fer evaluate}. It reads with a consumer of its own (assign and seek, no group), so
 * it never moves a processor's offsets.
 *
 * <p>Exit status ({@link CommandErrors}): 0 done, 2 bad input (unknown model, no such topic, an empty range, a bad
 * bound), 3 when the broker or the registry cannot be used ({@link ClusterUnavailableException}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a model version on the labelled frames of a topic range (the metrics of fer evaluate); "
                + "with --vs, two versions side by side on the same frames.")
public final class ReplayCommand implements Callable<Integer> {

    /** Bad records listed one by one (all are counted). */
    private static final int BAD_LISTED = 100;

    @Spec
    CommandSpec spec;

    @Option(names = "--topic", required = true, description = "Topic of FaceFrame records, e.g. fer.frames.")
    String topic;

    @Option(names = "--from", paramLabel = "OFFSET|TIME",
            description = "First offset on every partition (1200), per partition (0:1200,1:900: only those partitions), "
                    + "or an ISO-8601 time (2026-11-28T18:00:00Z). Default: the beginning.")
    String from;

    @Option(names = "--to", paramLabel = "OFFSET|TIME",
            description = "End of the range, exclusive, in the same forms. Default: the end when the replay starts.")
    String to;

    @Option(names = "--model", required = true, paramLabel = "NAME:VERSION|DIR",
            description = "The version to run: name:version in --models-dir, or a bundle directory.")
    String model;

    @Option(names = "--vs", paramLabel = "NAME:VERSION|DIR", description = "A second version, run on the same frames.")
    String vs;

    @Option(names = "--models-dir", defaultValue = "models", description = "Model repository (default: ${DEFAULT-VALUE}).")
    Path modelsDir;

    @Option(names = "--engine", defaultValue = "nd4j", description = "nd4j (the serving engine) or pytorch "
            + "(default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Client properties (bootstrap.servers, schema.registry.url, security.protocol, sasl.*, ssl.*, ...).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...", description = "Kafka brokers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry.")
    String schemaRegistryUrl;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up when the broker or registry does not answer for this long (default: ${DEFAULT-VALUE}).")
    long connectTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        // Bad input is found before the topic is read; the engine itself is loaded only to run the models.
        if (Engines.names().stream().noneMatch(n -> n.equalsIgnoreCase(engine))) {
            throw new IllegalArgumentException("unknown engine '" + engine + "'; choose one of " + Engines.names());
        }
        ModelRepository repository = new ModelRepository(modelsDir);
        ModelBundle first = ModelBundle.load(repository.resolve(model));
        ModelBundle second = vs == null ? null : ModelBundle.load(repository.resolve(vs));
        if (second != null && !first.manifest().classes().equals(second.manifest().classes())) {
            throw new IllegalArgumentException("--vs needs two versions with the same classes; " + model + " has "
                    + first.manifest().classes() + ", " + vs + " has " + second.manifest().classes());
        }
        TopicRange.Bound start = TopicRange.parse("--from", from);
        TopicRange.Bound end = TopicRange.parse("--to", to);

        LabelledFrames frames = read(start, end);
        LabelledFrames.Truth truth = frames.forClasses(first.manifest().classes());
        if (truth.faces().isEmpty()) {
            throw new IllegalArgumentException("no labelled frames to evaluate in " + topic + " " + frames.ranges()
                    + ": " + counts(frames, truth));
        }
        ModelRun a = ModelRun.of(first, engine, truth.faces(), truth.truth());
        SideBySide both = second == null ? null
                : SideBySide.of(a, ModelRun.of(second, engine, truth.faces(), truth.truth()), truth.truth());

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(json(frames, truth, a, both)));
        } else {
            out.printf("replay of %s: %s%n%s%n", topic, frames.ranges().stream().filter(r -> r.size() > 0).toList(),
                    counts(frames, truth));
            frames.bad().stream().limit(BAD_LISTED).forEach(b -> out.println("  " + b));
            if (frames.bad().size() > BAD_LISTED) out.printf("  ... and %d more%n", frames.bad().size() - BAD_LISTED);
            out.println();
            if (both == null) {
                out.printf(Locale.ROOT, "%s, engine %s, %.1f s%n%n", a.model(), engine, a.seconds());
                out.print(a.evaluation().toTable());
            } else {
                out.printf(Locale.ROOT, "engine %s: %s %.1f s, %s %.1f s%n%n", engine, a.model(), a.seconds(),
                        both.vs().model(), both.vs().seconds());
                out.print(both.toTable());
            }
        }
        out.flush();
        return 0;
    }

    private LabelledFrames read(TopicRange.Bound start, TopicRange.Bound end) {
        Duration timeout = Duration.ofSeconds(Math.max(1, connectTimeoutSeconds));
        ClusterConfig cluster = ClusterConfig.load(config)
                .with(ClusterConfig.BOOTSTRAP_SERVERS, bootstrapServers)
                .with(ClusterConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        String unreachable = "no Kafka broker answered at " + cluster.bootstrapServers() + " within "
                + timeout.toSeconds() + " s; is the cluster running (fer stack)?";
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(consumerSettings(cluster, timeout), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new ClusterUnavailableException("cannot use the Kafka cluster at " + cluster.bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
        try {
            List<TopicRange.PartitionRange> ranges = TopicRange.resolve(consumer, topic, start, end, timeout);
            if (ranges.stream().allMatch(r -> r.size() == 0)) {
                throw new IllegalArgumentException("nothing to replay: " + topic + " " + ranges + " holds no records");
            }
            SchemaRegistryClient registry = SchemaRegistryClient.fromConfigs(registrySettings(cluster, timeout));
            return new LabelledFrameReader(consumer, FerSerdes.faceFrame(registry).deserializer(), timeout)
                    .read(topic, ranges);
        } catch (TimeoutException e) {
            throw new ClusterUnavailableException(unreachable, e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
        }
    }

    /** A consumer outside any group: no group id, nothing committed. */
    private static Map<String, Object> consumerSettings(ClusterConfig cluster, Duration timeout) {
        Map<String, Object> props = new HashMap<>();
        cluster.asMap().forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) props.put(k, v);
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "fer-replay");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return props;
    }

    private static Map<String, Object> registrySettings(ClusterConfig cluster, Duration timeout) {
        Map<String, Object> settings = cluster.asMap();
        settings.putIfAbsent(SchemaRegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS, String.valueOf(timeout.toMillis()));
        settings.putIfAbsent(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS, String.valueOf(timeout.toMillis()));
        return settings;
    }

    private static String counts(LabelledFrames frames, LabelledFrames.Truth truth) {
        return frames.records() + " records: " + truth.faces().size() + " labelled frames evaluated, "
                + frames.unlabelled() + " without a label, " + frames.bad().size() + " bad"
                + (truth.outside() > 0 ? ", " + truth.outside() + " with a label outside the model's classes" : "");
    }

    /** {@code fer evaluate --json}'s object (both, with --vs) and what was replayed. */
    private Map<String, Object> json(LabelledFrames frames, LabelledFrames.Truth truth, ModelRun a, SideBySide both) {
        Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("topic", topic);
        replay.put("partitions", frames.ranges().stream().map(r -> object("partition", r.partition(), "from", r.from(),
                "to", r.to())).toList());
        replay.put("records", frames.records());
        replay.put("evaluated", truth.faces().size());
        replay.put("unlabelled", frames.unlabelled());
        replay.put("outside_classes", truth.outside());
        replay.put("bad_records", frames.bad().size());
        replay.put("bad", frames.bad().stream().limit(BAD_LISTED).map(b -> object("partition", b.partition(),
                "offset", b.offset(), "reason", b.reason())).toList());
        if (both == null) {
            Map<String, Object> m = report(a);
            m.put("replay", replay);
            return m;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", report(a));
        m.put("vs", report(both.vs()));
        m.putAll(both.toJson());
        m.put("replay", replay);
        return m;
    }

    /** A JSON object of three keys, in order. */
    private static Map<String, Object> object(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        m.put(k3, v3);
        return m;
    }

    private Map<String, Object> report(ModelRun run) {
        return run.evaluation().report(run.model(), topic, "all", engine, TestTimeAugmentation.NONE, run.seconds());
    }

    /** Runs the command on its own (outside the {@code fer} launcher). */
    public static void main(String[] args) {
        System.exit(CommandErrors.commandLine(new ReplayCommand()).execute(args));
    }
}
