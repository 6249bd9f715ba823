package io.fer.processor.topology;

import io.fer.processor.batch.BatchResult;
import io.fer.processor.batch.MicroBatch;
import io.fer.processor.batch.PendingFrame;
import io.fer.processor.batch.SharedInference;
import io.fer.processor.metrics.ProcessorMetrics;
import io.fer.processor.batch.Prediction;
import io.fer.schemas.FaceFrame;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Micro-batches one task's valid frames and classifies them, passing each frame's {@link Prediction} on in input
 * order.
 *
 * <p>Nothing is lost: each frame is put in the task's changelogged {@code pending-frames} store before
 * {@link #process} returns, and deleted in the same step that forwards its prediction. Kafka Streams commits a task's
 * input offsets only after its stores' changelog writes are acknowledged (at-least-once), or in the same transaction
 * (exactly-once v2), so a committed offset whose frame has no event yet always has that frame in the store. After a
 * crash the store is restored from its changelog and {@link #init} puts its frames back into the batch.
 *
 * <p>A batch is flushed when it reaches {@code maxBatchSize} frames (checked in {@link #process}) or when its first
 * frame has waited {@code maxBatchDelayMs} (checked there and by a wall-clock punctuation every
 * {@code checkIntervalMs}). A flush hands the batch to the {@link SharedInference} and waits for it.
 *
 * <p>When the pass also ran a shadow model, each frame's shadow {@link Prediction} goes to the shadow child, in the
 * same step.
 */
public final class BatchInferenceProcessor implements Processor<String, FaceFrame, String, Prediction> {
    /** Name of the pending-frames store. */
    public static final String STORE = "pending-frames";
    private static final Logger log = LoggerFactory.getLogger(BatchInferenceProcessor.class);

    private final SharedInference inference;
    private final ProcessorMetrics metrics;
    private final int maxBatchSize;
    private final long maxBatchDelayMs;
    private final long checkIntervalMs;
    private final String eventsChild;
    private final String shadowChild;
    private ProcessorContext<String, Prediction> context;
    private KeyValueStore<Bytes, byte[]> store;
    private MicroBatch batch;

    /**
     * @param eventsChild the node the serving model's predictions go to
     * @param shadowChild the node the shadow model's predictions go to, or null when there is no shadow run
     */
    public BatchInferenceProcessor(SharedInference inference, ProcessorMetrics metrics, int maxBatchSize,
                                   long maxBatchDelayMs, long checkIntervalMs, String eventsChild, String shadowChild) {
        this.inference = inference;
        this.metrics = metrics;
        this.maxBatchSize = maxBatchSize;
        this.maxBatchDelayMs = maxBatchDelayMs;
        this.checkIntervalMs = checkIntervalMs;
        this.eventsChild = eventsChild;
        this.shadowChild = shadowChild;
    }

    @Override
    public void init(ProcessorContext<String, Prediction> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.batch = new MicroBatch(maxBatchSize, maxBatchDelayMs);
        long now = context.currentSystemTimeMs();
        List<Bytes> corrupt = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> restored = store.all()) {
            while (restored.hasNext()) {
                KeyValue<Bytes, byte[]> entry = restored.next();
                try {
                    batch.add(PendingFrame.decode(entry.value), now);
                } catch (IllegalArgumentException e) {
                    corrupt.add(entry.key);
                    log.error("dropping an unreadable pending frame (source offset {}): {}",
                            ByteBuffer.wrap(entry.key.get()).getLong(), e.getMessage());
                }
            }
        }
        corrupt.forEach(store::delete);
        if (!batch.isEmpty()) log.info("{} frames restored from the pending-frames store", batch.size());
        context.schedule(Duration.ofMillis(checkIntervalMs), PunctuationType.WALL_CLOCK_TIME, this::flushDue);
    }

    @Override
    public void process(Record<String, FaceFrame> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow(() ->
                new IllegalStateException("frames must come from a source topic"));
        Bytes key = Bytes.wrap(PendingFrame.key(source.offset()));
        long now = context.currentSystemTimeMs();
        // Re-read after a crash under at-least-once while its copy restored from the changelog is still waiting.
        if (store.get(key) == null) {
            PendingFrame frame = pending(source.offset(), record, now);
            store.put(key, frame.encode());
            batch.add(frame, now);
        }
        flushDue(now);
    }

    private static PendingFrame pending(long offset, Record<String, FaceFrame> record, long now) {
        FaceFrame f = record.value();
        ByteBuffer buffer = f.getPixels().duplicate();
        byte[] pixels = new byte[buffer.remaining()];
        buffer.get(pixels);
        return new PendingFrame(offset, f.getFrameId(), f.getStreamId(), f.getCaptureTimestamp().toEpochMilli(),
                record.timestamp(), now, f.getGroundTruthLabel(), pixels);
    }

    private void flushDue(long now) {
        while (batch.isDue(now)) flush(batch.take());
    }

    private void flush(List<PendingFrame> frames) {
        metrics.batch(frames.size());
        BatchResult result;
        try {
            result = inference.infer(frames);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while waiting for inference; the batch stays in the store", e);
        }
        long now = context.currentSystemTimeMs();
        BatchResult shadow = shadowChild == null ? null : result.shadow();
        for (int i = 0; i < frames.size(); i++) {
            PendingFrame frame = frames.get(i);
            forward(result, i, frame, now, eventsChild);
            if (shadow != null) forward(shadow, i, frame, now, shadowChild);
            store.delete(Bytes.wrap(PendingFrame.key(frame.offset())));
        }
    }

    private void forward(BatchResult result, int row, PendingFrame frame, long now, String child) {
        Prediction prediction = new Prediction(result.passId(), frame, result.model(), result.probabilities()[row], now,
                result.inferenceMicros());
        context.forward(new Record<>(frame.streamId(), prediction, frame.recordTimestamp()), child);
    }
}
