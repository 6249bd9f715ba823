package io.fer.ops.stack;

import io.fer.ops.kafka.BrokerSecurity;
import io.fer.ops.kafka.EmbeddedKafkaBroker;
import io.fer.ops.registry.RegistryServerConfig;
import io.fer.ops.registry.SchemaRegistryServer;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.Topics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The local stack: a KRaft broker and a schema registry on 127.0.0.1, with the project's topics created. It backs
 * {@code fer stack}, {@code fer demo} and the integration tests. In production, point the services at your own
 * Kafka cluster and Confluent Schema Registry (or a compatible one) instead.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * How to start the stack.
     *
     * @param dataDir         where the broker keeps its data, or null for a temporary directory deleted on close
     * @param kafkaPort       the broker's port, 0 for a free one
     * @param registryPort    the registry's port, 0 for a free one
     * @param framePartitions  partitions of {@code fer.frames}, {@code fer.emotions} and {@code fer.emotions.shadow}
     *                         (the unit of scale-out)
     */
    public record Settings(Path dataDir, int kafkaPort, int registryPort, int framePartitions) {
        /** A throw-away stack on free ports, as tests use it. */
        public static Settings ephemeral() {
            return new Settings(null, 0, 0, 4);
        }
    }

    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;

    private LocalStack(EmbeddedKafkaBroker broker, SchemaRegistryServer registry) {
        this.broker = broker;
        this.registry = registry;
    }

    /** Starts the broker, then the registry on it, then creates the topics that are missing. */
    public static LocalStack start(Settings settings) {
        return start(settings, null);
    }

    /**
     * Starts a stack whose broker takes SASL logins and enforces ACLs (the registry itself stays open and reaches
     * the broker as the super user); {@code security} null gives the plain stack.
     */
    public static LocalStack start(Settings settings, BrokerSecurity security) {
        Objects.requireNonNull(settings, "settings");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().dataDir(settings.dataDir())
                .port(settings.kafkaPort()).security(security).start();
        try {
            topicPartitions(settings).forEach((topic, partitions) ->
                    broker.createTopic(topic, partitions, Topics.configs(topic)));
            SchemaRegistryServer registry = SchemaRegistryServer.start(RegistryServerConfig.defaults(broker.bootstrapServers())
                    .withPort(settings.registryPort()).withKafkaClientProperties(broker.clientSettings()));
            return new LocalStack(broker, registry);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** The project's topics and their partition counts. */
    public static Map<String, Integer> topicPartitions(Settings settings) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(Topics.FRAMES, settings.framePartitions());
        topics.put(Topics.EMOTIONS, settings.framePartitions());
        topics.put(Topics.EMOTIONS_SHADOW, settings.framePartitions());
        topics.put(Topics.FRAMES_DLQ, 1);
        topics.put(Topics.MODELS, 1);
        return topics;
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    /**
     * Client settings for this stack with full rights (with SASL, the super user's): its broker and registry,
     * nothing else from the environment.
     */
    public ClusterConfig clusterConfig() {
        return withRegistry(broker.clientSettings());
    }

    /** Client settings for one of the broker's SASL users ({@link EmbeddedKafkaBroker#clientSettings(String, String)}). */
    public ClusterConfig clusterConfig(String user, String mechanism) {
        return withRegistry(broker.clientSettings(user, mechanism));
    }

    private ClusterConfig withRegistry(Map<String, Object> kafkaSettings) {
        ClusterConfig config = ClusterConfig.load(null, Map.of()).with(ClusterConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl());
        for (Map.Entry<String, Object> e : kafkaSettings.entrySet()) config = config.with(e.getKey(), String.valueOf(e.getValue()));
        return config;
    }

    /** Stops the registry, then the broker. */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
