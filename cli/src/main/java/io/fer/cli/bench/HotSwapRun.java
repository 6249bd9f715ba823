package io.fer.cli.bench;

import io.fer.cli.pipeline.EventTap;
import io.fer.cli.pipeline.FrameLoad;
import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.PipelineCluster;
import io.fer.cli.pipeline.ReleaseSigner;
import io.fer.cli.pipeline.RunTopics;
import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.config.ProcessorConfig;
import io.fer.schemas.EmotionEvent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A hot swap under load: while frames flow at a steady rate, a signed release of the served bundle under a new
 * version is published; the processor verifies and loads it off the stream and swaps it in between two forward
 * passes. Measured from the events (their processing timestamps): the longest gap between consecutive events from
 * the publication until the first event of the new version, against the gaps before it and against one batch time
 * ({@code max.batch.delay.ms} + the median forward pass).
 */
final class HotSwapRun {
    private static final Duration READY = Duration.ofMinutes(3);
    private static final Duration QUIET = Duration.ofMinutes(2);

    /**
     * @param gapAcrossSwapMs      from the last event of the old version to the first of the new one
     * @param longestGapDuringMs   longest gap between consecutive events from publication to the first new event
     * @param longestGapBeforeMs   longest gap between consecutive events before publication (steady state)
     * @param batchTimeMs          max.batch.delay.ms + the median forward pass
     * @param swapSeconds          from publication to the new version in service
     */
    record Result(PipelineSetting setting, double rate, long frames, long gapAcrossSwapMs, long longestGapDuringMs,
                  long longestGapBeforeMs, long batchTimeMs, double swapSeconds, String fromVersion, String toVersion) {
    }

    private record Seen(long processedAt, String version, long inferenceMicros) {
    }

    private HotSwapRun() {
    }

    static Result run(PipelineCluster cluster, HarnessOptions options, PipelineSetting setting, String run,
                      long frames, double rate) throws IOException, InterruptedException {
        RunTopics topics = cluster.createTopics(run, options.partitions());
        ReleaseSigner signer = ReleaseSigner.generate();
        Path key = signer.writePublicKey(cluster.work(run));
        ProcessorConfig config = options.processorConfig(cluster, run, topics)
                .with(ProcessorConfig.Key.MAX_BATCH_SIZE, setting.maxBatchSize())
                .with(ProcessorConfig.Key.MAX_BATCH_DELAY_MS, setting.maxBatchDelayMs())
                .with(ProcessorConfig.Key.PROCESSING_GUARANTEE, setting.guarantee())
                .with(ProcessorConfig.Key.MODEL_PUBLIC_KEY, key);
        List<Seen> seen = new ArrayList<>();
        try (EmotionProcessorApp app = EmotionProcessorApp.start(config);
             EventTap tap = EventTap.start(cluster.clusterConfig(), topics.emotions(), true, (e, at) -> {
                 synchronized (seen) {
                     seen.add(new Seen(e.getProcessingTimestamp().toEpochMilli(), e.getModelVersion(),
                             e.getInferenceMicros()));
                 }
             })) {
            app.awaitReady(READY);
            String from = app.servingModel().version();
            String to = from + "-swap";
            long publishedAt;
            long swappedAt;
            try (FrameLoad load = FrameLoad.start(cluster.clusterConfig(), topics.frames(), options.faces(), run,
                    frames, rate, options.streams())) {
                if (!tap.awaitCount(frames / 3, QUIET)) throw new IllegalStateException("no events before the swap");
                publishedAt = System.currentTimeMillis();
                cluster.publish(topics.models(), signer.release(options.bundle(), to));
                long deadline = System.nanoTime() + READY.toNanos();
                while (!to.equals(app.servingModel().version())) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("release " + to + " never served");
                    Thread.sleep(20);
                }
                swappedAt = System.currentTimeMillis();
                if (!tap.awaitCount(frames, QUIET)) throw new IllegalStateException("events stopped after the swap");
                load.awaitDone(QUIET);
            }
            List<Seen> events;
            synchronized (seen) {
                events = new ArrayList<>(seen);
            }
            return measure(setting, rate, frames, events, publishedAt, swappedAt, from, to);
        }
    }

    private static Result measure(PipelineSetting setting, double rate, long frames, List<Seen> events,
                                  long publishedAt, long swappedAt, String from, String to) {
        events.sort(Comparator.comparingLong(Seen::processedAt));
        long lastOld = events.stream().filter(s -> s.version().equals(from)).mapToLong(Seen::processedAt).max().orElseThrow();
        long firstNew = events.stream().filter(s -> s.version().equals(to)).mapToLong(Seen::processedAt).min()
                .orElseThrow(() -> new IllegalStateException("no event of the new version " + to));
        long[] passMicros = events.stream().mapToLong(Seen::inferenceMicros).sorted().toArray();
        long batchTime = setting.maxBatchDelayMs() + passMicros[passMicros.length / 2] / 1000;
        return new Result(setting, rate, frames, firstNew - lastOld, longestGap(events, publishedAt, firstNew),
                longestGap(events, events.get(0).processedAt(), publishedAt), batchTime,
                (swappedAt - publishedAt) / 1000.0, from, to);
    }

    /** The longest gap between consecutive events that ends within (from, to]. */
    private static long longestGap(List<Seen> sorted, long from, long to) {
        long longest = 0;
        long previous = -1;
        for (Seen s : sorted) {
            if (s.processedAt() > to) break;
            if (s.processedAt() > from && previous >= 0) longest = Math.max(longest, s.processedAt() - previous);
            previous = s.processedAt();
        }
        return longest;
    }
}
