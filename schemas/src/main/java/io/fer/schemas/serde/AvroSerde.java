package io.fer.schemas.serde;

import io.fer.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of a generated Avro record type in the Confluent wire format: an {@link AvroSerializer} and an
 * {@link AvroDeserializer} into that type.
 *
 * @param <T> record type
 */
public class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;
    private final boolean sharedClient;

    /** A serde whose registry client is built from the configuration in {@link #configure}. */
    public AvroSerde(Class<T> type) {
        this.serializer = new AvroSerializer<>();
        this.deserializer = new AvroDeserializer<>(type);
        this.sharedClient = false;
    }

    /** A serde sharing a registry client; {@link #configure} may still set the serde keys and key/value. */
    public AvroSerde(Class<T> type, SchemaRegistryClient client) {
        this.serializer = new AvroSerializer<>(client);
        this.deserializer = new AvroDeserializer<>(type, client);
        this.sharedClient = true;
    }

    /** Configures both halves; without a shared client, builds one client for both from the configuration. */
    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (!sharedClient) {
            SchemaRegistryClient client = SchemaRegistryClient.fromConfigs(configs);
            serializer.useClientIfAbsent(client);
            deserializer.useClientIfAbsent(client);
        }
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
