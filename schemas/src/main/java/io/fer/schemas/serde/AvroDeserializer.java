package io.fer.schemas.serde;

import io.fer.schemas.registry.RegistryProtocol;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format bytes into generated Avro records. The writer schema is fetched by the id in the
 * header and resolved against the reader class's schema, so data written with an older or newer compatible schema
 * decodes. Null bytes (a tombstone) give null; every other bad input gives an {@link AvroSerdeException} subclass.
 *
 * <p>The reader class is the constructor's, else {@code specific.avro.value.type} / {@code specific.avro.key.type},
 * else the generated class named like the writer schema.
 *
 * @param <T> record type
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
    static {
        GeneratedClassTrust.install();
    }

    private SchemaRegistryClient client;
    private Class<? extends SpecificRecord> readerClass;
    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();

    /** A deserializer configured entirely by {@link #configure}. */
    public AvroDeserializer() {
    }

    /** A deserializer into the given class that builds its registry client in {@link #configure}. */
    public AvroDeserializer(Class<T> readerClass) {
        this.readerClass = readerClass;
    }

    /** A deserializer into the given class using a shared client; usable without {@link #configure}. */
    public AvroDeserializer(Class<T> readerClass, SchemaRegistryClient client) {
        this.readerClass = readerClass;
        this.client = client;
    }

    /** Lets a serde hand its client to the deserializer before configuring it. */
    void useClientIfAbsent(SchemaRegistryClient shared) {
        if (client == null) {
            client = shared;
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Class<? extends SpecificRecord> configured = AvroSerdeConfig.fromConfigs(configs, isKey).readerClass();
        if (readerClass == null) {
            readerClass = configured;
        }
        if (client == null) {
            client = SchemaRegistryClient.fromConfigs(configs);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroDeserializer used before configure(): no schema registry client");
        }
        int id = ConfluentWireFormat.schemaId(data, topic);
        DatumReader<T> reader = readers.get(id);
        if (reader == null) {
            reader = datumReader(topic, id);
            readers.putIfAbsent(id, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, ConfluentWireFormat.HEADER_SIZE,
                data.length - ConfluentWireFormat.HEADER_SIZE, null);
        T record;
        try {
            record = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new CorruptPayloadException("cannot decode the Avro payload (" + e + ")", topic, id, e);
        }
        if (!isEnd(decoder)) {
            throw new CorruptPayloadException("trailing bytes after the Avro record", topic, id, null);
        }
        return record;
    }

    private static boolean isEnd(BinaryDecoder decoder) {
        try {
            return decoder.isEnd();
        } catch (IOException e) {
            return false;
        }
    }

    private DatumReader<T> datumReader(String topic, int id) {
        Schema writer = writerSchema(topic, id);
        Schema reader = readerSchema(topic, id, writer);
        SchemaCompatibilityResult result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        if (result.getCompatibility() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new UnreadableWriterSchemaException("writer schema " + writer.getFullName() + " cannot be read as "
                    + reader.getFullName() + ": " + result.getIncompatibilities(), topic, id);
        }
        return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return client.schemaById(id);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == RegistryProtocol.SCHEMA_NOT_FOUND) {
                throw new UnknownSchemaIdException(topic, id, e);
            }
            throw new SchemaRegistryAccessException("cannot fetch writer schema " + id, topic, id, e);
        }
    }

    private Schema readerSchema(String topic, int id, Schema writer) {
        if (readerClass != null) {
            return SpecificData.get().getSchema(readerClass);
        }
        Class<?> generated = writer.getType() == Schema.Type.RECORD ? SpecificData.get().getClass(writer) : null;
        if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
            throw new UnreadableWriterSchemaException("no generated class " + writer.getFullName()
                    + " on the classpath; set " + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE + " or "
                    + AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE, topic, id);
        }
        return SpecificData.get().getSchema(generated);
    }
}
