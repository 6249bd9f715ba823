package io.fer.processor.it;

import io.fer.ops.kafka.BrokerSecurity;
import io.fer.ops.stack.LocalStack;
import io.fer.schemas.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The pipeline scenario on a broker that takes only SASL logins and enforces ACLs (KRaft's StandardAuthorizer). The
 * processor, the frame producer and the event reader log in as {@code pipeline}, who has only the ACLs of
 * {@link PipelineAcls}; the broker, controller and registry are the super user. Under exactly_once_v2, so the
 * transactional-id ACL is needed too. Clients without a login, with a wrong password, or outside their ACLs are
 * refused.
 */
class SecuredPipelineTest extends PipelineScenario {
    private static final String USER = "pipeline";
    private static final String PASSWORD = "pipeline-secret";

    @RegisterExtension
    static final Cluster cluster = new Cluster(SecuredPipelineTest::securedStack);

    private static Cluster.Backend securedStack() {
        LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(),
                BrokerSecurity.sasl("admin", "admin-secret").withUser(USER, PASSWORD));
        try (Admin admin = stack.broker().admin()) {
            admin.createAcls(PipelineAcls.forUser(USER, SecuredPipelineTest.class.getSimpleName())).all().get();
        } catch (Exception e) {
            stack.close();
            throw new IllegalStateException("cannot create the pipeline's ACLs: " + e.getMessage(), e);
        }
        return new Cluster.Backend(stack.clusterConfig(USER, BrokerSecurity.PLAIN), stack.clusterConfig(), stack::close);
    }

    @Override
    Cluster cluster() {
        return cluster;
    }

    @Override
    String guarantee() {
        return StreamsConfig.EXACTLY_ONCE_V2;
    }

    @Test
    void aClientWithoutALoginOrWithAWrongPasswordIsRefused() {
        Map<String, Object> anonymous = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        ExecutionException e = assertThrows(ExecutionException.class, () -> sendFrame(anonymous));
        assertInstanceOf(TimeoutException.class, e.getCause(), "a plaintext client never gets past the SASL handshake");

        Map<String, Object> wrongPassword = cluster.pipeline().asMap();
        wrongPassword.putAll(BrokerSecurity.clientSettings(BrokerSecurity.PLAIN, USER, "not-the-password"));
        e = assertThrows(ExecutionException.class, () -> sendFrame(wrongPassword));
        assertInstanceOf(AuthenticationException.class, e.getCause());
    }

    @Test
    void thePipelineUserIsRefusedOutsideItsAcls() throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic("private.audit", 1, (short) 1))).all().get();
        }
        Map<String, Object> pipeline = cluster.pipeline().asMap();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> send(pipeline, "private.audit"));
        assertInstanceOf(TopicAuthorizationException.class, e.getCause(), "no ACL on topics outside fer.*");

        pipeline.put(ConsumerConfig.GROUP_ID_CONFIG, "someone-elses-group");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(pipeline, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FRAMES));
            assertThrows(GroupAuthorizationException.class, () -> consumer.poll(Duration.ofSeconds(10)),
                    "no ACL on groups other than the processor's");
        }
    }

    private static String bootstrapServers() {
        return cluster.pipeline().bootstrapServers();
    }

    private static void sendFrame(Map<String, Object> settings) throws Exception {
        send(settings, Topics.FRAMES);
    }

    private static void send(Map<String, Object> settings, String topic) throws Exception {
        Map<String, Object> p = new HashMap<>(settings);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, new byte[]{1})).get();
        }
    }
}
