package io.fer.processor.it;

import io.fer.ops.stack.LocalStack;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Kafka ({@code apache/kafka}) and Confluent Schema Registry ({@code confluentinc/cp-schema-registry}) in Docker
 * containers, with the project's topics. The images come from the system properties {@code fer.kafka.image} and
 * {@code fer.schema.registry.image}, which the stream-processor pom sets from the parent's pins. Without a Docker
 * engine the calling test is skipped (a JUnit assumption with the reason), never failed or passed.
 */
final class Containers {
    private static final Logger log = LoggerFactory.getLogger(Containers.class);
    private static final String KAFKA_ALIAS = "kafka";
    private static final String KAFKA_INTERNAL = KAFKA_ALIAS + ":19092";
    private static final int REGISTRY_PORT = 8081;

    private Containers() {
    }

    /** Starts both containers on one network and creates the topics. */
    static Cluster.Backend start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            String reason = "No Docker engine found: the pipeline scenario on Kafka and Schema Registry containers is "
                    + "SKIPPED (it runs on the embedded broker in EmbeddedPipelineTest). Start Docker to run it.";
            log.warn(reason); // Surefire counts a skipped test but does not print why
            Assumptions.abort(reason);
        }
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(image("fer.kafka.image"))
                .withNetwork(network).withNetworkAliases(KAFKA_ALIAS).withListener(KAFKA_INTERNAL);
        GenericContainer<?> registry = new GenericContainer<>(image("fer.schema.registry.image"))
                .withNetwork(network)
                .withExposedPorts(REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:" + REGISTRY_PORT)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + KAFKA_INTERNAL)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)))
                .dependsOn(kafka);
        Runnable stop = () -> {
            registry.stop();
            kafka.stop();
            network.close();
        };
        try {
            registry.start();
            ClusterConfig config = ClusterConfig.load(null, Map.of())
                    .with(ClusterConfig.BOOTSTRAP_SERVERS, kafka.getBootstrapServers())
                    .with(ClusterConfig.SCHEMA_REGISTRY_URL,
                            "http://" + registry.getHost() + ":" + registry.getMappedPort(REGISTRY_PORT));
            createTopics(config);
            return new Cluster.Backend(config, config, stop);
        } catch (RuntimeException e) {
            stop.run();
            throw e;
        }
    }

    private static void createTopics(ClusterConfig config) {
        try (Admin admin = Admin.create(config.asMap())) {
            List<NewTopic> topics = LocalStack.topicPartitions(LocalStack.Settings.ephemeral()).entrySet().stream()
                    .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1).configs(Topics.configs(t.getKey())))
                    .toList();
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics in the Kafka container: " + e.getMessage(), e);
        }
    }

    private static DockerImageName image(String property) {
        String name = System.getProperty(property);
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (the stream-processor pom "
                    + "sets it; run with mvn -P testcontainers)");
        }
        return DockerImageName.parse(name);
    }
}
