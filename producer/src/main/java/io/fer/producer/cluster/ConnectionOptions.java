package io.fer.producer.cluster;

import io.fer.schemas.ClusterConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** Command-line options shared by the clients of this module: where the cluster and registry are, and how long to wait. */
public final class ConnectionOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Client properties (bootstrap.servers, schema.registry.url, security.protocol, sasl.*, ssl.*, ...).")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "Kafka brokers (default: the config file, FER_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry (default: the config file, FER_SCHEMA_REGISTRY_URL, else http://127.0.0.1:8081).")
    String schemaRegistryUrl;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up if the broker or registry does not answer within this time (default: ${DEFAULT-VALUE}).")
    long connectTimeoutSeconds;

    /** The settings: defaults, then the file, then the environment, then these options. */
    public ClusterConfig clusterConfig() {
        return ClusterConfig.load(configFile)
                .with(ClusterConfig.BOOTSTRAP_SERVERS, bootstrapServers)
                .with(ClusterConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
    }

    public Duration connectTimeout() {
        return Duration.ofSeconds(Math.max(1, connectTimeoutSeconds));
    }
}
