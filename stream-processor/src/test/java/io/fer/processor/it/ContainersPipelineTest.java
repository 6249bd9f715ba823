package io.fer.processor.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline scenario on Kafka and Confluent Schema Registry containers. Runs with {@code mvn -P testcontainers}
 * (tag {@code containers}); skipped with the reason when no Docker engine answers.
 */
@Tag("containers")
class ContainersPipelineTest extends PipelineScenario {
    @RegisterExtension
    static final Cluster cluster = new Cluster(Containers::start);

    @Override
    Cluster cluster() {
        return cluster;
    }
}
