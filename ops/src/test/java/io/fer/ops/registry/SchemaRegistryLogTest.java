package io.fer.ops.registry;

import static io.fer.ops.registry.TestSchemas.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fer.ops.kafka.EmbeddedKafkaBroker;
import io.fer.schemas.registry.CompatibilityLevel;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.registry.SchemaRegistryClientConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka log: ids survive a restart, instances sharing a topic agree, and foreign records are skipped. */
class SchemaRegistryLogTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static SchemaRegistryServer server(String topic) {
        return SchemaRegistryServer.start(RegistryServerConfig.defaults(broker.bootstrapServers()).withTopic(topic));
    }

    private static SchemaRegistryClient client(SchemaRegistryServer server) {
        return new SchemaRegistryClient(SchemaRegistryClientConfig.forUrl(server.url()));
    }

    @Test
    void idsVersionsAndLevelsAreTheSameAfterARestartOnTheSameTopic() {
        Schema a = record("A");
        Schema a2 = record("A", "more");
        Schema b = record("B");
        int idA;
        int idA2;
        int idB;
        try (SchemaRegistryServer first = server("_schemas-restart")) {
            SchemaRegistryClient client = client(first);
            idA = client.register("a-value", a);
            idA2 = client.register("a-value", a2);
            idB = client.register("b-value", b);
            client.setSubjectCompatibility("b-value", CompatibilityLevel.FULL);
        }
        try (SchemaRegistryServer second = server("_schemas-restart")) {
            SchemaRegistryClient client = client(second);
            assertEquals(a, client.schemaById(idA));
            assertEquals(a2, client.schemaById(idA2));
            assertEquals(b, client.schemaById(idB));
            assertEquals(List.of(1, 2), client.versions("a-value"));
            assertEquals(idA2, client.latestVersion("a-value").id());
            assertEquals(Optional.of(CompatibilityLevel.FULL), client.subjectCompatibility("b-value"));
            assertEquals(idB, client.register("b-value", b), "re-registration after restart keeps the id");
            int next = client.register("c-value", record("C"));
            assertEquals(Math.max(idA2, idB) + 1, next, "no id is reused after a restart");
        }
    }

    @Test
    void twoInstancesOnOneTopicAgreeOnEveryIdUnderConcurrentWrites() throws Exception {
        try (SchemaRegistryServer left = server("_schemas-shared");
             SchemaRegistryServer right = server("_schemas-shared")) {
            List<SchemaRegistryClient> clients = List.of(client(left), client(right));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> ids = new ArrayList<>();
            List<Schema> schemas = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                // both instances write the same subjects at once; each schema is sent to both instances
                Schema schema = record("Shared" + (i % 3), fieldNames(i / 3));
                schemas.add(schema);
                String subject = "shared" + (i % 3) + "-value";
                for (SchemaRegistryClient client : clients) {
                    ids.add(pool.submit(() -> client.register(subject, schema)));
                }
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> id : ids) {
                results.add(id.get());
            }
            pool.shutdown();

            for (int i = 0; i < schemas.size(); i++) {
                assertEquals(results.get(2 * i), results.get(2 * i + 1),
                        "both instances returned the same id for schema " + i);
            }
            assertEquals(schemas.size(), new HashSet<>(results).size(), "one id per distinct schema");
            SchemaRegistryClient leftReader = client(left);
            SchemaRegistryClient rightReader = client(right);
            for (int i = 0; i < schemas.size(); i++) {
                assertEquals(schemas.get(i), leftReader.schemaById(results.get(2 * i)));
                assertEquals(schemas.get(i), rightReader.schemaById(results.get(2 * i)));
            }
            for (int s = 0; s < 3; s++) {
                String subject = "shared" + s + "-value";
                assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), leftReader.versions(subject));
                assertEquals(leftReader.versions(subject), rightReader.versions(subject));
                for (int version = 1; version <= 8; version++) {
                    assertEquals(leftReader.version(subject, version), rightReader.version(subject, version));
                }
            }
        }
    }

    /** Field names that make a backward-compatible chain: each schema adds one optional field. */
    private static String[] fieldNames(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = "f" + i;
        }
        return names;
    }

    @Test
    void recordsTheRegistryDidNotWriteAreSkipped() throws Exception {
        String topic = "_schemas-foreign";
        int id;
        try (SchemaRegistryServer first = server(topic)) {
            id = client(first).register("x-value", record("X"));
        }
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k1", "not json at all")).get();
            producer.send(new ProducerRecord<>(topic, "k2", "{\"proposal\":\"p\",\"type\":\"SCHEMA\"}")).get();
            producer.send(new ProducerRecord<>(topic, "{\"keytype\":\"SCHEMA\",\"subject\":\"y\",\"version\":1,"
                    + "\"magic\":1}", "{\"subject\":\"y\",\"version\":1,\"id\":5,\"schema\":\"\\\"string\\\"\"}"))
                    .get();
        }
        try (SchemaRegistryServer second = server(topic)) {
            SchemaRegistryClient client = client(second);
            assertEquals(record("X"), client.schemaById(id));
            assertEquals(List.of("x-value"), client.subjects());
            assertTrue(client.register("z-value", record("Z")) > id);
        }
    }

    @Test
    void theLogTopicIsCreatedCompactedWithOnePartition() throws Exception {
        try (SchemaRegistryServer ignored = server("_schemas-created"); var admin = broker.admin()) {
            var description = admin.describeTopics(List.of("_schemas-created")).allTopicNames().get()
                    .get("_schemas-created");
            assertEquals(1, description.partitions().size());
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "_schemas-created");
            assertEquals("compact", admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get("cleanup.policy").value());
        }
    }

    @Test
    void aTopicWithSeveralPartitionsIsRefusedAtStart() {
        broker.createTopic("_schemas-wide", 2, Map.of());
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> server("_schemas-wide"));
        assertTrue(e.getMessage().contains("2 partitions"), e.getMessage());
    }
}
