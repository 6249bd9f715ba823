package io.fer.cli.bench;

import io.fer.cli.pipeline.EventTap;
import io.fer.cli.pipeline.FaceReplay;
import io.fer.cli.pipeline.FrameLoad;
import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.LatencyHistogram;
import io.fer.cli.pipeline.PipelineCluster;
import io.fer.cli.pipeline.RunTopics;
import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.config.ProcessorConfig;
import io.micrometer.core.instrument.DistributionSummary;

import java.io.IOException;
import java.time.Duration;

/**
 * One setting of the pipeline benchmark, on a processor of its own with topics of its own, in two phases:
 * <ol>
 *   <li>throughput: {@code frames} frames published as fast as possible (the producer outruns the processor, so the
 *       processor is saturated); frames/s = frames / (last event's arrival - first send);</li>
 *   <li>latency: {@code latencyFrames} frames at {@code load} x that throughput, so batches fill as they would in
 *       service rather than from a backlog; capture-to-event latency = the event's arrival at a downstream consumer
 *       (read_committed) - the frame's capture timestamp.</li>
 * </ol>
 */
final class PipelineRun {
    private static final Duration READY = Duration.ofMinutes(3);
    /** No event for this long means the pipeline is stuck. */
    private static final Duration QUIET = Duration.ofMinutes(2);

    /**
     * The figures of one setting.
     *
     * @param framesPerSecond saturated throughput
     * @param meanPassSize    mean frames per forward pass in the throughput phase
     * @param latencyRate     frames/s offered in the latency phase
     */
    record Result(PipelineSetting setting, long frames, double framesPerSecond, double meanPassSize,
                  double latencyRate, int latencyFrames, long p50, long p95, long p99, double meanLatency) {
    }

    private PipelineRun() {
    }

    static Result run(PipelineCluster cluster, HarnessOptions options, PipelineSetting setting, String run,
                      long frames, int latencyFrames, double load) throws IOException, InterruptedException {
        FaceReplay faces = options.faces();
        RunTopics topics = cluster.createTopics(run, options.partitions());
        ProcessorConfig config = options.processorConfig(cluster, run, topics)
                .with(ProcessorConfig.Key.MAX_BATCH_SIZE, setting.maxBatchSize())
                .with(ProcessorConfig.Key.MAX_BATCH_DELAY_MS, setting.maxBatchDelayMs())
                .with(ProcessorConfig.Key.PROCESSING_GUARANTEE, setting.guarantee());
        LatencyHistogram latency = new LatencyHistogram();
        String latencyPrefix = run + "-lat";
        try (EmotionProcessorApp app = EmotionProcessorApp.start(config);
             EventTap tap = EventTap.start(cluster.clusterConfig(), topics.emotions(), true, (event, at) -> {
                 if (event.getFrameId().startsWith(latencyPrefix)) {
                     latency.record(at - event.getCaptureTimestamp().toEpochMilli());
                 }
             })) {
            app.awaitReady(READY);
            DistributionSummary passes = app.registry().find("fer.processor.forward.pass.size").summary();
            long passesBefore = passes.count();
            double passFramesBefore = passes.totalAmount();

            long start = System.currentTimeMillis();
            try (FrameLoad saturate = FrameLoad.start(cluster.clusterConfig(), topics.frames(), faces, run + "-thr",
                    frames, 0, options.streams())) {
                await(tap, frames, setting);
                saturate.awaitDone(QUIET);
            }
            double framesPerSecond = frames * 1000.0 / Math.max(1, tap.lastArrival() - start);
            double meanPass = (passes.totalAmount() - passFramesBefore) / Math.max(1, passes.count() - passesBefore);

            double rate = Math.max(1, load * framesPerSecond);
            try (FrameLoad paced = FrameLoad.start(cluster.clusterConfig(), topics.frames(), faces, latencyPrefix,
                    latencyFrames, rate, options.streams())) {
                await(tap, frames + latencyFrames, setting);
                paced.awaitDone(QUIET);
            }
            return new Result(setting, frames, framesPerSecond, meanPass, rate, latency.count(),
                    latency.percentile(50), latency.percentile(95), latency.percentile(99), latency.mean());
        }
    }

    private static void await(EventTap tap, long events, PipelineSetting setting) throws InterruptedException {
        if (!tap.awaitCount(events, QUIET)) {
            throw new IllegalStateException("setting " + setting + ": only " + tap.count() + " of " + events
                    + " events arrived, none in the last " + QUIET.toSeconds() + " s");
        }
    }
}
