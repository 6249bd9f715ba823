package io.fer.processor.it;

import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.Fixtures;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.ModelRelease;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * (d) Tampered releases (bad checksum, signature by another key, no signature) are refused and counted while the old
 * version keeps serving; a good release afterwards is still taken.
 */
class TamperedReleaseTest {
    @RegisterExtension
    static final Cluster cluster = new Cluster();

    @Test
    void tamperedReleasesAreRefusedAndTheOldVersionKeepsServing(@TempDir Path dir) throws Exception {
        KeyPair keys = Fixtures.keys();
        Path repository = dir.resolve("models");
        Fixtures.saveBundle(repository, "1", 41, Instant.now());
        var config = cluster.config("tampered", dir.resolve("state"), repository)
                .with("model.public.key", Fixtures.writePublicKey(dir, keys).toString())
                .with("max.batch.size", "8");
        try (EmotionProcessorApp app = EmotionProcessorApp.start(config)) {
            app.awaitReady(Duration.ofSeconds(60));
            assertEquals("1", app.servingModel().version(), "no release on the topic: the local bundle serves");

            ModelRelease badChecksum = Fixtures.release("2", 42, keys);
            byte[] artifact = badChecksum.getArtifact().array().clone();
            artifact[artifact.length / 2] ^= 0x40;
            badChecksum.setArtifact(ByteBuffer.wrap(artifact));
            cluster.publish(badChecksum);
            cluster.publish(Fixtures.release("3", 43, Fixtures.keys()));
            cluster.publish(Fixtures.release("4", 44, null));
            awaitRefusals(app, 3);
            assertEquals(1.0, refusals(app, "CHECKSUM"));
            assertEquals(1.0, refusals(app, "SIGNATURE"));
            assertEquals(1.0, refusals(app, "UNSIGNED"));

            for (int i = 0; i < 40; i++) cluster.send(Fixtures.frame("old-" + i, "s" + i % 3, Fixtures.face(i)), null);
            cluster.flush();
            List<ConsumerRecord<String, EmotionEvent>> events = cluster.readEvents(
                    e -> Cluster.distinctFrames(e) >= 40, Duration.ZERO, Duration.ofSeconds(60));
            assertEquals(40, Cluster.distinctFrames(events));
            assertTrue(events.stream().allMatch(r -> r.value().getModelVersion().equals("1")), "the old version serves");
            assertTrue(app.isReady());

            cluster.publish(Fixtures.release("5", 45, keys));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!"5".equals(app.servingModel().version()) && System.nanoTime() < deadline) Thread.sleep(50);
            for (int i = 0; i < 10; i++) cluster.send(Fixtures.frame("new-" + i, "s" + i % 3, Fixtures.face(i)), null);
            cluster.flush();
            events = cluster.readEvents(e -> Cluster.distinctFrames(e) >= 50, Duration.ZERO, Duration.ofSeconds(60));
            assertTrue(events.stream().filter(r -> r.value().getFrameId().startsWith("new-"))
                    .allMatch(r -> r.value().getModelVersion().equals("5")), "a good release is still taken");
        }
    }

    private static double refusals(EmotionProcessorApp app, String reason) {
        var counter = app.registry().find("fer.processor.model.refusals").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static void awaitRefusals(EmotionProcessorApp app, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            double total = app.registry().find("fer.processor.model.refusals").counters().stream()
                    .mapToDouble(c -> c.count()).sum();
            if (total >= n) return;
            Thread.sleep(50);
        }
        throw new AssertionError("fewer than " + n + " refusals counted");
    }
}
