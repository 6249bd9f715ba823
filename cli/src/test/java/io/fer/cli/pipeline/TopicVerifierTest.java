package io.fer.cli.pipeline;

import io.fer.processor.topology.DeadLetter;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The verifier on a real broker with crafted topics: frames f0..f9 were "sent"; f3 has two events, f5 none (only an
 * aborted transaction's event, which read_committed must not see), f7 was dead-lettered, and an event for a frame
 * never sent turns up too.
 */
class TopicVerifierTest {
    private static PipelineCluster cluster;

    @BeforeAll
    static void start() {
        cluster = PipelineCluster.start();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void countsLostDuplicatedDeadLetteredAndUnexpectedFrames() throws Exception {
        RunTopics topics = cluster.createTopics("verifier", 2);
        Map<String, Object> serde = cluster.clusterConfig().asMap();
        Serializer<EmotionEvent> events = FerSerdes.emotionEvent(serde).serializer();
        Serializer<FaceFrame> frames = FerSerdes.faceFrame(serde).serializer();
        try (KafkaProducer<byte[], byte[]> plain = producer(null);
             KafkaProducer<byte[], byte[]> transactional = producer("verifier-test")) {
            for (int i = 0; i < 10; i++) {
                if (i == 5 || i == 7) continue;
                send(plain, topics.emotions(), events.serialize(topics.emotions(), event("f" + i)));
            }
            send(plain, topics.emotions(), events.serialize(topics.emotions(), event("f3")));
            send(plain, topics.emotions(), events.serialize(topics.emotions(), event("stranger")));
            RecordHeaders headers = new RecordHeaders();
            headers.add(DeadLetter.REASON, "WRONG_DIMENSIONS".getBytes(StandardCharsets.UTF_8));
            plain.send(new ProducerRecord<>(topics.dlq(), null, "s".getBytes(StandardCharsets.UTF_8),
                    frames.serialize(topics.frames(), frame("f7")), headers)).get();
            plain.send(new ProducerRecord<>(topics.dlq(), null, "junk".getBytes(StandardCharsets.UTF_8),
                    new byte[]{1, 2, 3}, new RecordHeaders().add(DeadLetter.REASON,
                    "UNDECODABLE".getBytes(StandardCharsets.UTF_8)))).get();

            transactional.initTransactions();
            transactional.beginTransaction();
            send(transactional, topics.emotions(), events.serialize(topics.emotions(), event("f5")));
            transactional.flush();
            transactional.abortTransaction();
        }

        TopicVerifier.Tally tally = new TopicVerifier(cluster.clusterConfig(), topics).read(
                t -> t.events() >= 10 && t.deadLetters().size() >= 2, Duration.ofMillis(500), Duration.ofSeconds(20),
                Duration.ofSeconds(60));
        List<String> sent = IntStream.range(0, 10).mapToObj(i -> "f" + i).toList();
        TopicVerifier.Verdict v = tally.against(sent);

        assertEquals(10, v.expected());
        assertEquals(8, v.withEvent(), "f0-f4, f6, f8, f9");
        assertEquals(1, v.deadLettered(), "f7");
        assertEquals(1, v.lost(), "f5: its only event was aborted");
        assertEquals(List.of("f5"), v.lostSample());
        assertEquals(1, v.duplicatedFrames(), "f3");
        assertEquals(1, v.extraEvents());
        assertEquals(1, v.unexpectedFrames(), "stranger");
        assertEquals(10, tally.events(), "9 committed events plus f3's second; the aborted one is not read");
        assertEquals(Map.of("UNDECODABLE", 1L, "WRONG_DIMENSIONS", 1L), tally.deadLettersByReason());
        assertEquals(10, tally.framesAccountedFor(), "9 frames with events (stranger included) and f7");
    }

    private static KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Map<String, Object> settings = cluster.clusterConfig().asMap();
        if (transactionalId != null) settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, "s".getBytes(StandardCharsets.UTF_8), value)).get();
    }

    private static EmotionEvent event(String frameId) {
        Instant now = Instant.now();
        return EmotionEvent.newBuilder().setFrameId(frameId).setStreamId("s").setCaptureTimestamp(now)
                .setPredictedEmotion(io.fer.schemas.Emotion.NEUTRAL).setConfidence(1f)
                .setProbabilities(List.of(0f, 0f, 0f, 0f, 0f, 0f, 1f, 0f)).setModelName("m").setModelVersion("1")
                .setIngestTimestamp(now).setProcessingTimestamp(now).setInferenceMicros(1).build();
    }

    private static FaceFrame frame(String frameId) {
        return FaceFrame.newBuilder().setFrameId(frameId).setStreamId("s").setCaptureTimestamp(Instant.now())
                .setWidth(64).setHeight(64).setPixels(ByteBuffer.wrap(new byte[64 * 64])).build();
    }
}
