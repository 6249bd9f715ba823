package io.fer.producer;

import io.fer.ops.kafka.BrokerSecurity;
import io.fer.ops.stack.LocalStack;
import io.fer.producer.testdata.CommandRun;
import io.fer.producer.testdata.DatasetFaces;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.Emotion;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.Topics;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fer produce} and {@code fer watch} against a broker that takes only SASL logins and enforces ACLs: the
 * security settings of {@code --config} reach every Kafka client they create (SCRAM-SHA-256 here), and a wrong
 * password is a clear error with the cluster-unavailable exit code, not a crash or a hang.
 */
class SecuredClusterTest {
    private static final String USER = "camera";
    private static final String PASSWORD = "camera-secret";
    private static LocalStack stack;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(LocalStack.Settings.ephemeral(),
                BrokerSecurity.sasl("admin", "admin-secret").withUser(USER, PASSWORD));
        String principal = "User:" + USER;
        ResourcePattern ferTopics = new ResourcePattern(ResourceType.TOPIC, "fer.", PatternType.PREFIXED);
        ResourcePattern watchGroups = new ResourcePattern(ResourceType.GROUP, "fer-watch", PatternType.PREFIXED);
        try (Admin admin = stack.broker().admin()) {
            admin.createAcls(List.of(allow(ferTopics, principal, AclOperation.READ),
                    allow(ferTopics, principal, AclOperation.WRITE),
                    allow(watchGroups, principal, AclOperation.READ))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void produceAndWatchLogInWithTheSettingsOfTheConfigFile() throws Exception {
        Path config = write("camera.properties", stack.clusterConfig(USER, BrokerSecurity.SCRAM_SHA_256));
        Path csv = DatasetFaces.dataDir().resolve("ferplus.csv.gz");
        CommandRun produced = CommandRun.run(new ProduceCommand(), "--config", config.toString(), "--csv", csv.toString(),
                "--usage", "Training", "--count", "12", "--stream-id", "secured", "--no-progress");
        assertEquals(0, produced.exitCode(), produced.transcript());
        assertTrue(produced.out().contains("12 sent, 0 failed"), produced.transcript());
        assertEquals(12, recordsIn(Topics.FRAMES));

        Map<String, Object> admin = stack.clusterConfig().asMap();
        try (KafkaProducer<String, EmotionEvent> producer = new KafkaProducer<>(admin, new StringSerializer(),
                FerSerdes.emotionEvent(admin).serializer())) {
            for (int i = 0; i < 3; i++) producer.send(new ProducerRecord<>(Topics.EMOTIONS, "secured", event(i))).get();
        }
        CommandRun watched = CommandRun.run(new WatchCommand(), "--config", config.toString(), "--from-beginning",
                "--max-events", "3");
        assertEquals(0, watched.exitCode(), watched.transcript());
        assertEquals(3, watched.out().lines().filter(l -> l.contains("secured#")).count(), watched.transcript());
    }

    @Test
    void aWrongPasswordIsAClearErrorNotACrash() throws Exception {
        ClusterConfig wrong = stack.clusterConfig(USER, BrokerSecurity.SCRAM_SHA_256);
        for (Map.Entry<String, Object> e : BrokerSecurity.clientSettings(BrokerSecurity.SCRAM_SHA_256, USER, "guess").entrySet()) {
            wrong = wrong.with(e.getKey(), String.valueOf(e.getValue()));
        }
        Path config = write("wrong.properties", wrong);
        CommandRun produced = CommandRun.run(new ProduceCommand(), "--config", config.toString(), "--csv",
                DatasetFaces.dataDir().resolve("ferplus.csv.gz").toString(), "--count", "1", "--no-progress");
        CommandRun watched = CommandRun.run(new WatchCommand(), "--config", config.toString(), "--max-events", "1");
        for (CommandRun run : List.of(produced, watched)) {
            assertEquals(ProduceCommand.EXIT_CLUSTER_UNAVAILABLE, run.exitCode(), run.transcript());
            assertTrue(run.err().contains("Authentication failed"), run.transcript());
        }
    }

    private static long recordsIn(String topic) throws Exception {
        try (Admin admin = stack.broker().admin()) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            ListOffsetsResult ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())));
            long n = 0;
            for (TopicPartition p : partitions) n += ends.partitionResult(p).get().offset();
            return n;
        }
    }

    private static Path write(String name, ClusterConfig config) throws IOException {
        Path file = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(file)) {
            config.copy().store(w, null);
        }
        return file;
    }

    private static EmotionEvent event(int i) {
        Instant captured = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
        List<Float> probabilities = new java.util.ArrayList<>(Collections.nCopies(8, 0f));
        probabilities.set(Emotion.HAPPINESS.ordinal(), 1f);
        return EmotionEvent.newBuilder().setFrameId("secured#" + i).setStreamId("secured").setCaptureTimestamp(captured)
                .setPredictedEmotion(Emotion.HAPPINESS).setConfidence(1f).setProbabilities(probabilities)
                .setModelName("lenet7").setModelVersion("1").setIngestTimestamp(captured)
                .setProcessingTimestamp(captured).setInferenceMicros(1).setGroundTruthLabel(null).build();
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
