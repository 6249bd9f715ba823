package io.fer.producer.publish;

import io.fer.producer.source.FrameSink;
import io.fer.producer.source.SkipReason;
import io.fer.schemas.FaceFrame;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The sink of a produce run: sends each frame to the frames topic keyed by its stream id, at most at the given rate
 * and up to the given count, and keeps the {@link RunSummary}. Skipped input is reported on the report stream (the
 * first {@value #DETAILED_SKIPS} of each reason in detail, then only counted).
 */
public final class FramePublisher implements FrameSink, AutoCloseable {

    static final int DETAILED_SKIPS = 20;

    private final Producer<String, FaceFrame> producer;
    private final String topic;
    private final RateLimiter rateLimiter;
    private final long maxFrames;
    private final PrintWriter report;
    private final ProgressLine progress;
    private final RunSummary summary = new RunSummary();
    private final Map<SkipReason, Integer> reported = new EnumMap<>(SkipReason.class);
    private volatile boolean stopRequested;

    /**
     * @param maxFrames frames to send before stopping, 0 or less for no limit
     * @param progress  the progress line, or null for none
     */
    public FramePublisher(Producer<String, FaceFrame> producer, String topic, RateLimiter rateLimiter, long maxFrames,
                          PrintWriter report, ProgressLine progress) {
        this.producer = producer;
        this.topic = topic;
        this.rateLimiter = rateLimiter;
        this.maxFrames = maxFrames > 0 ? maxFrames : Long.MAX_VALUE;
        this.report = report;
        this.progress = progress;
    }

    @Override
    public boolean accept(FaceFrame frame) {
        if (stopped()) return false;
        try {
            rateLimiter.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        summary.recordOffered();
        try {
            producer.send(new ProducerRecord<>(topic, frame.getStreamId(), frame), (metadata, error) -> {
                if (error == null) summary.recordSent();
                else summary.recordFailure(error);
            });
        } catch (KafkaException e) {
            // thrown by send itself: serialization, registry or metadata timeout (bounded by max.block.ms)
            summary.recordFailure(e);
        }
        if (progress != null) progress.update(summary);
        return !stopped();
    }

    /** Makes the run stop before the next frame (e.g. on Ctrl-C); frames already sent are still flushed on close. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether the run must stop: asked to, interrupted, or the count limit reached. */
    @Override
    public boolean stopped() {
        return stopRequested || summary.offered() >= maxFrames || Thread.currentThread().isInterrupted();
    }

    @Override
    public void skip(String location, SkipReason reason, String detail) {
        summary.recordSkip(reason);
        int n = reported.merge(reason, 1, Integer::sum);
        if (n <= DETAILED_SKIPS) {
            if (progress != null) progress.finish(); // the detail goes on its own line, not after the progress
            report.printf("skipped %s: %s: %s%n", location, reason.description(), detail);
            if (n == DETAILED_SKIPS) report.printf("(further '%s' skips are only counted)%n", reason.description());
        }
        if (progress != null) progress.update(summary);
    }

    public RunSummary summary() {
        return summary;
    }

    /** Waits for every send to be acknowledged or to fail, then closes the producer. */
    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(Duration.ofSeconds(30));
            if (progress != null) {
                progress.update(summary);
                progress.finish();
            }
        }
    }
}
