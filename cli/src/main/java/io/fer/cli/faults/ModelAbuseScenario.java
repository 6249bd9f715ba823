package io.fer.cli.faults;

import io.fer.cli.pipeline.EventTap;
import io.fer.cli.pipeline.FrameLoad;
import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.Outcome;
import io.fer.cli.pipeline.PipelineCluster;
import io.fer.cli.pipeline.ReleaseSigner;
import io.fer.cli.pipeline.RunTopics;
import io.fer.cli.pipeline.TopicVerifier;
import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.config.ProcessorConfig;
import io.fer.processor.model.RefusalReason;
import io.fer.producer.publish.RunSummary;
import io.fer.schemas.ModelRelease;
import io.micrometer.core.instrument.Counter;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model abuse: while frames flow, four bad releases of the served bundle are published to the processor's models
 * topic (unsigned; signed, then tampered with; a wrong input shape; one class name short), then a good signed one.
 * Each bad release must be refused for its reason while the current version keeps serving (every frame gets an
 * event, none from a refused version), and the good release must still be taken afterwards.
 */
final class ModelAbuseScenario implements FaultScenario {

    private final double rate;

    ModelAbuseScenario(double rate) {
        if (rate <= 0) throw new IllegalArgumentException("model abuse needs a rate > 0");
        this.rate = rate;
    }

    @Override
    public String name() {
        return "model-abuse";
    }

    @Override
    public Outcome run(PipelineCluster cluster, HarnessOptions options, PrintWriter log) throws Exception {
        String run = name();
        RunTopics topics = cluster.createTopics(run, options.partitions());
        ReleaseSigner signer = ReleaseSigner.generate();
        Path key = signer.writePublicKey(cluster.work(run));
        ProcessorConfig config = options.processorConfig(cluster, run, topics)
                .with(ProcessorConfig.Key.MODEL_PUBLIC_KEY, key)
                .with(ProcessorConfig.Key.MODEL_REQUIRE_SIGNATURE, true);
        Path bundle = options.bundle();
        List<Abuse> abuses;
        Map<String, Long> eventsByVersion = new ConcurrentHashMap<>();
        Map<String, String> refusedAs = new LinkedHashMap<>();
        String served;
        String good;
        boolean goodTaken;
        long eventsDuringAbuse;
        RunSummary sent;
        TopicVerifier.Tally tally;
        try (EmotionProcessorApp app = EmotionProcessorApp.start(config);
             EventTap events = EventTap.start(cluster.clusterConfig(), topics.emotions(), true,
                     (e, t) -> eventsByVersion.merge(e.getModelVersion(), 1L, Long::sum))) {
            app.awaitReady(READY);
            served = app.servingModel().version();
            good = served + "-good";
            abuses = badReleases(signer, bundle, served);
            try (FrameLoad load = FrameLoad.start(cluster.clusterConfig(), topics.frames(), options.faces(), run, 0,
                    rate, options.streams())) {
                if (!events.awaitCount(1, QUIET)) throw new IllegalStateException("no event before the abuse");
                long before = events.count();
                for (Abuse bad : abuses) {
                    Map<String, Double> counts = refusals(app);
                    cluster.publish(topics.models(), bad.release());
                    String reason = awaitRefusal(app, counts);
                    refusedAs.put(bad.version(), reason);
                    log.printf("  %s refused as %s (expected %s); serving %s%n", bad.version(), reason,
                            bad.expected(), app.servingModel().version());
                    log.flush();
                }
                eventsDuringAbuse = events.count() - before;
                cluster.publish(topics.models(), signer.release(bundle, good));
                goodTaken = awaitVersion(app, good);
                long after = events.count();
                events.awaitCount(after + 1, QUIET);
                load.stop();
                sent = load.awaitDone(QUIET);
            }
            tally = new TopicVerifier(cluster.clusterConfig(), topics).read(
                    t -> t.framesAccountedFor() >= sent.sent(), Duration.ofSeconds(3), QUIET, Duration.ofHours(1));
        }
        TopicVerifier.Verdict v = tally.against(FaultIds.of(run, sent.offered()));
        Map<String, Long> versions = new TreeMap<>(eventsByVersion);
        boolean onlyServedOrGood = versions.keySet().stream().allMatch(ver -> ver.equals(served) || ver.equals(good));
        Outcome outcome = new Outcome(name())
                .put("serving", served)
                .put("refused as", refusedAs)
                .put("events while the bad releases came", eventsDuringAbuse)
                .put("events by model version", versions)
                .put("good release taken afterwards", goodTaken)
                .put("frames sent", sent.sent())
                .put("frames lost", v.lost());
        for (Abuse bad : abuses) {
            outcome.check(bad.expected().name().equals(refusedAs.get(bad.version())),
                    bad.version() + " refused as " + bad.expected() + " (was " + refusedAs.get(bad.version()) + ")");
        }
        return outcome
                .check(eventsDuringAbuse > 0, "serving continued while the bad releases were checked")
                .check(onlyServedOrGood, "no event from a refused release")
                .check(sent.failed() == 0 && v.lost() == 0, "no frame lost (" + v.lost() + " lost)")
                .check(goodTaken, "a good release is still taken afterwards");
    }

    /** A bad release and the reason it must be refused for. */
    private record Abuse(ModelRelease release, RefusalReason expected) {
        String version() {
            return release.getModelVersion();
        }
    }

    private static List<Abuse> badReleases(ReleaseSigner signer, Path bundle, String served) throws IOException {
        ModelRelease tampered = signer.release(bundle, served + "-tampered");
        byte[] artifact = tampered.getArtifact().array().clone();
        artifact[artifact.length / 2] ^= 0x01;
        tampered.setArtifact(ByteBuffer.wrap(artifact));
        ModelRelease.Builder fewer = ReleaseSigner.unsigned(bundle, served + "-wrong-class-count");
        fewer.setClassNames(fewer.getClassNames().subList(0, fewer.getClassNames().size() - 1));
        return List.of(
                new Abuse(ReleaseSigner.unsigned(bundle, served + "-unsigned").build(), RefusalReason.UNSIGNED),
                new Abuse(tampered, RefusalReason.CHECKSUM),
                new Abuse(signer.sign(ReleaseSigner.unsigned(bundle, served + "-wrong-shape")
                        .setInputShape(List.of(1, 64, 64))), RefusalReason.INPUT_SHAPE),
                new Abuse(signer.sign(fewer), RefusalReason.CLASS_COUNT));
    }

    private static Map<String, Double> refusals(EmotionProcessorApp app) {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter c : app.registry().find("fer.processor.model.refusals").counters()) {
            counts.put(c.getId().getTag("reason"), c.count());
        }
        return counts;
    }

    /** Waits for one more refusal than {@code before} and returns its reason. */
    private static String awaitRefusal(EmotionProcessorApp app, Map<String, Double> before) throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            for (Map.Entry<String, Double> now : refusals(app).entrySet()) {
                if (now.getValue() > before.getOrDefault(now.getKey(), 0.0)) return now.getKey();
            }
            Thread.sleep(50);
        }
        return "not refused within " + READY.toMinutes() + " min";
    }

    private static boolean awaitVersion(EmotionProcessorApp app, String version) throws InterruptedException {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (version.equals(app.servingModel().version())) return true;
            Thread.sleep(50);
        }
        return false;
    }
}
