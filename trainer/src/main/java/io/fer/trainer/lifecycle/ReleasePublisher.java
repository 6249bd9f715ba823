package io.fer.trainer.lifecycle;

import io.fer.model.bundle.InvalidBundleException;
import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.Normalisation;
import io.fer.schemas.Topics;
import io.fer.schemas.serde.FerSerdes;
import io.fer.schemas.serde.SchemaRegistryAccessException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Publishes a bundle to the models topic as a signed {@link ModelRelease} (the weights inline; see the release
 * contract in {@code stream-processor/README.md}) and records it in the {@link ReleaseHistory}.
 */
public final class ReleasePublisher {
    private static final Logger log = LoggerFactory.getLogger(ReleasePublisher.class);

    private final LifecycleConfig cfg;
    private final SigningKeys keys;
    private final ReleaseHistory history;

    public ReleasePublisher(LifecycleConfig cfg, SigningKeys keys) {
        this.cfg = cfg;
        this.keys = keys;
        this.history = new ReleaseHistory(cfg.repository());
    }

    /**
     * Publishes the bundle, waits for the broker's acknowledgement, then appends to the history.
     *
     * @param from for a rollback, the version it replaces (else null)
     * @throws ClusterUnavailableException when Kafka or the registry cannot be reached or refuses the release
     */
    public ReleaseHistory.Entry publish(ModelBundle bundle, ReleaseHistory.Action action, String by, String from)
            throws IOException {
        ModelRelease release = release(bundle);
        String topic = cfg.modelsTopic();
        byte[] value;
        try (Serializer<ModelRelease> serializer = FerSerdes.modelRelease(cfg.cluster().asMap()).serializer()) {
            value = serializer.serialize(topic, release);
        } catch (SchemaRegistryAccessException e) {
            throw new ClusterUnavailableException("cannot reach the schema registry at "
                    + cfg.cluster().schemaRegistryUrl() + ": " + e.getMessage(), e);
        }
        send(topic, release.getModelName(), value);
        ReleaseHistory.Entry entry = new ReleaseHistory.Entry(release.getModelName(), release.getModelVersion(),
                action, by, release.getSha256(), Instant.now().toString(), from);
        history.append(entry);
        log.info("published {} {}:{} to {} (sha256 {}, {})", action.name().toLowerCase(Locale.ROOT),
                entry.model(), entry.version(), topic, entry.sha256(), keys.signatureAlgorithm());
        return entry;
    }

    /** The signed release of a bundle: what {@link #publish} sends. */
    public ModelRelease release(ModelBundle bundle) throws IOException {
        Manifest m = bundle.manifest();
        byte[] artifact = Files.readAllBytes(bundle.directory().resolve(ModelBundle.WEIGHTS));
        String sha = sha256(artifact);
        if (!sha.equalsIgnoreCase(m.weightsSha256())) {
            throw new InvalidBundleException(bundle.directory() + ": the weights changed after the bundle was loaded");
        }
        if (m.normalisation() == null) throw new InvalidBundleException(bundle.directory() + ": the manifest has no normalisation");
        return ModelRelease.newBuilder()
                .setModelName(m.name()).setModelVersion(m.version()).setArchitecture(m.architecture())
                .setClassNames(m.classes()).setInputShape(m.inputShape())
                .setNormalisation(Normalisation.newBuilder().setMean(m.normalisation().mean())
                        .setStd(m.normalisation().std()).build())
                .setTrainingData(trainingData(m))
                .setValidationMetrics(metrics(bundle))
                .setCreatedAt(Instant.now())
                .setSha256(sha)
                .setSignatureAlgorithm(keys.signatureAlgorithm())
                .setSignature(ByteBuffer.wrap(keys.sign(sha)))
                .setArtifact(ByteBuffer.wrap(artifact))
                .build();
    }

    private void send(String topic, String key, byte[] value) throws InterruptedIOException {
        Map<String, Object> props = new HashMap<>();
        cfg.cluster().asMap().forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) props.put(k, v);
        });
        int timeout = cfg.kafkaTimeoutMs();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODELS_MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "fer-trainer-releases");
        String where = topic + " on " + cfg.cluster().bootstrapServers();
        KafkaProducer<String, byte[]> producer = null;
        try {
            producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new ClusterUnavailableException(cause instanceof TimeoutException
                    ? "could not publish to " + where + " within " + timeout + " ms (is Kafka up, and does the topic exist?)"
                    : "Kafka refused the release on " + where + ": " + cause, cause);
        } catch (KafkaException e) {
            throw new ClusterUnavailableException("could not publish to " + where + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while publishing to " + where);
        } finally {
            if (producer != null) producer.close(Duration.ofSeconds(5));
        }
    }

    private static String trainingData(Manifest m) {
        if (m.trainingData() == null || m.trainingData().files() == null) return "unknown";
        return m.trainingData().files().stream()
                .map(f -> f.path() + " (sha256 " + f.sha256() + ")")
                .collect(Collectors.joining(", ")) + "; labels " + m.trainingData().labels();
    }

    /** The manifest's numeric metrics, and the gate's evaluation (prefixed {@code gate_}) when there is one. */
    private static Map<String, Double> metrics(ModelBundle bundle) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        if (bundle.manifest().metrics() != null) {
            bundle.manifest().metrics().forEach((k, v) -> {
                if (v instanceof Number n) out.put(k, n.doubleValue());
            });
        }
        GateDecision.read(bundle.directory()).ifPresent(g -> g.challengerMetrics().forEach((k, v) -> out.put("gate_" + k, v)));
        return out;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
