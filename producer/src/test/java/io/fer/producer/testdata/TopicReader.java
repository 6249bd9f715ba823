package io.fer.producer.testdata;

import io.fer.schemas.serde.FerSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads back everything a topic of the shared stack holds, in partition order. */
public final class TopicReader {

    private TopicReader() {
    }

    public static <T extends SpecificRecord> List<ConsumerRecord<String, T>> readAll(String topic, Class<T> type) {
        Map<String, Object> settings = Map.of(
                "bootstrap.servers", SharedStack.get().bootstrapServers(),
                "schema.registry.url", SharedStack.get().schemaRegistryUrl());
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                FerSerdes.values(type, settings).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<ConsumerRecord<String, T>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read " + topic + " to its end " + end);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
