package io.fer.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fer.schemas.FaceFrame;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.registry.SchemaRegistryClientConfig;
import io.fer.schemas.testing.SampleRecords;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad input gives a specific exception naming the problem, the topic and the schema id; never NPE or a hang. */
class AvroSerdeBadInputTest {
    private static final String TOPIC = "fer.frames";
    private static final int ID = 11;
    private SerdeFixture fixture;
    private AvroDeserializer<FaceFrame> deserializer;
    private byte[] valid;

    @BeforeEach
    void start() throws Exception {
        fixture = new SerdeFixture().registered("fer.frames-value", ID, FaceFrame.getClassSchema());
        deserializer = new AvroDeserializer<>(FaceFrame.class, fixture.client);
        valid = new AvroSerializer<FaceFrame>(fixture.client).serialize(TOPIC, SampleRecords.frame("f-1"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void emptyBytesAreNotWireFormat() {
        InvalidWireFormatException e = assertThrows(InvalidWireFormatException.class,
                () -> deserializer.deserialize(TOPIC, new byte[0]));
        assertNamesTopicAndId(e, null);
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void fewerThanFiveBytesAreNotWireFormat() {
        InvalidWireFormatException e = assertThrows(InvalidWireFormatException.class,
                () -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 11}));
        assertTrue(e.getMessage().contains("only 4 byte(s)"), e.getMessage());
        assertNamesTopicAndId(e, null);
    }

    @Test
    void aWrongMagicByteIsNotWireFormat() {
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 1;
        InvalidWireFormatException e = assertThrows(InvalidWireFormatException.class,
                () -> deserializer.deserialize(TOPIC, wrongMagic));
        assertTrue(e.getMessage().contains("magic byte 0x01"), e.getMessage());

        byte[] json = "{\"frameId\":\"f-1\"}".getBytes(StandardCharsets.UTF_8);
        assertTrue(assertThrows(InvalidWireFormatException.class, () -> deserializer.deserialize(TOPIC, json))
                .getMessage().contains("magic byte 0x7b"));
    }

    @Test
    void anUnknownSchemaIdIsReportedWithTheId() {
        fixture.registry.respond("GET /schemas/ids/404", 404,
                "{\"error_code\":40403,\"message\":\"Schema 404 not found\"}");
        byte[] unknownId = valid.clone();
        ByteBuffer.wrap(unknownId).putInt(1, 404);

        UnknownSchemaIdException e = assertThrows(UnknownSchemaIdException.class,
                () -> deserializer.deserialize(TOPIC, unknownId));
        assertNamesTopicAndId(e, 404);
    }

    @Test
    void truncatedAvroIsACorruptPayload() {
        for (int cut : new int[] {1, 100, valid.length - 6}) {
            byte[] truncated = Arrays.copyOf(valid, valid.length - cut);
            CorruptPayloadException e = assertThrows(CorruptPayloadException.class,
                    () -> deserializer.deserialize(TOPIC, truncated), "cut " + cut);
            assertNamesTopicAndId(e, ID);
        }
    }

    @Test
    void trailingBytesAreACorruptPayload() {
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);
        CorruptPayloadException e = assertThrows(CorruptPayloadException.class,
                () -> deserializer.deserialize(TOPIC, longer));
        assertTrue(e.getMessage().contains("trailing bytes"), e.getMessage());
    }

    @Test
    void aHugeDeclaredLengthFailsWithoutAllocatingIt() {
        // frameId is the first field: a string whose zig-zag varint length claims about 1 GiB.
        byte[] hugeString = {0, 0, 0, 0, ID, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 'x'};
        assertThrows(CorruptPayloadException.class, () -> deserializer.deserialize(TOPIC, hugeString));
    }

    @Test
    void randomBytesAfterAValidHeaderNeverEscapeAsAnotherException() {
        Random random = new Random(42);
        int decoded = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] garbage = new byte[5 + random.nextInt(200)];
            random.nextBytes(garbage);
            ByteBuffer.wrap(garbage).put(0, (byte) 0).putInt(1, ID);
            try {
                assertInstanceOf(FaceFrame.class, deserializer.deserialize(TOPIC, garbage));
                decoded++;
            } catch (AvroSerdeException expected) {
                assertEquals(ID, expected.schemaId());
            }
        }
        assertTrue(decoded < 2000, "random bytes cannot all be valid frames");
    }

    @Test
    void aWriterSchemaTheReaderCannotReadIsReported() {
        Schema incompatible = SchemaBuilder.record("FaceFrame").namespace("io.fer.schemas").fields()
                .requiredInt("frameId").endRecord();
        GenericRecord written = new GenericData.Record(incompatible);
        written.put("frameId", 7);
        fixture.servedById(30, incompatible);

        UnreadableWriterSchemaException e = assertThrows(UnreadableWriterSchemaException.class,
                () -> deserializer.deserialize(TOPIC, SerdeFixture.framed(30, incompatible, written)));
        assertNamesTopicAndId(e, 30);
        assertTrue(e.getMessage().contains("frameId"), e.getMessage());
    }

    @Test
    void aSchemaTheRegistryRefusesFailsTheSerializer() {
        fixture.registry.respond("POST /subjects/refused-value/versions", 409, "{\"error_code\":409,\"message\":"
                + "\"Schema being registered is incompatible with an earlier schema for subject \\\"refused-value\\\"\"}");
        SchemaRegistrationException e = assertThrows(SchemaRegistrationException.class,
                () -> new AvroSerializer<FaceFrame>(fixture.client).serialize("refused", SampleRecords.frame("f")));
        assertEquals("refused", e.topic());
        assertTrue(e.getMessage().contains("refused-value") && e.getMessage().contains("HTTP 409"), e.getMessage());
    }

    @Test
    void anUnregisteredSchemaFailsTheSerializerWhenAutoRegisterIsOff() {
        fixture.registry.respond("POST /subjects/fresh-value", 404,
                "{\"error_code\":40401,\"message\":\"Subject 'fresh-value' not found.\"}");
        AvroSerializer<FaceFrame> serializer = new AvroSerializer<>(fixture.client);
        serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);
        assertThrows(SchemaRegistrationException.class, () -> serializer.serialize("fresh", SampleRecords.frame("f")));
    }

    @Test
    void aRecordWithAMissingRequiredFieldFailsToEncode() {
        FaceFrame broken = SampleRecords.frame("f");
        broken.setPixels(null);
        RecordEncodingException e = assertThrows(RecordEncodingException.class,
                () -> new AvroSerializer<FaceFrame>(fixture.client).serialize(TOPIC, broken));
        assertNamesTopicAndId(e, ID);
    }

    @Test
    void anUnreachableRegistryFailsFastWithAnAccessException() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SchemaRegistryClient unreachable = new SchemaRegistryClient(SchemaRegistryClientConfig.fromConfigs(Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:" + closedPort,
                SchemaRegistryClientConfig.MAX_RETRIES, 1, SchemaRegistryClientConfig.RETRIES_WAIT_MS, 10)));
        SchemaRegistryAccessException e = assertThrows(SchemaRegistryAccessException.class,
                () -> new AvroDeserializer<>(FaceFrame.class, unreachable).deserialize(TOPIC, valid));
        assertNamesTopicAndId(e, ID);
    }

    @Test
    void nullIsATombstoneNotAnError() {
        assertNull(deserializer.deserialize(TOPIC, null));
    }

    @Test
    void usingAnUnconfiguredSerdeIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new AvroDeserializer<FaceFrame>().deserialize(TOPIC, valid));
        assertTrue(e.getMessage().contains("configure"));
    }

    private static void assertNamesTopicAndId(AvroSerdeException e, Integer id) {
        assertInstanceOf(SerializationException.class, e);
        assertEquals(TOPIC, e.topic());
        assertEquals(id, e.schemaId());
        assertTrue(e.getMessage().contains("topic '" + TOPIC + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("schema id " + (id == null ? "none" : id)), e.getMessage());
    }
}
