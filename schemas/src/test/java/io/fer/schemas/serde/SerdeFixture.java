package io.fer.schemas.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.registry.SchemaRegistryClientConfig;
import io.fer.schemas.testing.StubRegistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;

/** A stub registry serving given schemas by id, a client on it, and Avro encoding done independently of the serde. */
final class SerdeFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final StubRegistryServer registry;
    final SchemaRegistryClient client;

    SerdeFixture() throws IOException {
        GeneratedClassTrust.install();
        registry = StubRegistryServer.http();
        client = new SchemaRegistryClient(SchemaRegistryClientConfig.fromConfigs(Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url(),
                SchemaRegistryClientConfig.MAX_RETRIES, 1,
                SchemaRegistryClientConfig.RETRIES_WAIT_MS, 10)));
    }

    /** Makes the stub answer registrations under the subject with the id, and serve the schema by that id. */
    SerdeFixture registered(String subject, int id, Schema schema) {
        registry.respond("POST /subjects/" + subject + "/versions", 200, "{\"id\":" + id + "}");
        return servedById(id, schema);
    }

    /** Makes the stub serve a schema by id, in Confluent's response shape. */
    SerdeFixture servedById(int id, Schema schema) {
        registry.respond("GET /schemas/ids/" + id, 200,
                JSON.createObjectNode().put("schema", schema.toString()).toString());
        return this;
    }

    /** Header plus the Avro binary of a datum, written with the given schema. */
    static byte[] framed(int id, Schema schema, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ConfluentWireFormat.header(id));
        out.writeBytes(avroBinary(schema, datum));
        return out.toByteArray();
    }

    /** The Avro binary encoding of a datum (generic or specific) with its schema. */
    static byte[] avroBinary(Schema schema, Object datum) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<>(schema, SpecificData.getForSchema(schema)).write(datum, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        registry.close();
    }
}
