package io.fer.schemas.serde;

import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Ready-made value serdes of the project's records. Each takes either a Kafka-style configuration map (with at least
 * {@code schema.registry.url}) or a shared {@link SchemaRegistryClient}, whose caches then serve every serde.
 */
public final class FerSerdes {

    private FerSerdes() {
    }

    /** Value serde of {@link FaceFrame} configured from the map. */
    public static AvroSerde<FaceFrame> faceFrame(Map<String, ?> configs) {
        return values(FaceFrame.class, configs);
    }

    /** Value serde of {@link FaceFrame} on a shared client. */
    public static AvroSerde<FaceFrame> faceFrame(SchemaRegistryClient client) {
        return values(FaceFrame.class, client);
    }

    /** Value serde of {@link EmotionEvent} configured from the map. */
    public static AvroSerde<EmotionEvent> emotionEvent(Map<String, ?> configs) {
        return values(EmotionEvent.class, configs);
    }

    /** Value serde of {@link EmotionEvent} on a shared client. */
    public static AvroSerde<EmotionEvent> emotionEvent(SchemaRegistryClient client) {
        return values(EmotionEvent.class, client);
    }

    /** Value serde of {@link ModelRelease} configured from the map. */
    public static AvroSerde<ModelRelease> modelRelease(Map<String, ?> configs) {
        return values(ModelRelease.class, configs);
    }

    /** Value serde of {@link ModelRelease} on a shared client. */
    public static AvroSerde<ModelRelease> modelRelease(SchemaRegistryClient client) {
        return values(ModelRelease.class, client);
    }

    /** Value serde of any generated record type configured from the map. */
    public static <T extends SpecificRecord> AvroSerde<T> values(Class<T> type, Map<String, ?> configs) {
        AvroSerde<T> serde = new AvroSerde<>(type);
        serde.configure(configs, false);
        return serde;
    }

    /** Value serde of any generated record type on a shared client, with the default serde settings. */
    public static <T extends SpecificRecord> AvroSerde<T> values(Class<T> type, SchemaRegistryClient client) {
        AvroSerde<T> serde = new AvroSerde<>(type, client);
        serde.configure(Map.of(), false);
        return serde;
    }
}
