package io.fer.processor.topology;

import io.fer.processor.Fixtures;
import io.fer.processor.batch.SharedInference;
import io.fer.processor.config.ProcessorConfig;
import io.fer.processor.metrics.ProcessorMetrics;
import io.fer.processor.model.ModelSlot;
import io.fer.processor.model.ServingModel;
import io.fer.ops.stack.LocalStack;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.Topics;
import io.fer.schemas.serde.FerSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topology on Kafka Streams' TopologyTestDriver (mocked wall clock, no broker in the loop), with the real
 * schema registry for the wire format and a real LeNet7 (seeded random weights) on the ND4J engine.
 */
class EmotionTopologyTest {
    private static LocalStack stack;
    private static Map<String, Object> serdeConfig;
    private static ServingModel reference;

    private final List<AutoCloseable> open = new ArrayList<>();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> frames;
    private TestOutputTopic<String, EmotionEvent> events;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private Serializer<FaceFrame> frameSerializer;
    private SimpleMeterRegistry meters;

    @BeforeAll
    static void startRegistry() throws Exception {
        stack = LocalStack.start(LocalStack.Settings.ephemeral());
        serdeConfig = Map.of(ClusterConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        reference = Fixtures.servingModel("1", 7);
    }

    @AfterAll
    static void stopRegistry() {
        if (reference != null) reference.close();
        if (stack != null) stack.close();
    }

    @AfterEach
    void close() throws Exception {
        if (driver != null) driver.close();
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private void start(Map<String, Object> settings) throws Exception {
        ProcessorConfig config = ProcessorConfig.of(ClusterConfig.load(null, Map.of()));
        for (Map.Entry<String, Object> e : settings.entrySet()) config = config.with(e.getKey(), String.valueOf(e.getValue()));
        meters = new SimpleMeterRegistry();
        ProcessorMetrics metrics = new ProcessorMetrics(meters);
        ModelSlot slot = new ModelSlot(metrics);
        open.add(slot);
        slot.offer(Fixtures.servingModel("1", 7));
        SharedInference inference = new SharedInference(slot, metrics);
        open.add(inference);
        Deserializer<FaceFrame> frameDeserializer = FerSerdes.faceFrame(serdeConfig).deserializer();
        Serializer<EmotionEvent> eventSerializer = FerSerdes.emotionEvent(serdeConfig).serializer();
        var topology = EmotionTopology.build(config, new FrameValidator(frameDeserializer), eventSerializer,
                inference, metrics);
        Properties props = config.streamsProperties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(1_000_000));
        frames = driver.createInputTopic(Topics.FRAMES, new ByteArraySerializer(), new ByteArraySerializer());
        events = driver.createOutputTopic(Topics.EMOTIONS, new StringDeserializer(),
                FerSerdes.emotionEvent(serdeConfig).deserializer());
        deadLetters = driver.createOutputTopic(Topics.FRAMES_DLQ, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        frameSerializer = FerSerdes.faceFrame(serdeConfig).serializer();
    }

    private void send(FaceFrame frame) {
        frames.pipeInput(frame.getStreamId().getBytes(StandardCharsets.UTF_8), frameSerializer.serialize(Topics.FRAMES, frame));
    }

    private KeyValueStore<Bytes, byte[]> pending() {
        return driver.getKeyValueStore(BatchInferenceProcessor.STORE);
    }

    private static long count(KeyValueStore<Bytes, byte[]> store) {
        long n = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    private static float[] probabilities(EmotionEvent e) {
        float[] p = new float[e.getProbabilities().size()];
        for (int i = 0; i < p.length; i++) p[i] = e.getProbabilities().get(i);
        return p;
    }

    private static float[] expected(byte[] face) {
        return reference.predict(List.of(face))[0];
    }

    @Test
    void validFramesBecomeEventsStampedWithTheModelInInputOrder() throws Exception {
        start(Map.of("max.batch.size", 3, "max.batch.delay.ms", 60_000));
        for (int i = 0; i < 6; i++) send(Fixtures.frame("f" + i, "cam-1", Fixtures.face(i)));

        List<EmotionEvent> out = events.readValuesToList();
        assertEquals(List.of("f0", "f1", "f2", "f3", "f4", "f5"), out.stream().map(EmotionEvent::getFrameId).toList());
        for (int i = 0; i < out.size(); i++) {
            EmotionEvent e = out.get(i);
            assertEquals("cam-1", e.getStreamId());
            assertEquals(Fixtures.MODEL, e.getModelName());
            assertEquals("1", e.getModelVersion());
            float[] want = expected(Fixtures.face(i));
            float[] got = probabilities(e);
            for (int c = 0; c < want.length; c++) assertEquals(want[c], got[c], 1e-4f, "class " + c + " of f" + i);
            int best = 0;
            for (int c = 1; c < got.length; c++) if (got[c] > got[best]) best = c;
            assertEquals(reference.classes().get(best), e.getPredictedEmotion());
            assertEquals(got[best], e.getConfidence());
        }
    }

    @Test
    void aBatchIsFlushedWhenItReachesMaxBatchSize() throws Exception {
        start(Map.of("max.batch.size", 4, "max.batch.delay.ms", 60_000));
        for (int i = 0; i < 3; i++) send(Fixtures.frame("f" + i, "cam-1", Fixtures.face(i)));
        assertTrue(events.isEmpty(), "three frames of a batch of four wait");
        assertEquals(3, count(pending()), "waiting frames are kept in the changelogged store");

        send(Fixtures.frame("f3", "cam-1", Fixtures.face(3)));
        assertEquals(4, events.readValuesToList().size());
        assertEquals(0, count(pending()), "flushed frames leave the store");
        assertEquals(1, meters.get("fer.processor.batch.size").summary().count());
        assertEquals(4.0, meters.get("fer.processor.batch.size").summary().max());
    }

    @Test
    void aBatchIsFlushedWhenItsFirstFrameHasWaitedMaxBatchDelay() throws Exception {
        start(Map.of("max.batch.size", 32, "max.batch.delay.ms", 100));
        send(Fixtures.frame("f0", "cam-1", Fixtures.face(0)));
        driver.advanceWallClockTime(Duration.ofMillis(40));
        send(Fixtures.frame("f1", "cam-1", Fixtures.face(1)));
        driver.advanceWallClockTime(Duration.ofMillis(59));
        assertTrue(events.isEmpty(), "99 ms after the first frame the batch still waits");
        assertEquals(2, count(pending()));

        driver.advanceWallClockTime(Duration.ofMillis(1));
        assertEquals(List.of("f0", "f1"), events.readValuesToList().stream().map(EmotionEvent::getFrameId).toList());
        assertEquals(0, count(pending()));
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithReasonAndSourceAndTheStreamGoesOn() throws Exception {
        start(Map.of("max.batch.size", 1));
        byte[] valid = frameSerializer.serialize(Topics.FRAMES, Fixtures.frame("ok", "cam-1", Fixtures.face(1)));
        List<byte[]> bad = List.of(
                new byte[0],
                "not avro at all".getBytes(StandardCharsets.UTF_8),
                new byte[]{0, 0x7f, 0x12, 0x34, 0x56, 1, 2, 3},
                Arrays.copyOf(valid, valid.length - 100),
                frameSerializer.serialize(Topics.FRAMES, Fixtures.frame("big", "cam-1", 64, 64, new byte[64 * 64])),
                frameSerializer.serialize(Topics.FRAMES, Fixtures.frame("short", "cam-1", new byte[100])),
                frameSerializer.serialize(Topics.FRAMES, Fixtures.frame(" ", "cam-1", Fixtures.face(2))));
        List<DeadLetterReason> reasons = List.of(DeadLetterReason.EMPTY, DeadLetterReason.UNDECODABLE,
                DeadLetterReason.UNKNOWN_SCHEMA, DeadLetterReason.UNDECODABLE, DeadLetterReason.WRONG_DIMENSIONS,
                DeadLetterReason.PIXEL_COUNT_MISMATCH, DeadLetterReason.MISSING_ID);
        for (int i = 0; i < bad.size(); i++) frames.pipeInput(("key-" + i).getBytes(StandardCharsets.UTF_8), bad.get(i));
        frames.pipeInput("key-ok".getBytes(StandardCharsets.UTF_8), valid);

        List<TestRecord<byte[], byte[]>> dlq = deadLetters.readRecordsToList();
        assertEquals(bad.size(), dlq.size());
        for (int i = 0; i < bad.size(); i++) {
            TestRecord<byte[], byte[]> r = dlq.get(i);
            assertArrayEquals(("key-" + i).getBytes(StandardCharsets.UTF_8), r.key(), "original key of record " + i);
            assertArrayEquals(bad.get(i), r.value(), "original value of record " + i);
            assertEquals(reasons.get(i).name(), DeadLetter.text(r.headers(), DeadLetter.REASON), "reason of record " + i);
            assertEquals(Topics.FRAMES, DeadLetter.text(r.headers(), DeadLetter.SOURCE_TOPIC));
            assertEquals("0", DeadLetter.text(r.headers(), DeadLetter.SOURCE_PARTITION));
            assertEquals(String.valueOf(i), DeadLetter.text(r.headers(), DeadLetter.SOURCE_OFFSET));
            assertTrue(!DeadLetter.text(r.headers(), DeadLetter.DETAIL).isBlank(), "a readable detail");
        }
        assertEquals("io.fer.schemas.serde.UnknownSchemaIdException",
                DeadLetter.text(dlq.get(2).headers(), DeadLetter.EXCEPTION_CLASS));
        assertEquals(List.of("ok"), events.readValuesToList().stream().map(EmotionEvent::getFrameId).toList());
        assertEquals(2.0, meters.get("fer.processor.dead.letters").tag("reason", "UNDECODABLE").counter().count());
        assertEquals(8.0, meters.get("fer.processor.frames.in").counter().count());
    }

    @Test
    void anOversizedBadRecordIsDeadLetteredCutWithItsOriginalLength() throws Exception {
        start(Map.of("max.batch.size", 1));
        byte[] huge = new byte[3 * 1024 * 1024];
        new java.util.Random(7).nextBytes(huge);
        huge[0] = 1; // not the Confluent magic byte
        frames.pipeInput("cam-9".getBytes(StandardCharsets.UTF_8), huge);

        TestRecord<byte[], byte[]> r = deadLetters.readRecord();
        assertArrayEquals(Arrays.copyOf(huge, DeadLetter.MAX_KEPT_BYTES), r.value(), "the first bytes are kept");
        assertEquals(String.valueOf(huge.length), DeadLetter.text(r.headers(), DeadLetter.ORIGINAL_VALUE_BYTES));
        assertEquals(null, DeadLetter.text(r.headers(), DeadLetter.ORIGINAL_KEY_BYTES), "the key was not cut");
        assertArrayEquals("cam-9".getBytes(StandardCharsets.UTF_8), r.key());
        assertEquals(DeadLetterReason.UNDECODABLE.name(), DeadLetter.text(r.headers(), DeadLetter.REASON));
    }

    @Test
    void smoothingAveragesTheLastNFramesOfTheSameStreamOnly() throws Exception {
        start(Map.of("max.batch.size", 1, "smoothing.window", 3, "smoothing.streams", "video-.*"));
        int n = 5;
        for (int i = 0; i < n; i++) {
            send(Fixtures.frame("a" + i, "video-a", Fixtures.face(100 + i)));
            send(Fixtures.frame("b" + i, "video-b", Fixtures.face(200 + i)));
            send(Fixtures.frame("c" + i, "camera-c", Fixtures.face(300 + i)));
        }
        List<EmotionEvent> out = events.readValuesToList();
        assertEquals(3 * n, out.size());
        for (String stream : List.of("video-a", "video-b", "camera-c")) {
            List<EmotionEvent> mine = out.stream().filter(e -> e.getStreamId().equals(stream)).toList();
            int base = stream.equals("video-a") ? 100 : stream.equals("video-b") ? 200 : 300;
            int window = stream.startsWith("video-") ? 3 : 1;
            for (int i = 0; i < n; i++) {
                float[] want = new float[8];
                int from = Math.max(0, i - window + 1);
                for (int k = from; k <= i; k++) {
                    float[] p = expected(Fixtures.face(base + k));
                    for (int c = 0; c < 8; c++) want[c] += p[c] / (i - from + 1);
                }
                float[] got = probabilities(mine.get(i));
                for (int c = 0; c < 8; c++) assertEquals(want[c], got[c], 1e-4f, stream + " frame " + i + " class " + c);
            }
        }
    }

    @Test
    void changeOnlyModeEmitsAnEventOnlyWhenTheSmoothedEmotionChanges() throws Exception {
        // Two faces the model classifies differently, then a sequence that changes emotion twice.
        byte[] a = Fixtures.face(0);
        byte[] b = null;
        int classA = argmax(expected(a));
        for (long seed = 1; b == null && seed < 500; seed++) {
            byte[] candidate = seed % 2 == 0 ? constant((int) (seed % 256)) : Fixtures.face(seed);
            if (argmax(expected(candidate)) != classA) b = candidate;
        }
        assertTrue(b != null, "the seeded model gives two faces different classes");
        start(Map.of("max.batch.size", 1, "smoothing.change.only", true));
        byte[][] sequence = {a, a, b, b, b, a};
        for (int i = 0; i < sequence.length; i++) send(Fixtures.frame("f" + i, "video-1", sequence[i]));

        List<String> emitted = events.readValuesToList().stream().map(EmotionEvent::getFrameId).toList();
        assertEquals(List.of("f0", "f2", "f5"), emitted);
    }

    @Test
    void changeOnlyWithAWindowComparesTheSmoothedEmotion() throws Exception {
        start(Map.of("max.batch.size", 1, "smoothing.window", 4, "smoothing.change.only", true));
        List<float[]> raw = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] face = i < 6 ? Fixtures.face(i) : constant(40 * (i - 6));
            raw.add(expected(face));
            send(Fixtures.frame("f" + i, "video-1", face));
        }
        List<String> want = new ArrayList<>();
        int last = -1;
        for (int i = 0; i < raw.size(); i++) {
            float[] mean = new float[8];
            int from = Math.max(0, i - 3);
            for (int k = from; k <= i; k++) for (int c = 0; c < 8; c++) mean[c] += raw.get(k)[c] / (i - from + 1);
            if (argmax(mean) != last) want.add("f" + i);
            last = argmax(mean);
        }
        assertEquals(want, events.readValuesToList().stream().map(EmotionEvent::getFrameId).toList());
        assertNotEquals(0, want.size());
    }

    private static byte[] constant(int value) {
        byte[] face = new byte[48 * 48];
        Arrays.fill(face, (byte) value);
        return face;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
        return best;
    }
}
