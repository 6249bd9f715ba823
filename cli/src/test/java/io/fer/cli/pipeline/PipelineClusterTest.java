package io.fer.cli.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The broker restart the fault suite relies on: same address, same topics and records afterwards. */
class PipelineClusterTest {

    @Test
    void theBrokerComesBackOnTheSameAddressWithItsRecords() throws Exception {
        try (PipelineCluster cluster = PipelineCluster.start()) {
            String address = cluster.bootstrapServers();
            RunTopics topics = cluster.createTopics("restart", 3);
            send(cluster, topics.frames(), "before");
            cluster.stopBroker();
            assertThrows(IllegalStateException.class, cluster::stopBroker, "already stopped");
            cluster.startBroker();
            assertEquals(address, cluster.bootstrapServers());
            send(cluster, topics.frames(), "after");
            assertEquals(List.of("before", "after"), readAll(cluster, topics.frames(), 2));
            assertEquals(3, partitions(cluster, topics.frames()), "the topic kept its partitions");
        }
    }

    private static void send(PipelineCluster cluster, String topic, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(cluster.clusterConfig().asMap(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, 0, null, value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static List<String> readAll(PipelineCluster cluster, String topic, int n) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = Consumers.fromBeginning(cluster.clusterConfig(), true, topic)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    private static int partitions(PipelineCluster cluster, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = Consumers.fromBeginning(cluster.clusterConfig(), true, topic)) {
            return c.partitionsFor(topic).size();
        }
    }

}
