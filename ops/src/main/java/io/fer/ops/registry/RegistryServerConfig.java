package io.fer.ops.registry;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link SchemaRegistryServer}.
 *
 * @param bootstrapServers      Kafka cluster holding the registry's log
 * @param host                  address to bind, 127.0.0.1 by default
 * @param port                  port to bind, 0 for an ephemeral one
 * @param topic                 the log topic, {@code _schemas} by default; created (compacted, 1 partition) if missing
 * @param replicationFactor     replicas of the log topic when it is created
 * @param timeout               how long a write or a catch-up with the log may take
 * @param kafkaClientProperties extra settings for the Kafka clients (e.g. security), may be empty
 */
public record RegistryServerConfig(String bootstrapServers, String host, int port, String topic,
                                   short replicationFactor, Duration timeout,
                                   Map<String, Object> kafkaClientProperties) {
    /** The default log topic, as in Confluent's registry. */
    public static final String DEFAULT_TOPIC = "_schemas";

    /** Validates the settings. */
    public RegistryServerConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timeout, "timeout");
        kafkaClientProperties = Map.copyOf(kafkaClientProperties);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, got " + replicationFactor);
        }
    }

    /** Loopback, an ephemeral port, topic {@code _schemas} with one replica, 30 s timeout. */
    public static RegistryServerConfig defaults(String bootstrapServers) {
        return new RegistryServerConfig(bootstrapServers, "127.0.0.1", 0, DEFAULT_TOPIC, (short) 1,
                Duration.ofSeconds(30), Map.of());
    }

    /** The same settings on another port. */
    public RegistryServerConfig withPort(int newPort) {
        return new RegistryServerConfig(bootstrapServers, host, newPort, topic, replicationFactor, timeout,
                kafkaClientProperties);
    }

    /** The same settings with these Kafka client settings (e.g. SASL credentials). */
    public RegistryServerConfig withKafkaClientProperties(Map<String, Object> properties) {
        return new RegistryServerConfig(bootstrapServers, host, port, topic, replicationFactor, timeout, properties);
    }

    /** The same settings on another log topic. */
    public RegistryServerConfig withTopic(String newTopic) {
        return new RegistryServerConfig(bootstrapServers, host, port, newTopic, replicationFactor, timeout,
                kafkaClientProperties);
    }
}
