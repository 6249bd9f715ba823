package io.fer.trainer.lifecycle;

import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.processor.EmotionProcessorApp;
import io.fer.schemas.EmotionEvent;
import io.fer.trainer.DataSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainer service on a real broker and registry: a scheduled run collects labelled frames, trains, passes the
 * gate and releases, and the running processor swaps to the release; a failing run does not stop the service.
 */
class ScheduledReleaseTest {
    @RegisterExtension
    static final Cluster cluster = new Cluster();

    @Test
    void aScheduledRunTrainsOnCollectedFramesReleasesAndTheProcessorServesIt(@TempDir Path dir) throws Exception {
        TestFaces.champion(dir.resolve("models"));
        LifecycleConfig cfg = cluster.lifecycle(dir, "collector-scheduled").with(LifecycleConfig.Key.SCHEDULE, "10s");
        SigningKeys.loadOrCreate(cfg); // first use: the pair is generated, the processor gets the public key
        try (EmotionProcessorApp processor = EmotionProcessorApp.start(
                cluster.processor(dir, cfg.repository(), cfg.signingPublicKey()))) {
            processor.awaitReady(Duration.ofSeconds(60));
            assertEquals("1.0.0", processor.servingModel().version(), "the topic is empty: the local champion serves");

            cluster.send("train", TestFaces.training(), 0, 64, true);
            cluster.send("eval", TestFaces.publicTest(), 0, 8, true);    // faces of the evaluation set
            cluster.send("plain", TestFaces.training(), 64, 8, false);   // no ground truth
            // FER2013 repeats some faces across its splits: training faces that are in the evaluation set stay out
            EvaluationSet set = EvaluationSet.load(cfg);
            long leaks = IntStream.range(0, 64).filter(i -> set.contains(TestFaces.training().pixels(i))).count();
            RunRecord run;
            LabelledFrameCollector.Counts collected;
            try (TrainerService service = TrainerService.start(cfg)) {
                assertTrue(Cluster.await(180, () -> !service.runs().isEmpty()), "a scheduled run within 3 minutes");
                run = service.runs().get(0);
                collected = service.status().collected();
            }
            assertEquals("schedule", run.trigger());
            assertEquals(RunRecord.RELEASED, run.outcome(), run.detail());
            assertEquals("1.1.0", run.version());
            assertEquals("1.0.0", run.champion());
            assertEquals(64 - leaks, run.newFrames(), "the labelled frames stored before the run");
            assertEquals(new LabelledFrameCollector.Counts(64 - leaks, 8, 0, 8 + leaks), collected);

            Path bundle = dir.resolve("models").resolve(TestFaces.MODEL).resolve("1.1.0");
            Manifest manifest = ModelBundle.load(bundle).manifest();
            assertTrue(manifest.trainingData().files().stream()
                    .anyMatch(f -> f.path().equals("labelled-frames-000001.csv")), manifest.trainingData().toString());
            assertEquals(256 + run.newFrames(), ((Number) manifest.metrics().get("train_faces")).intValue(),
                    "256 CSV faces plus the collected frames");
            assertEquals(dir.resolve("models").resolve(TestFaces.MODEL).resolve("1.0.0").toString(),
                    manifest.training().get("warm_start"));
            GateDecision gate = GateDecision.read(bundle).orElseThrow();
            assertTrue(gate.passed());
            assertEquals("1.0.0", gate.champion());
            assertEquals(300, gate.evaluationSet().get("faces"));
            // the service may have made a second scheduled run before it closed: follow the history to its end
            List<String> released = new ReleaseHistory(cfg.repository()).stack(TestFaces.MODEL);
            assertEquals("1.1.0", released.get(0));
            String latest = released.get(released.size() - 1);
            assertTrue(Cluster.await(60, () -> processor.servingModel().version().equals(latest)),
                    "the processor swaps to the release");
            cluster.send("after", TestFaces.training(), 100, 20, false);
            List<EmotionEvent> events = cluster.events("after", 20);
            assertEquals(20, events.size());
            assertTrue(events.stream().allMatch(e -> e.getModelName().equals(TestFaces.MODEL)
                    && e.getModelVersion().equals(latest)), "new events carry the released version");
        }
    }

    @Test
    void aFailingRunIsLoggedAndTheNextRunGoesAhead(@TempDir Path dir) throws Exception {
        TestFaces.champion(dir.resolve("models"));
        Path data = dir.resolve("later.csv.gz");
        LifecycleConfig cfg = cluster.lifecycle(dir, "collector-failing")
                .with(LifecycleConfig.Key.SCHEDULE, "2s")
                .with(LifecycleConfig.Key.TRAIN_DATA, data)
                .with(LifecycleConfig.Key.TRAIN_LIMIT, 64)
                .with(LifecycleConfig.Key.GATE_LIMIT, 100)
                .with(LifecycleConfig.Key.GATE_TOLERANCE, 0.05);
        try (TrainerService service = TrainerService.start(cfg)) {
            assertTrue(Cluster.await(60, () -> !service.runs().isEmpty()));
            RunRecord failed = service.runs().get(0);
            assertEquals(RunRecord.FAILED, failed.outcome());
            assertTrue(failed.detail().contains("later.csv.gz"), failed.detail());

            Files.createSymbolicLink(data, DataSpec.sharedFile("ferplus.csv.gz").toAbsolutePath());
            assertTrue(Cluster.await(120, () -> service.runs().stream()
                    .anyMatch(r -> r.outcome().equals(RunRecord.RELEASED))), "the service carried on");
        }
    }
}
