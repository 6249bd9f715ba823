package io.fer.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.testing.SampleRecords;
import io.fer.schemas.testing.StubRegistryServer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serdes write and read the Confluent wire format: magic byte 0, big-endian schema id, Avro binary. */
class AvroSerdeWireFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private SerdeFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new SerdeFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void serializedBytesAreMagicByteSchemaIdAndAvroBinary() throws Exception {
        fixture.registered("fer.frames-value", 0x01020304, FaceFrame.getClassSchema());
        FaceFrame frame = SampleRecords.frame("f-1");

        byte[] bytes = new AvroSerializer<FaceFrame>(fixture.client).serialize("fer.frames", frame);

        assertEquals(0, bytes[0], "magic byte");
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOfRange(bytes, 1, 5), "big-endian schema id");
        assertArrayEquals(SerdeFixture.avroBinary(FaceFrame.getClassSchema(), frame),
                Arrays.copyOfRange(bytes, 5, bytes.length), "Avro binary of the record");
        StubRegistryServer.Request registration = fixture.registry.requests().get(0);
        assertEquals("/subjects/fer.frames-value/versions", registration.pathAndQuery());
        assertEquals(FaceFrame.getClassSchema(),
                new Schema.Parser().parse(JSON.readTree(registration.body()).path("schema").asText()));
    }

    @Test
    void keysAreRegisteredUnderTheKeySubject() {
        fixture.registered("fer.models-key", 5, FaceFrame.getClassSchema());
        AvroSerializer<FaceFrame> serializer = new AvroSerializer<>(fixture.client);
        serializer.configure(Map.of(), true);

        byte[] bytes = serializer.serialize("fer.models", SampleRecords.frame("k"));

        assertEquals(5, ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertEquals("/subjects/fer.models-key/versions", fixture.registry.requests().get(0).pathAndQuery());
    }

    @Test
    void everyRecordTypeRoundTrips() {
        fixture.registered("fer.frames-value", 1, FaceFrame.getClassSchema())
                .registered("fer.emotions-value", 2, EmotionEvent.getClassSchema())
                .registered("fer.models-value", 3, ModelRelease.getClassSchema());

        assertRoundTrip("fer.frames", FaceFrame.class, SampleRecords.frame("f-1"));
        assertRoundTrip("fer.emotions", EmotionEvent.class, SampleRecords.event("f-1"));
        assertRoundTrip("fer.models", ModelRelease.class, SampleRecords.release("7"));
    }

    private <T extends SpecificRecord> void assertRoundTrip(String topic, Class<T> type, T record) {
        AvroSerde<T> serde = FerSerdes.values(type, fixture.client);
        assertEquals(record, serde.deserializer().deserialize(topic, serde.serializer().serialize(topic, record)));
    }

    @Test
    void theRegisteredIdIsCachedAcrossRecords() {
        fixture.registered("fer.frames-value", 1, FaceFrame.getClassSchema());
        AvroSerde<FaceFrame> serde = FerSerdes.faceFrame(fixture.client);
        for (int i = 0; i < 5; i++) {
            byte[] bytes = serde.serializer().serialize("fer.frames", SampleRecords.frame("f-" + i));
            assertEquals("f-" + i, serde.deserializer().deserialize("fer.frames", bytes).getFrameId());
        }
        assertEquals(List.of("POST /subjects/fer.frames-value/versions"),
                fixture.registry.requests().stream().map(r -> r.method() + " " + r.pathAndQuery()).toList(),
                "one registration; the id-to-schema mapping came with it");
    }

    @Test
    void withAutoRegisterOffTheSchemaIsOnlyLookedUp() {
        fixture.registry.respond("POST /subjects/fer.frames-value", 200, "{\"subject\":\"fer.frames-value\","
                + "\"id\":9,\"version\":1,\"schema\":" + JSON.valueToTree(FaceFrame.getClassSchema().toString()) + "}");
        AvroSerializer<FaceFrame> serializer = new AvroSerializer<>(fixture.client);
        serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);

        byte[] bytes = serializer.serialize("fer.frames", SampleRecords.frame("f"));

        assertEquals(9, ByteBuffer.wrap(bytes, 1, 4).getInt());
        assertEquals("POST", fixture.registry.requests().get(0).method());
        assertEquals("/subjects/fer.frames-value", fixture.registry.requests().get(0).pathAndQuery());
    }

    @Test
    void aNewerWriterSchemaWithAnAddedFieldStillDecodes() {
        Schema newer = withExtraField(FaceFrame.getClassSchema());
        GenericRecord written = new GenericData.Record(newer);
        FaceFrame frame = SampleRecords.frame("f-new");
        for (Schema.Field field : FaceFrame.getClassSchema().getFields()) {
            written.put(field.name(), GenericData.get().deepCopy(field.schema(), genericValue(frame, field)));
        }
        written.put("exposure", 0.8);
        fixture.servedById(21, newer);

        FaceFrame read = new AvroDeserializer<>(FaceFrame.class, fixture.client)
                .deserialize("fer.frames", SerdeFixture.framed(21, newer, written));

        assertEquals(frame, read);
    }

    @Test
    void anOlderWriterSchemaWithoutTheOptionalFieldsDecodesWithDefaults() {
        Schema older = SchemaBuilder.record("FaceFrame").namespace("io.fer.schemas").fields()
                .requiredString("frameId").requiredString("streamId")
                .name("captureTimestamp").type().longType().noDefault()
                .requiredInt("width").requiredInt("height").requiredBytes("pixels")
                .endRecord();
        GenericRecord written = new GenericData.Record(older);
        written.put("frameId", "f-old");
        written.put("streamId", "camera-0");
        written.put("captureTimestamp", 1_600_000_000_000L);
        written.put("width", 2);
        written.put("height", 1);
        written.put("pixels", ByteBuffer.wrap(new byte[] {10, 20}));
        fixture.servedById(20, older);

        FaceFrame read = new AvroDeserializer<>(FaceFrame.class, fixture.client)
                .deserialize("fer.frames", SerdeFixture.framed(20, older, written));

        assertEquals("f-old", read.getFrameId());
        assertEquals(1_600_000_000_000L, read.getCaptureTimestamp().toEpochMilli());
        assertNull(read.getGroundTruthLabel());
        assertNull(read.getSource());
    }

    @Test
    void withoutAReaderClassTheGeneratedClassIsFoundFromTheWriterSchema() {
        fixture.registered("fer.emotions-value", 2, EmotionEvent.getClassSchema());
        byte[] bytes = new AvroSerializer<EmotionEvent>(fixture.client)
                .serialize("fer.emotions", SampleRecords.event("f"));
        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", fixture.registry.url()), false);

        assertEquals(SampleRecords.event("f"), deserializer.deserialize("fer.emotions", bytes));
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertNull(new AvroSerializer<FaceFrame>(fixture.client).serialize("fer.models", null));
        assertNull(new AvroDeserializer<>(FaceFrame.class, fixture.client).deserialize("fer.models", null));
    }

    static Schema withExtraField(Schema schema) {
        List<Schema.Field> fields = schema.getFields().stream()
                .map(f -> new Schema.Field(f, f.schema())).collect(java.util.stream.Collectors.toList());
        fields.add(new Schema.Field("exposure", Schema.create(Schema.Type.DOUBLE), "added later", 0.0));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static Object genericValue(FaceFrame frame, Schema.Field field) {
        Object value = frame.get(field.pos());
        return value instanceof java.time.Instant instant ? instant.toEpochMilli() : value;
    }
}
