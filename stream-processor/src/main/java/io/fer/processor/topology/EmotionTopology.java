package io.fer.processor.topology;

import io.fer.processor.batch.SharedInference;
import io.fer.processor.config.ProcessorConfig;
import io.fer.processor.metrics.ProcessorMetrics;
import io.fer.schemas.EmotionEvent;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The processor's topology:
 * <pre>
 *   fer.frames --> validate --> batch-infer --> emit-events --> fer.emotions
 *                     |            (pending-frames)   (smoothing-windows, when smoothing is on)
 *                     |                  +--> emit-shadow --> fer.emotions.shadow (when a shadow model runs)
 *                     +--> fer.frames.dlq
 * </pre>
 * Frames are read as bytes, so undecodable ones reach the dead-letter topic unchanged.
 */
public final class EmotionTopology {
    public static final String SOURCE = "frames-source";
    public static final String VALIDATE = "validate";
    public static final String BATCH = "batch-infer";
    public static final String EMIT = "emit-events";
    public static final String EVENTS_SINK = "emotions-sink";
    public static final String EMIT_SHADOW = "emit-shadow";
    public static final String SHADOW_SINK = "shadow-sink";
    public static final String DLQ_SINK = "dlq-sink";

    private EmotionTopology() {
    }

    /**
     * Builds the topology.
     *
     * @param config          topics, batch limits and smoothing
     * @param validator       decodes and checks frames
     * @param eventSerializer Confluent wire-format serializer of events
     * @param inference       the shared model; with a shadow model, the shadow nodes are added
     * @param metrics         the processor's meters
     */
    public static Topology build(ProcessorConfig config, FrameValidator validator,
                                 Serializer<EmotionEvent> eventSerializer, SharedInference inference,
                                 ProcessorMetrics metrics) {
        EmotionEventProcessor.Smoothing smoothing = new EmotionEventProcessor.Smoothing(config.smoothingWindow(),
                config.smoothingStreams(), config.smoothingChangeOnly());
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.framesTopic());
        topology.addProcessor(VALIDATE, () -> new FrameValidationProcessor(validator, metrics, BATCH, DLQ_SINK), SOURCE);
        boolean shadow = inference.shadow() != null;
        topology.addProcessor(BATCH, () -> new BatchInferenceProcessor(inference, metrics, config.maxBatchSize(),
                config.maxBatchDelayMs(), config.batchCheckIntervalMs(), EMIT, shadow ? EMIT_SHADOW : null), VALIDATE);
        topology.addProcessor(EMIT, () -> new EmotionEventProcessor(smoothing, metrics), BATCH);
        topology.addSink(EVENTS_SINK, config.emotionsTopic(), new StringSerializer(), eventSerializer, EMIT);
        if (shadow) {
            topology.addProcessor(EMIT_SHADOW, ShadowEventProcessor::new, BATCH);
            topology.addSink(SHADOW_SINK, config.shadowTopic(), new StringSerializer(), eventSerializer, EMIT_SHADOW);
        }
        topology.addSink(DLQ_SINK, config.dlqTopic(), new ByteArraySerializer(), new ByteArraySerializer(), VALIDATE);

        // Caching lets a frame that is put and deleted between two commits skip the changelog; anything still
        // pending at a commit is flushed to the changelog before the offsets are committed.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(BatchInferenceProcessor.STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled(), BATCH);
        if (smoothing.enabled()) {
            topology.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(EmotionEventProcessor.STORE), Serdes.String(), Serdes.ByteArray())
                    .withCachingEnabled(), EMIT);
        }
        return topology;
    }
}
