package io.fer.cli.pipeline;

import io.fer.schemas.ClusterConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Group-less byte consumers that read whole topics from their beginning, as verifiers and taps do. */
final class Consumers {
    private Consumers() {
    }

    /**
     * A consumer assigned every partition of {@code topics}, positioned at the beginning.
     *
     * @param readCommitted read only committed transactions (what a downstream consumer of exactly_once_v2 sees)
     */
    static KafkaConsumer<byte[], byte[]> fromBeginning(ClusterConfig cluster, boolean readCommitted, String... topics) {
        Map<String, Object> settings = cluster.asMap();
        settings.remove(ClusterConfig.SCHEMA_REGISTRY_URL);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
