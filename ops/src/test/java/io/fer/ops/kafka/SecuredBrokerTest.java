package io.fer.ops.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker with SASL and ACLs: who may log in (PLAIN and SCRAM), and that an ACL, not the login, grants access. */
class SecuredBrokerTest {
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.builder()
                .security(BrokerSecurity.sasl("admin", "admin-secret").withUser("alice", "alice-secret")).start();
        broker.createTopic("granted", 1, Map.of());
        broker.createTopic("other", 1, Map.of());
    }

    @AfterAll
    static void stop() {
        if (broker != null) broker.close();
    }

    @Test
    void aScramUserWritesAndReadsOnlyWhereAnAclAllowsIt() throws Exception {
        try (Admin admin = broker.admin()) {
            ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC, "granted", PatternType.LITERAL);
            admin.createAcls(List.of(allow(topic, AclOperation.WRITE), allow(topic, AclOperation.READ))).all().get();
        }
        for (String mechanism : List.of(BrokerSecurity.SCRAM_SHA_256, BrokerSecurity.SCRAM_SHA_512, BrokerSecurity.PLAIN)) {
            Map<String, Object> alice = broker.clientSettings("alice", mechanism);
            try (KafkaProducer<String, String> producer = producer(alice)) {
                producer.send(new ProducerRecord<>("granted", "k", mechanism)).get();
                ExecutionException denied = assertThrows(ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>("other", "k", "v")).get());
                assertInstanceOf(TopicAuthorizationException.class, denied.getCause(), mechanism);
            }
        }
        Map<String, Object> reader = new HashMap<>(broker.clientSettings("alice", BrokerSecurity.SCRAM_SHA_256));
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(reader, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition p = new TopicPartition("granted", 0);
            consumer.assign(List.of(p));
            consumer.seekToBeginning(List.of(p));
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read < 3 && System.nanoTime() < deadline) read += consumer.poll(Duration.ofMillis(200)).count();
            assertEquals(3, read, "one record per mechanism");
        }
    }

    @Test
    void aWrongPasswordOrNoLoginIsRefused() {
        for (String mechanism : BrokerSecurity.MECHANISMS) {
            Map<String, Object> wrong = new HashMap<>(BrokerSecurity.clientSettings(mechanism, "alice", "not-her-password"));
            wrong.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            ExecutionException e = assertThrows(ExecutionException.class, () -> describe(wrong));
            assertInstanceOf(SaslAuthenticationException.class, e.getCause(), mechanism);
        }
        // A plaintext client never gets past the SASL handshake; it sees no broker at all.
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> describe(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(broker.clientSettings().containsKey("sasl.jaas.config"), "the broker's own admin logs in");
    }

    private static void describe(Map<String, Object> settings) throws Exception {
        Map<String, Object> p = new HashMap<>(settings);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().clusterId().get();
        }
    }

    private static AclBinding allow(ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:alice", "*", operation, AclPermissionType.ALLOW));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> settings) {
        Map<String, Object> p = new HashMap<>(settings);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
