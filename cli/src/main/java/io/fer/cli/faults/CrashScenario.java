package io.fer.cli.faults;

import io.fer.processor.ChildProcessor;
import io.fer.cli.pipeline.EventTap;
import io.fer.cli.pipeline.FrameLoad;
import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.Outcome;
import io.fer.cli.pipeline.PipelineCluster;
import io.fer.cli.pipeline.RunTopics;
import io.fer.cli.pipeline.TopicVerifier;
import io.fer.processor.config.ProcessorConfig;
import io.fer.producer.publish.RunSummary;
import org.apache.kafka.streams.StreamsConfig;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Crash: frames flow through a processor running in a child JVM that is killed with SIGKILL at random moments (when
 * the events seen reach random counts, plus a random fraction of a second) and started again at once on the same
 * state directory. A verifier then reads the events and dead-letter topics (read_committed): no frame may be lost,
 * and under exactly_once_v2 none may have two events.
 */
final class CrashScenario implements FaultScenario {

    private final long frames;
    private final int kills;
    private final String guarantee;
    private final long seed;
    private final String heap;

    CrashScenario(long frames, int kills, String guarantee, long seed, String heap) {
        if (frames < 10) throw new IllegalArgumentException("the crash scenario needs at least 10 frames");
        if (kills < 1) throw new IllegalArgumentException("--kills must be at least 1");
        this.frames = frames;
        this.kills = kills;
        this.guarantee = guarantee;
        this.seed = seed;
        this.heap = heap;
    }

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public Outcome run(PipelineCluster cluster, HarnessOptions options, PrintWriter log) throws Exception {
        String run = name();
        RunTopics topics = cluster.createTopics(run, options.partitions());
        ProcessorConfig config = options.processorConfig(cluster, run, topics)
                .with(ProcessorConfig.Key.PROCESSING_GUARANTEE, guarantee)
                // a killed member leaves the group sooner
                .with("session.timeout.ms", "6000")
                .with("heartbeat.interval.ms", "1000");
        Path dir = cluster.work(run);
        long[] killAt = killPoints();
        SplittableRandom random = new SplittableRandom(seed + 1);
        List<Double> restartSeconds = new ArrayList<>();
        List<Long> killedAt = new ArrayList<>();
        RunSummary sent;
        TopicVerifier.Tally tally;
        try (EventTap progress = EventTap.counting(cluster.clusterConfig(), topics.emotions(), false);
             FrameLoad load = FrameLoad.start(cluster.clusterConfig(), topics.frames(), options.faces(), run, frames, 0,
                     options.streams())) {
            ChildProcessor processor = ChildProcessor.start(config, dir, "processor-0", heap);
            try {
                processor.awaitReady(READY);
                for (int k = 0; k < kills; k++) {
                    if (!progress.awaitCount(killAt[k], QUIET)) {
                        throw new IllegalStateException("no progress before kill " + (k + 1) + ": " + processor.tail());
                    }
                    Thread.sleep(random.nextInt(1000));
                    processor.kill();
                    killedAt.add(progress.count());
                    log.printf("  SIGKILL %d of %d after %d events; restarting%n", k + 1, kills, progress.count());
                    log.flush();
                    long restart = System.nanoTime();
                    processor = ChildProcessor.start(config, dir, "processor-" + (k + 1), heap);
                    processor.awaitReady(READY);
                    restartSeconds.add((System.nanoTime() - restart) / 1e9);
                }
                sent = load.awaitDone(QUIET);
                tally = new TopicVerifier(cluster.clusterConfig(), topics).read(
                        t -> t.framesAccountedFor() >= frames, Duration.ofSeconds(5), QUIET, Duration.ofHours(2));
            } finally {
                processor.close();
            }
        }
        TopicVerifier.Verdict v = tally.against(FaultIds.of(run, frames));
        boolean exactlyOnce = guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2);
        return new Outcome(name())
                .put("guarantee", guarantee)
                .put("frames", frames)
                .put("kills (SIGKILL)", kills)
                .put("killed after events", killedAt)
                .put("restart to ready, s", restartSeconds.stream().map(s -> Math.round(s * 10) / 10.0).toList())
                .put("frames acknowledged by the broker", sent.sent())
                .put("frames with an event", v.withEvent())
                .put("frames dead-lettered", v.deadLettered())
                .put("frames lost", v.lost())
                .put("frames duplicated", v.duplicatedFrames())
                .put("extra events", v.extraEvents())
                .check(sent.failed() == 0, "every frame is acknowledged by the broker (" + sent.failed() + " failed)")
                .check(v.lost() == 0, "no frame lost (" + v.lost() + " lost, e.g. " + v.lostSample() + ")")
                .check(!exactlyOnce || v.duplicatedFrames() == 0,
                        "no duplicate under exactly_once_v2 (" + v.duplicatedFrames() + " duplicated)");
    }

    /** Kill moments: event counts drawn uniformly between 5% and 90% of the frames, in order. */
    private long[] killPoints() {
        SplittableRandom random = new SplittableRandom(seed);
        long[] at = new long[kills];
        for (int k = 0; k < kills; k++) at[k] = (long) (frames * (0.05 + 0.85 * random.nextDouble()));
        Arrays.sort(at);
        return at;
    }
}
