package io.fer.trainer.lifecycle;

import io.fer.processor.EmotionProcessorApp;
import io.fer.schemas.EmotionEvent;
import io.fer.trainer.CommandErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release gate and {@code fer models} against a running processor on a real broker and registry: a challenger
 * trained a single step is refused, a warm-started one is released and served, a rollback brings the previous
 * version back, and a release signed with another key is refused by the processor.
 */
class GateAndRollbackTest {
    @RegisterExtension
    static final Cluster cluster = new Cluster();

    @TempDir
    Path dir;
    private Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code fer models ARGS --config <the test's settings>} and returns the exit code. */
    private int models(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = CommandErrors.commandLine(new ModelsCommand());
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cl.execute(all.toArray(String[]::new));
    }

    @Test
    void theGateDecidesAndReleasesAndRollbacksAreFollowedByTheProcessor() throws Exception {
        TestFaces.champion(dir.resolve("models"));
        LifecycleConfig cfg = cluster.lifecycle(dir, "collector-gate");
        config = dir.resolve("lifecycle.properties");
        try (Writer w = Files.newBufferedWriter(config)) {
            cfg.cluster().copy().store(w, "test settings");
        }
        assertEquals(0, models("release", TestFaces.MODEL + ":1.0.0"), err.toString()); // keys generated on first use
        assertTrue(Files.exists(cfg.signingPublicKey()));

        try (EmotionProcessorApp processor = EmotionProcessorApp.start(
                cluster.processor(dir, cfg.repository(), cfg.signingPublicKey()))) {
            processor.awaitReady(Duration.ofSeconds(60));
            assertEquals("1.0.0", processor.servingModel().version());

            // a challenger trained a single step from fresh weights, asked for over HTTP: refused
            try (TrainerService service = TrainerService.start(cfg.with(LifecycleConfig.Key.TRAIN_WARM_START, false)
                    .with(LifecycleConfig.Key.TRAIN_LIMIT, 32))) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.httpPort() + "/run"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, response.statusCode());
                assertTrue(Cluster.await(120, () -> !service.runs().isEmpty()));
                RunRecord run = service.runs().get(0);
                assertEquals("request", run.trigger());
                assertEquals(RunRecord.REFUSED, run.outcome(), run.detail());
                assertEquals("1.1.0", run.version());
            }
            GateDecision refused = GateDecision.read(dir.resolve("models").resolve(TestFaces.MODEL).resolve("1.1.0"))
                    .orElseThrow();
            assertFalse(refused.passed());
            assertTrue(refused.challengerScore() < refused.championScore() - 0.02, refused.reason());
            assertEquals("1.0.0", new ReleaseHistory(cfg.repository()).current(TestFaces.MODEL).orElseThrow());

            // a challenger warm-started from the champion (the same work directory: a restarted service): released
            try (TrainerService service = TrainerService.start(cfg)) {
                service.requestRun();
                assertTrue(Cluster.await(120, () -> service.runs().size() == 2));
                RunRecord run = service.runs().get(1);
                assertEquals(RunRecord.RELEASED, run.outcome(), run.detail());
                assertEquals("1.2.0", run.version(), "1.1.0 is taken by the refused challenger");
            }
            assertServes(processor, "1.2.0", "b");

            // rollback: the previous release comes back
            assertEquals(0, models("rollback", TestFaces.MODEL), err.toString());
            assertTrue(out.toString().contains("from 1.2.0 to 1.0.0"), out.toString());
            assertServes(processor, "1.0.0", "c");
            assertEquals(2, models("rollback", TestFaces.MODEL), "nothing earlier than 1.0.0");
            assertTrue(err.toString().contains("no earlier release"), err.toString());

            assertEquals(0, models("list"), err.toString());
            assertTrue(line(out, "1.0.0").endsWith("serving"), out.toString());
            assertTrue(line(out, "1.1.0").contains("refused accuracy"), out.toString());
            assertTrue(line(out, "1.2.0").endsWith("rolled back"), out.toString());
            assertEquals(0, models("show", TestFaces.MODEL + ":1.1.0"), err.toString());
            assertTrue(out.toString().contains("gate: refused") && out.toString().contains("never released"), out.toString());

            // a release signed with a key the processors do not trust: published, refused by the processor
            Path rogue = dir.resolve("rogue").resolve(TestFaces.MODEL).resolve("1.2.0");
            Files.createDirectories(rogue);
            try (Stream<Path> files = Files.list(dir.resolve("models").resolve(TestFaces.MODEL).resolve("1.2.0"))) {
                for (Path f : files.toList()) Files.copy(f, rogue.resolve(f.getFileName()));
            }
            assertEquals(0, models("release", TestFaces.MODEL + ":1.2.0", "-s", "model.repository=" + dir.resolve("rogue"),
                    "-s", "signing.key=" + dir.resolve("rogue/key.pem"), "-s", "signing.public.key=" + dir.resolve("rogue/key.pub")));
            assertTrue(Cluster.await(60, () -> refusals(processor, "SIGNATURE") >= 1), "refused for its signature");
            assertServes(processor, "1.0.0", "d");

            // the broker is down: one line, exit code 3
            assertEquals(3, models("release", TestFaces.MODEL + ":1.0.0", "--bootstrap-servers", "127.0.0.1:1",
                    "-s", "kafka.timeout.ms=2000"));
            assertTrue(err.toString().contains("could not publish") && err.toString().lines().count() == 1, err.toString());
        }
    }

    private static void assertServes(EmotionProcessorApp processor, String version, String prefix) throws Exception {
        assertTrue(Cluster.await(60, () -> processor.servingModel().version().equals(version)), "serving " + version);
        cluster.send(prefix, TestFaces.training(), 0, 10, false);
        List<EmotionEvent> events = cluster.events(prefix, 10);
        assertEquals(10, events.size());
        assertTrue(events.stream().allMatch(e -> e.getModelVersion().equals(version)), "events stamped " + version);
    }

    private static double refusals(EmotionProcessorApp app, String reason) {
        var counter = app.registry().find("fer.processor.model.refusals").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String line(StringWriter out, String version) {
        return out.toString().lines().filter(l -> l.contains(" " + version + " ")).findFirst().orElse("").trim();
    }
}
