package io.fer.processor.it;

import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.Fixtures;
import io.fer.processor.model.ServingModel;
import io.fer.processor.topology.EmotionEventProcessor;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shadow run on a real broker and registry: a candidate classifies the same batches as the serving model; its
 * events, stamped with its own version, go to {@code fer.emotions.shadow} while {@code fer.emotions} keeps the serving
 * model's. A candidate that cannot run leaves the processor serving as usual.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the second processor reads the first one's frames too
class ShadowRunTest {
    private static final int FRAMES = 300;
    @RegisterExtension
    static final Cluster cluster = new Cluster();

    @Test
    @Order(1)
    void theShadowTopicGetsTheCandidatesEventsWhileTheEmotionsTopicKeepsTheServingModels(@TempDir Path dir)
            throws Exception {
        Path repository = dir.resolve("models");
        Fixtures.saveBundle(repository, "1.0.0", 21, Instant.parse("2026-01-01T00:00:00Z"));
        Path candidate = Fixtures.saveBundle(dir.resolve("candidates"), "2.0.0-rc1", 22, Instant.now());
        var config = cluster.config("shadow", dir.resolve("state"), repository)
                .with("shadow.model", candidate.toString())
                .with("max.batch.size", "16").with("max.batch.delay.ms", "20");
        try (EmotionProcessorApp app = EmotionProcessorApp.start(config);
             ServingModel reference = Fixtures.servingModel("reference", 22)) {
            app.awaitReady(Duration.ofSeconds(60));
            for (int i = 0; i < FRAMES; i++) cluster.send(Fixtures.frame("s-" + i, "cam-" + i % 3, Fixtures.face(i)), null);
            cluster.flush();

            Map<String, ConsumerRecord<String, EmotionEvent>> served = byFrame(cluster.readEvents(
                    e -> e.stream().filter(r -> r.value().getFrameId().startsWith("s-")).count() >= FRAMES,
                    Duration.ZERO, Duration.ofSeconds(120)));
            List<ConsumerRecord<String, EmotionEvent>> shadowEvents = cluster.readEvents(Topics.EMOTIONS_SHADOW,
                    e -> e.size() >= FRAMES, Duration.ofMillis(500), Duration.ofSeconds(120));
            Map<String, ConsumerRecord<String, EmotionEvent>> shadow = byFrame(shadowEvents);
            assertEquals(FRAMES, shadowEvents.size(), "one shadow event per frame");
            assertEquals(FRAMES, shadow.size());

            int disagreements = 0;
            for (int i = 0; i < FRAMES; i++) {
                ConsumerRecord<String, EmotionEvent> s = shadow.get("s-" + i);
                ConsumerRecord<String, EmotionEvent> e = served.get("s-" + i);
                assertEquals(Fixtures.MODEL, s.value().getModelName());
                assertEquals("2.0.0-rc1", s.value().getModelVersion(), "the shadow event names the candidate");
                assertEquals("1.0.0", e.value().getModelVersion(), "fer.emotions keeps the serving model");
                assertEquals("cam-" + i % 3, s.key(), "shadow events are keyed by stream id");
                assertEquals(pass(e), pass(s), "the candidate ran on the serving model's batch");
                if (e.value().getPredictedEmotion() != s.value().getPredictedEmotion()) disagreements++;
            }
            // Each shadow event carries the candidate's own probabilities: every 10th recomputed directly.
            List<byte[]> sample = new ArrayList<>();
            for (int i = 0; i < FRAMES; i += 10) sample.add(Fixtures.face(i));
            float[][] expected = reference.predict(sample);
            for (int k = 0; k < sample.size(); k++) {
                EmotionEvent s = shadow.get("s-" + 10 * k).value();
                for (int c = 0; c < 8; c++) assertEquals(expected[k][c], s.getProbabilities().get(c), 1e-4f);
            }
            var meters = app.registry();
            assertEquals(FRAMES, meters.get("fer.processor.shadow.frames").counter().count());
            assertEquals(disagreements, meters.get("fer.processor.shadow.disagreements").counter().count(),
                    "the disagreement meter counts the frames whose two events differ");
            System.out.printf("shadow run: %d frames, the candidate disagreed on %d%n", FRAMES, disagreements);
        }
    }

    @Test
    @Order(2)
    void aCandidateThatCannotRunLeavesTheProcessorServing(@TempDir Path dir) throws Exception {
        Path repository = dir.resolve("models");
        Fixtures.saveBundle(repository, "1.0.0", 21, Instant.parse("2026-01-01T00:00:00Z"));
        var config = cluster.config("shadow-missing", dir.resolve("state"), repository)
                .with("shadow.model", Fixtures.MODEL + ":9.9.9");
        try (EmotionProcessorApp app = EmotionProcessorApp.start(config)) {
            app.awaitReady(Duration.ofSeconds(60));
            for (int i = 0; i < 20; i++) cluster.send(Fixtures.frame("m-" + i, "cam-m", Fixtures.face(i)), null);
            cluster.flush();
            List<ConsumerRecord<String, EmotionEvent>> events = cluster.readEvents(
                    e -> e.stream().filter(r -> r.value().getFrameId().startsWith("m-")).count() >= 20,
                    Duration.ZERO, Duration.ofSeconds(60));
            assertEquals(20, events.stream().filter(r -> r.value().getFrameId().startsWith("m-")).count());
            assertEquals(1.0, app.registry().get("fer.processor.shadow.failures").tag("stage", "load").counter().count());
            assertNull(app.registry().find("fer.processor.shadow.failures").tag("stage", "inference").counter());
            assertTrue(app.isReady());
        }
    }

    private static Map<String, ConsumerRecord<String, EmotionEvent>> byFrame(
            List<ConsumerRecord<String, EmotionEvent>> events) {
        Map<String, ConsumerRecord<String, EmotionEvent>> out = new HashMap<>();
        events.forEach(r -> out.put(r.value().getFrameId(), r));
        return out;
    }

    private static String pass(ConsumerRecord<String, EmotionEvent> r) {
        return new String(r.headers().lastHeader(EmotionEventProcessor.PASS_HEADER).value(), StandardCharsets.US_ASCII);
    }
}
