package io.fer.processor.topology;

import io.fer.processor.metrics.ProcessorMetrics;
import io.fer.schemas.FaceFrame;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step of the topology: decodes each {@code fer.frames} record and sends valid frames on to the batcher (keyed
 * by stream id) and everything else to the dead-letter sink, with the original key and value bytes and the reason
 * and source coordinates in headers (an oversized key or value cut, see {@link DeadLetter}). Bad input never
 * stops the stream.
 */
public final class FrameValidationProcessor implements Processor<byte[], byte[], Object, Object> {
    private final FrameValidator validator;
    private final ProcessorMetrics metrics;
    private final String validChild;
    private final String deadLetterChild;
    private ProcessorContext<Object, Object> context;

    /**
     * @param validator       decodes and checks frames
     * @param metrics         counts frames in and dead letters
     * @param validChild      the node valid frames go to
     * @param deadLetterChild the dead-letter sink
     */
    public FrameValidationProcessor(FrameValidator validator, ProcessorMetrics metrics, String validChild,
                                    String deadLetterChild) {
        this.validator = validator;
        this.metrics = metrics;
        this.validChild = validChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.frameIn();
        RecordMetadata source = context.recordMetadata().orElseThrow(() ->
                new IllegalStateException("frames must come from a source topic"));
        FrameValidator.Outcome outcome = validator.validate(source.topic(), record.value());
        if (outcome instanceof FrameValidator.Valid valid) {
            FaceFrame frame = valid.frame();
            context.forward(record.withKey(frame.getStreamId()).withValue(frame), validChild);
        } else if (outcome instanceof FrameValidator.Rejected rejected) {
            metrics.deadLetter(rejected.reason().name());
            context.forward(DeadLetter.of(record, rejected.reason(), rejected.detail(), rejected.cause(),
                    source.topic(), source.partition(), source.offset()), deadLetterChild);
        }
    }
}
