package io.fer.processor.it;

import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.Fixtures;
import io.fer.processor.topology.EmotionEventProcessor;
import io.fer.schemas.EmotionEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main pipeline scenario, one test body for every kind of cluster (embedded, secured, containers): frames in,
 * one event per frame out, then a hot swap to a new release, after which the frames get the new version.
 */
abstract class PipelineScenario {
    private static final int FRAMES = 100;

    /** The cluster of this variant: a static {@code @RegisterExtension} field of the subclass. */
    abstract Cluster cluster();

    /** The processing guarantee the processor runs with. */
    String guarantee() {
        return StreamsConfig.AT_LEAST_ONCE;
    }

    @Test
    void framesInEventsOutThenAHotSwap(@TempDir Path dir) throws Exception {
        Cluster cluster = cluster();
        KeyPair keys = Fixtures.keys();
        cluster.publish(Fixtures.release("1", 71, keys));
        var config = cluster.config(getClass().getSimpleName(), dir.resolve("state"), dir.resolve("models"))
                .with("model.public.key", Fixtures.writePublicKey(dir, keys).toString())
                .with("processing.guarantee", guarantee())
                .with("max.batch.size", "16").with("max.batch.delay.ms", "20").with("num.stream.threads", "2");
        try (EmotionProcessorApp app = EmotionProcessorApp.start(config)) {
            app.awaitReady(Duration.ofSeconds(90));
            assertEquals("1", app.servingModel().version(), "the release on the models topic serves");
            send(cluster, "before-", FRAMES);
            List<ConsumerRecord<String, EmotionEvent>> events = cluster.readEvents(
                    e -> Cluster.distinctFrames(e) >= FRAMES, Duration.ZERO, Duration.ofSeconds(90));
            assertEquals(FRAMES, Cluster.distinctFrames(events), "one event per frame before the swap");

            cluster.publish(Fixtures.release("2", 72, keys));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!"2".equals(app.servingModel().version()) && System.nanoTime() < deadline) Thread.sleep(50);
            assertEquals("2", app.servingModel().version(), "the new release was swapped in");
            send(cluster, "after-", FRAMES);
            events = cluster.readEvents(e -> Cluster.distinctFrames(e) >= 2 * FRAMES, Duration.ofMillis(500),
                    Duration.ofSeconds(90));

            Map<String, List<EmotionEvent>> byFrame = events.stream().map(ConsumerRecord::value)
                    .collect(Collectors.groupingBy(EmotionEvent::getFrameId));
            for (int i = 0; i < FRAMES; i++) {
                assertEquals(Set.of("1"), versions(byFrame.get("before-" + i)), "before-" + i);
                assertEquals(Set.of("2"), versions(byFrame.get("after-" + i)), "after-" + i);
            }
            assertEquals(2 * FRAMES, byFrame.size(), "no other events");
            if (guarantee().equals(StreamsConfig.EXACTLY_ONCE_V2)) {
                assertEquals(2 * FRAMES, events.size(), "exactly one event per frame");
            }
            Map<String, Set<String>> versionsByPass = events.stream().collect(Collectors.groupingBy(
                    r -> new String(r.headers().lastHeader(EmotionEventProcessor.PASS_HEADER).value(), StandardCharsets.US_ASCII),
                    Collectors.mapping(r -> r.value().getModelVersion(), Collectors.toSet())));
            versionsByPass.forEach((pass, versions) -> assertEquals(1, versions.size(), "pass " + pass + " mixed " + versions));
        }
    }

    private static void send(Cluster cluster, String prefix, int n) {
        for (int i = 0; i < n; i++) cluster.send(Fixtures.frame(prefix + i, "stream-" + i % 5, Fixtures.face(i)), null);
        cluster.flush();
    }

    private static Set<String> versions(List<EmotionEvent> events) {
        assertTrue(events != null && !events.isEmpty(), "the frame has an event");
        return events.stream().map(EmotionEvent::getModelVersion).collect(Collectors.toSet());
    }
}
