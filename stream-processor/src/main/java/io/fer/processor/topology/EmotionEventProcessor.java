package io.fer.processor.topology;

import io.fer.processor.batch.PendingFrame;
import io.fer.processor.batch.Prediction;
import io.fer.processor.metrics.ProcessorMetrics;
import io.fer.processor.smoothing.SmoothingWindow;
import io.fer.schemas.EmotionEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Last step of the topology: turns each {@link Prediction} into an {@link EmotionEvent} stamped with the model name
 * and version. For streams whose id matches the smoothing pattern it can average the probabilities over the last
 * {@code window} frames of the stream (kept in the changelogged {@code smoothing-windows} store, keyed by stream id)
 * and, in change-only mode, emit only when the smoothed emotion differs from the last one emitted for the stream.
 */
public final class EmotionEventProcessor implements Processor<String, Prediction, String, EmotionEvent> {
    /** Name of the smoothing store. */
    public static final String STORE = "smoothing-windows";
    /** Header on each event: the forward pass (per process) that classified its frame. */
    public static final String PASS_HEADER = "fer.pass";
    private static final Logger log = LoggerFactory.getLogger(EmotionEventProcessor.class);

    /**
     * How (and for which streams) to smooth.
     *
     * @param window     frames to average over (1 = no averaging)
     * @param streams    stream ids smoothed
     * @param changeOnly emit only when the smoothed emotion changes
     */
    public record Smoothing(int window, Pattern streams, boolean changeOnly) {
        public boolean enabled() {
            return window > 1 || changeOnly;
        }
    }

    private final Smoothing smoothing;
    private final ProcessorMetrics metrics;
    private ProcessorContext<String, EmotionEvent> context;
    private KeyValueStore<String, byte[]> windows;

    public EmotionEventProcessor(Smoothing smoothing, ProcessorMetrics metrics) {
        this.smoothing = smoothing;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, EmotionEvent> context) {
        this.context = context;
        if (smoothing.enabled()) windows = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Prediction> record) {
        Prediction p = record.value();
        float[] probabilities = p.probabilities();
        String streamId = p.frame().streamId();
        if (smoothing.enabled() && smoothing.streams().matcher(streamId).matches()) {
            SmoothingWindow window = window(streamId);
            probabilities = window.add(probabilities);
            int emotion = p.model().classes().get(argmax(probabilities)).ordinal();
            boolean emit = !smoothing.changeOnly() || emotion != window.lastEmitted();
            if (emit) window.emitted(emotion);
            windows.put(streamId, window.encode());
            if (!emit) return;
        }
        Record<String, EmotionEvent> out = record.withValue(event(p, probabilities));
        out.headers().add(PASS_HEADER, Long.toString(p.passId()).getBytes(StandardCharsets.US_ASCII));
        context.forward(out);
        metrics.eventOut(p.processedAt() - p.frame().captureTimestamp());
    }

    private SmoothingWindow window(String streamId) {
        byte[] stored = windows.get(streamId);
        if (stored != null) {
            try {
                return SmoothingWindow.decode(stored, smoothing.window());
            } catch (IllegalArgumentException e) {
                log.warn("starting a fresh smoothing window for stream {}: {}", streamId, e.getMessage());
            }
        }
        return new SmoothingWindow(smoothing.window());
    }

    /** The event for a prediction, with the given (raw or smoothed) probabilities. */
    static EmotionEvent event(Prediction p, float[] probabilities) {
        PendingFrame frame = p.frame();
        int best = argmax(probabilities);
        List<Float> list = new ArrayList<>(probabilities.length);
        for (float x : probabilities) list.add(x);
        return EmotionEvent.newBuilder()
                .setFrameId(frame.frameId())
                .setStreamId(frame.streamId())
                .setCaptureTimestamp(Instant.ofEpochMilli(frame.captureTimestamp()))
                .setPredictedEmotion(p.model().classes().get(best))
                .setConfidence(probabilities[best])
                .setProbabilities(list)
                .setModelName(p.model().name())
                .setModelVersion(p.model().version())
                .setIngestTimestamp(Instant.ofEpochMilli(frame.ingestTimestamp()))
                .setProcessingTimestamp(Instant.ofEpochMilli(p.processedAt()))
                .setInferenceMicros(p.inferenceMicros())
                .setGroundTruthLabel(frame.groundTruth())
                .build();
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int c = 1; c < v.length; c++) if (v[c] > v[best]) best = c;
        return best;
    }
}
