package io.fer.ops.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: a compacted single-partition Kafka topic that every instance replays from the start and
 * then follows. A reader thread applies each record, in log order, to the state; a writer appends a record and waits
 * until the reader has applied it, learning whether the log accepted it.
 */
final class KafkaRegistryLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaRegistryLog.class);

    private final RegistryServerConfig config;
    private final TopicPartition partition;
    private final Predicate<RegistryRecord> applier;
    private final RegistryRecordCodec codec = new RegistryRecordCodec();
    private final Map<String, CompletableFuture<Boolean>> pending = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private volatile boolean running = true;
    /** Next offset the reader will apply; guarded by {@link #progress}. */
    private long position;

    /**
     * Connects to the topic (creating it if missing) and starts following it; call {@link #awaitEnd()} before
     * serving reads.
     *
     * @param applier applies a record to the state and tells whether it was accepted
     */
    KafkaRegistryLog(RegistryServerConfig config, Predicate<RegistryRecord> applier) {
        this.config = config;
        this.partition = new TopicPartition(config.topic(), 0);
        this.applier = applier;
        this.admin = Admin.create(clientProperties(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis())));
        KafkaProducer<String, String> createdProducer = null;
        try {
            ensureTopic();
            createdProducer = new KafkaProducer<>(clientProperties(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, config.timeout().toMillis(),
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis(),
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis() / 2)),
                    new StringSerializer(), new StringSerializer());
            this.consumer = new KafkaConsumer<>(clientProperties(Map.of(
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                    new StringDeserializer(), new StringDeserializer());
        } catch (RuntimeException e) {
            if (createdProducer != null) {
                createdProducer.close(Duration.ZERO);
            }
            admin.close();
            throw e;
        }
        this.producer = createdProducer;
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        this.reader = new Thread(this::follow, "schema-registry-log-" + config.topic());
        reader.setDaemon(true);
        reader.start();
    }

    private Properties clientProperties(Map<String, Object> specific) {
        Properties properties = new Properties();
        properties.putAll(config.kafkaClientProperties());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        properties.putAll(specific);
        return properties;
    }

    private void ensureTopic() {
        try {
            TopicDescription description = admin.describeTopics(List.of(config.topic())).allTopicNames().get()
                    .get(config.topic());
            if (description.partitions().size() != 1) {
                throw RegistryError.storeError("topic " + config.topic() + " has " + description.partitions().size()
                        + " partitions; the registry log needs exactly 1 to keep one order");
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw RegistryError.storeError("cannot describe topic " + config.topic() + ": " + e.getCause());
            }
            createTopic();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("interrupted while checking topic " + config.topic());
        }
    }

    private void createTopic() {
        NewTopic topic = new NewTopic(config.topic(), 1, config.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get();
            LOG.info("created schema registry topic {}", config.topic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw RegistryError.storeError("cannot create topic " + config.topic() + ": " + e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("interrupted while creating topic " + config.topic());
        }
    }

    /** The reader thread: apply every record in order, forever; bad records are skipped, never fatal. */
    private void follow() {
        while (running) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
                long next = consumer.position(partition);
                synchronized (progress) {
                    position = next;
                    progress.notifyAll();
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("schema registry log reader: {}; retrying", e.toString());
                sleepQuietly();
            }
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        Optional<RegistryRecord> decoded;
        try {
            decoded = codec.decode(record.value());
        } catch (IllegalArgumentException e) {
            LOG.warn("skipping unreadable record at offset {} of {}: {}", record.offset(), config.topic(),
                    e.getMessage());
            return;
        }
        decoded.ifPresent(entry -> {
            boolean accepted = applier.test(entry);
            CompletableFuture<Boolean> waiter = pending.remove(entry.proposal());
            if (waiter != null) {
                waiter.complete(accepted);
            }
        });
    }

    /**
     * Appends a record and waits until this instance has applied it.
     *
     * @return whether the log accepted it (false when a concurrent writer's record came first and conflicts)
     */
    boolean appendAndApply(RegistryRecord record) {
        CompletableFuture<Boolean> outcome = new CompletableFuture<>();
        pending.put(record.proposal(), outcome);
        try {
            producer.send(new ProducerRecord<>(config.topic(), 0, codec.key(record), codec.value(record)))
                    .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return outcome.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw RegistryError.storeError("cannot write to " + config.topic() + ": " + e.getCause());
        } catch (TimeoutException e) {
            throw RegistryError.timeout("no acknowledgement from " + config.topic() + " within " + config.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeError("interrupted while writing to " + config.topic());
        } finally {
            pending.remove(record.proposal());
        }
    }

    /** Waits until every record written to the log so far has been applied. */
    void awaitEnd() {
        long deadline = System.nanoTime() + config.timeout().toNanos();
        long end = endOffset(deadline);
        synchronized (progress) {
            while (position < end) {
                long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMs <= 0) {
                    throw RegistryError.timeout("read " + position + " of " + end + " records of " + config.topic());
                }
                try {
                    progress.wait(remainingMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw RegistryError.storeError("interrupted while reading " + config.topic());
                }
            }
        }
    }

    /**
     * The log's end offset. Retried while the error is retriable: right after the topic is created the broker may
     * not know its partition yet (UnknownTopicOrPartition), more often on a loaded machine.
     */
    private long endOffset(long deadline) {
        while (true) {
            long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                        .get(remainingMs, TimeUnit.MILLISECONDS).offset();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw RegistryError.storeError("cannot read the end of " + config.topic() + ": " + e.getCause());
                }
                LOG.debug("end of {} not readable yet: {}", config.topic(), e.getCause().toString());
                sleepQuietly();
            } catch (TimeoutException e) {
                throw RegistryError.timeout("no end offset of " + config.topic() + " within " + config.timeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw RegistryError.storeError("interrupted while reading the end of " + config.topic());
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(config.timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
