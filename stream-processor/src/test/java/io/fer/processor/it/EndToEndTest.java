package io.fer.processor.it;

import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.Fixtures;
import io.fer.processor.model.ServingModel;
import io.fer.processor.topology.EmotionEventProcessor;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * (a) 2,000 frames through a real broker and registry: 2,000 events, one per frame, each carrying its own frame's
 * prediction; the metrics and health endpoints answer.
 */
class EndToEndTest {
    private static final int FRAMES = 2_000;
    @RegisterExtension
    static final Cluster cluster = new Cluster();

    @Test
    void twoThousandFramesInTwoThousandEventsOutEachWithItsFrameId(@TempDir Path dir) throws Exception {
        Path repository = dir.resolve("models");
        Fixtures.saveBundle(repository, "1.0.0", 21, Instant.parse("2026-01-01T00:00:00Z"));
        var config = cluster.config("e2e", dir.resolve("state"), repository)
                .with("max.batch.size", "32").with("max.batch.delay.ms", "20").with("num.stream.threads", "2");
        try (EmotionProcessorApp app = EmotionProcessorApp.start(config);
             ServingModel reference = Fixtures.servingModel("reference", 21)) {
            app.awaitReady(Duration.ofSeconds(60));
            for (int i = 0; i < FRAMES; i++) {
                FaceFrame frame = Fixtures.frame("frame-" + i, "stream-" + (i % 7), Fixtures.face(i));
                frame.setGroundTruthLabel(i % 8);
                cluster.send(frame, null);
            }
            cluster.flush();

            List<ConsumerRecord<String, EmotionEvent>> events = cluster.readEvents(
                    e -> Cluster.distinctFrames(e) >= FRAMES, Duration.ofSeconds(1), Duration.ofSeconds(120));
            assertEquals(FRAMES, events.size(), "one event per frame");
            assertEquals(FRAMES, Cluster.distinctFrames(events));

            Map<String, EmotionEvent> byFrame = new HashMap<>();
            events.forEach(r -> byFrame.put(r.value().getFrameId(), r.value()));
            for (int i = 0; i < FRAMES; i++) {
                EmotionEvent e = byFrame.get("frame-" + i);
                assertEquals("stream-" + (i % 7), e.getStreamId());
                assertEquals(i % 8, e.getGroundTruthLabel(), "the label copied from frame-" + i);
                assertEquals("1.0.0", e.getModelVersion());
            }
            // The probabilities are this frame's own: every 8th frame recomputed directly with the same weights.
            List<byte[]> sample = new ArrayList<>();
            for (int i = 0; i < FRAMES; i += 8) sample.add(Fixtures.face(i));
            float[][] expected = reference.predict(sample);
            for (int k = 0; k < sample.size(); k++) {
                EmotionEvent e = byFrame.get("frame-" + 8 * k);
                for (int c = 0; c < 8; c++) {
                    assertEquals(expected[k][c], e.getProbabilities().get(c), 1e-4f, "frame-" + 8 * k + " class " + c);
                }
            }
            for (ConsumerRecord<String, EmotionEvent> r : events) {
                assertEquals(r.value().getStreamId(), r.key(), "events are keyed by stream id");
                assertTrue(r.headers().lastHeader(EmotionEventProcessor.PASS_HEADER) != null);
            }

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.httpPort();
            assertEquals(200, get(http, base + "/health/live").statusCode());
            assertEquals(200, get(http, base + "/health/ready").statusCode());
            String metrics = get(http, base + "/metrics").body();
            for (String name : List.of("fer_processor_frames_in_total 2000.0", "fer_processor_events_out_total 2000.0",
                    "fer_processor_batch_size_bucket", "fer_processor_batch_wait_seconds_bucket",
                    "fer_processor_inference_seconds_bucket", "fer_processor_end_to_end_latency_seconds_bucket",
                    "fer_processor_model_in_service{name=\"lenet7-test\",version=\"1.0.0\"} 1.0",
                    "kafka_stream_thread_process_total")) {
                assertTrue(metrics.contains(name), "/metrics lacks " + name);
            }
        }
    }

    @Test
    void withoutAnyModelTheProcessorRefusesToStartWithAClearMessage(@TempDir Path dir) {
        var config = cluster.config("no-model", dir.resolve("state"), dir.resolve("empty-repository"))
                .with("startup.timeout.ms", "1500");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EmotionProcessorApp.start(config).close());
        assertTrue(e.getMessage().contains("no model to serve"), e.getMessage());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
