package io.fer.schemas.serde;

import io.fer.schemas.registry.RegistryProtocol;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format. The record's schema is registered under the
 * TopicNameStrategy subject ({@code auto.register.schemas=true}, the default) or looked up there, and its id is
 * written in the header. A null record is written as null (a tombstone).
 *
 * <p>Create it with a shared {@link SchemaRegistryClient}, or with no arguments and let {@link #configure} build
 * one from {@code schema.registry.url} and the other client keys.
 *
 * @param <T> record type
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {
    static {
        GeneratedClassTrust.install();
    }

    private SchemaRegistryClient client;
    private boolean isKey;
    private boolean autoRegister = true;
    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    /** A serializer that builds its registry client in {@link #configure}. */
    public AvroSerializer() {
    }

    /** A value serializer using a shared client; {@link #configure} may still set the serde keys. */
    public AvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** Lets a serde hand its client to the serializer before configuring it. */
    void useClientIfAbsent(SchemaRegistryClient shared) {
        if (client == null) {
            client = shared;
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        this.autoRegister = AvroSerdeConfig.fromConfigs(configs, isKey).autoRegisterSchemas();
        if (client == null) {
            client = SchemaRegistryClient.fromConfigs(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroSerializer used before configure(): no schema registry client");
        }
        Schema schema = record.getSchema();
        int id = schemaId(topic, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(ConfluentWireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)))
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new RecordEncodingException("cannot encode " + schema.getFullName() + ": " + e.getMessage(),
                    topic, id, e);
        }
        return out.toByteArray();
    }

    private int schemaId(String topic, Schema schema) {
        String subject = ConfluentWireFormat.subject(topic, isKey);
        try {
            return autoRegister ? client.register(subject, schema) : client.idOf(subject, schema);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == RegistryProtocol.INCOMPATIBLE_SCHEMA || e.httpStatus() == 422
                    || e.errorCode() == RegistryProtocol.SUBJECT_NOT_FOUND
                    || e.errorCode() == RegistryProtocol.SCHEMA_NOT_FOUND) {
                throw new SchemaRegistrationException(subject, topic, e);
            }
            throw new SchemaRegistryAccessException((autoRegister ? "cannot register " : "cannot look up ")
                    + schema.getFullName() + " under subject '" + subject + "'", topic, null, e);
        }
    }
}
