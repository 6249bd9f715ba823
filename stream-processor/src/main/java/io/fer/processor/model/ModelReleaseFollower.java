package io.fer.processor.model;

import io.fer.processor.metrics.ProcessorMetrics;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.Topics;
import io.fer.schemas.serde.SchemaRegistryAccessException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows the models topic and keeps the {@link ModelSlot} serving its latest good release.
 *
 * <p>{@link #start} reads the topic from the beginning to its current end (no consumer group: every processor sees
 * every release) and serves the newest release of the followed name that passes the checks, else the newest bundle of
 * the local repository. From then on a thread of its own verifies, loads and warms each new release and offers it to
 * the slot, which swaps it in between two forward passes; a refused release is logged and counted, and the model in
 * service stays. Releases are taken in topic order, so the version in service never goes back unless a release
 * (an operator's rollback) says so.
 */
public final class ModelReleaseFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelReleaseFollower.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final int REGISTRY_ATTEMPTS = 4;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final String modelName;
    private final Deserializer<ModelRelease> deserializer;
    private final ReleaseVerifier verifier;
    private final LocalModels local;
    private final ModelSlot slot;
    private final ProcessorMetrics metrics;
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param clientSettings connection and security settings (others are ignored)
     * @param topic          the models topic
     * @param modelName      the name to follow, or empty for any
     * @param deserializer   Confluent wire-format deserializer of releases
     * @param verifier       checks and loads releases
     * @param local          the local repository, the fallback
     * @param slot           where models are offered
     * @param metrics        counts refusals
     */
    public ModelReleaseFollower(Map<String, Object> clientSettings, String topic, String modelName,
                                Deserializer<ModelRelease> deserializer, ReleaseVerifier verifier, LocalModels local,
                                ModelSlot slot, ProcessorMetrics metrics) {
        Map<String, Object> props = new HashMap<>();
        clientSettings.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) props.put(k, v);
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MODELS_MAX_MESSAGE_BYTES);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Topics.MODELS_MAX_MESSAGE_BYTES);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "fer-model-follower");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.modelName = modelName;
        this.deserializer = deserializer;
        this.verifier = verifier;
        this.local = local;
        this.slot = slot;
        this.metrics = metrics;
    }

    /**
     * Catches up with the topic and puts the first model in service, then follows the topic in the background.
     *
     * @throws IllegalStateException when neither the topic nor the local repository yields a model within
     *                               {@code timeout}
     */
    public void start(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> history = new ArrayList<>();
        if (assign()) {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
            while (!caughtUp(end)) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("timed out reading " + topic);
                consumer.poll(POLL).forEach(history::add);
            }
        } else {
            log.warn("topic {} does not exist (yet); checking again every {}", topic, RETRY);
        }
        Optional<ServingModel> first = newestGood(history);
        if (first.isEmpty()) {
            log.info("no usable release on {}; serving the newest bundle of the local repository", topic);
            first = local.loadNewest();
        }
        while (first.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no model to serve: " + topic + " has no usable release"
                        + (modelName.isEmpty() ? "" : " of " + modelName) + " and the local repository no usable bundle");
            }
            first = newestGood(pollOrWait());
        }
        slot.offer(first.get());
        thread = new Thread(this::follow, "fer-model-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** Assigns every partition of the topic from its beginning; false when the topic does not exist. */
    private boolean assign() {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, RETRY);
        } catch (TimeoutException e) {
            return false;
        }
        if (partitions == null || partitions.isEmpty()) return false;
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        return true;
    }

    /** The next records, or none after a pause while the topic does not exist. */
    private List<ConsumerRecord<byte[], byte[]>> pollOrWait() {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (consumer.assignment().isEmpty() && !assign()) {
            long until = System.nanoTime() + RETRY.toNanos();
            while (!closed && System.nanoTime() < until) {
                try {
                    Thread.sleep(POLL.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new WakeupException();
                }
            }
            return records;
        }
        consumer.poll(POLL).forEach(records::add);
        return records;
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) return false;
        }
        return true;
    }

    /** The newest release among the records that passes every check (older ones are tried when newer fail). */
    private Optional<ServingModel> newestGood(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ConsumerRecord<byte[], byte[]>> candidates = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) if (r.value() != null) candidates.add(r);
        candidates.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                .thenComparingLong(ConsumerRecord::offset).reversed());
        for (ConsumerRecord<byte[], byte[]> r : candidates) {
            Optional<ServingModel> model = load(r);
            if (model.isPresent()) return model;
        }
        return Optional.empty();
    }

    private void follow() {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : pollOrWait()) {
                    if (r.value() == null) continue;
                    load(r).ifPresent(slot::offer);
                }
            }
        } catch (RuntimeException e) {
            if (!closed) log.error("stopped following {}: the model in service stays", topic, e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** Decodes, checks and loads one release of the followed name; refusals are logged and counted. */
    private Optional<ServingModel> load(ConsumerRecord<byte[], byte[]> record) {
        ModelRelease release;
        try {
            release = decode(record);
        } catch (RuntimeException e) {
            refused(RefusalReason.UNDECODABLE, "record " + record.partition() + "@" + record.offset() + ": " + e.getMessage());
            return Optional.empty();
        }
        if (!modelName.isEmpty() && !modelName.equals(release.getModelName())) return Optional.empty();
        try {
            ServingModel model = verifier.verify(release);
            log.info("release {}:{} passed its checks and is warmed up", release.getModelName(), release.getModelVersion());
            return Optional.of(model);
        } catch (ModelRefusedException e) {
            refused(e.reason(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Decodes a release, retrying a few times while the registry cannot be reached (not the record's fault). */
    private ModelRelease decode(ConsumerRecord<byte[], byte[]> record) {
        for (int attempt = 1; ; attempt++) {
            try {
                return deserializer.deserialize(record.topic(), record.value());
            } catch (SchemaRegistryAccessException e) {
                if (attempt == REGISTRY_ATTEMPTS || closed) throw e;
                log.warn("schema registry unavailable reading release {}@{}; retrying", record.partition(), record.offset());
                try {
                    Thread.sleep(1000L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void refused(RefusalReason reason, String message) {
        log.warn("refused a model release: {}", message);
        metrics.refusal(reason.name());
    }

    @Override
    public void close() {
        closed = true;
        if (thread == null) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
