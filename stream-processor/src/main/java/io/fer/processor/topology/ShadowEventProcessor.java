package io.fer.processor.topology;

import io.fer.processor.batch.Prediction;
import io.fer.schemas.EmotionEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;

/**
 * Turns each shadow {@link Prediction} into an {@link EmotionEvent} stamped with the candidate's name and version,
 * one per frame (never smoothed, so it can be compared frame by frame), with the same {@code fer.pass} header as the
 * serving model's event of that frame.
 */
public final class ShadowEventProcessor implements Processor<String, Prediction, String, EmotionEvent> {
    private ProcessorContext<String, EmotionEvent> context;

    @Override
    public void init(ProcessorContext<String, EmotionEvent> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Prediction> record) {
        Prediction p = record.value();
        Record<String, EmotionEvent> out = record.withValue(EmotionEventProcessor.event(p, p.probabilities()));
        out.headers().add(EmotionEventProcessor.PASS_HEADER, Long.toString(p.passId()).getBytes(StandardCharsets.US_ASCII));
        context.forward(out);
    }
}
