package io.fer.ops;

import static io.fer.ops.registry.TestSchemas.withField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fer.ops.kafka.EmbeddedKafkaBroker;
import io.fer.ops.registry.SchemaRegistryServer;
import io.fer.schemas.Emotion;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.FrameSource;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.Normalisation;
import io.fer.schemas.Topics;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.registry.SchemaRegistryClientConfig;
import io.fer.schemas.registry.SchemaRegistryException;
import io.fer.schemas.serde.AvroDeserializer;
import io.fer.schemas.serde.AvroSerde;
import io.fer.schemas.serde.AvroSerdeConfig;
import io.fer.schemas.serde.AvroSerializer;
import io.fer.schemas.serde.ConfluentWireFormat;
import io.fer.schemas.serde.CorruptPayloadException;
import io.fer.schemas.serde.FerSerdes;
import io.fer.schemas.serde.InvalidWireFormatException;
import io.fer.schemas.serde.SchemaRegistrationException;
import io.fer.schemas.serde.UnknownSchemaIdException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The records through the real broker and the real registry: each type round-trips, schemas evolve backward-compatibly
 * and an incompatible change is refused, and bad bytes on a topic give specific exceptions, not a stuck consumer.
 */
class SchemaRoundTripTest {
    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer registry;
    private static Map<String, Object> serdeConfig;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start();
        registry = SchemaRegistryServer.start(broker.bootstrapServers(), 0);
        serdeConfig = Map.of(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, registry.url());
        for (String topic : List.of(Topics.FRAMES, Topics.EMOTIONS, Topics.MODELS)) {
            broker.createTopic(topic, 1, Topics.configs(topic));
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
        broker.close();
    }

    @Test
    void everyRecordTypeRoundTripsThroughKafka() {
        FaceFrame frame = frame("f-1", 3);
        EmotionEvent event = EmotionEvent.newBuilder().setFrameId("f-1").setStreamId("camera-1")
                .setCaptureTimestamp(frame.getCaptureTimestamp()).setPredictedEmotion(Emotion.HAPPINESS)
                .setConfidence(0.7f).setProbabilities(List.of(0.05f, 0.05f, 0.05f, 0.7f, 0.05f, 0.05f, 0.025f, 0.025f))
                .setModelName("fer-cnn").setModelVersion("1")
                .setIngestTimestamp(Instant.ofEpochMilli(1_700_000_000_200L))
                .setProcessingTimestamp(Instant.ofEpochMilli(1_700_000_000_260L)).setInferenceMicros(4_200L)
                .setGroundTruthLabel(3).build();
        byte[] artifact = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(artifact);
        ModelRelease release = ModelRelease.newBuilder().setModelName("fer-cnn").setModelVersion("1")
                .setArchitecture("cnn").setClassNames(List.of("anger", "disgust", "fear", "happiness", "sadness",
                        "surprise", "neutral", "contempt"))
                .setInputShape(List.of(1, 48, 48)).setNormalisation(new Normalisation(0.5, 0.25))
                .setTrainingData("synthetic").setValidationMetrics(Map.of("accuracy", 0.7))
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_100_000L)).setSha256("00".repeat(32))
                .setArtifact(ByteBuffer.wrap(artifact)).build();

        assertEquals(frame, roundTrip(Topics.FRAMES, FerSerdes.faceFrame(serdeConfig), frame));
        assertEquals(event, roundTrip(Topics.EMOTIONS, FerSerdes.emotionEvent(serdeConfig), event));
        assertEquals(release, roundTrip(Topics.MODELS, FerSerdes.modelRelease(serdeConfig), release),
                "a release with a 2 MiB inline artifact");
    }

    private static <T extends SpecificRecord> T roundTrip(String topic, AvroSerde<T> serde, T record) {
        long offset = produce(topic, serde.serializer(), record);
        return consumeAt(topic, offset, serde.deserializer());
    }

    @Test
    void aBackwardCompatibleChangeIsAcceptedAndItsRecordsStillDecode() {
        String topic = "evolving.frames";
        broker.createTopic(topic, 1, Map.of());
        AvroSerde<FaceFrame> serde = FerSerdes.faceFrame(serdeConfig);
        produce(topic, serde.serializer(), frame("f-v1", null));

        Schema evolved = withField(FaceFrame.getClassSchema(), "exposure", Schema.createUnion(
                Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.DOUBLE)), JsonProperties.NULL_VALUE);
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.forUrl(registry.url()));
        int evolvedId = client.register(ConfluentWireFormat.subject(topic, false), evolved);
        FaceFrame expected = frame("f-v2", 5);
        long offset = produce(topic, new ByteArraySerializer(), framedGeneric(evolvedId, evolved, expected, 0.25));

        assertEquals(expected, consumeAt(topic, offset, serde.deserializer()),
                "a reader on the current class reads data written with the evolved schema");
        assertEquals(List.of(1, 2), client.versions(topic + "-value"));

        Schema incompatible = withField(evolved, "brightness", Schema.create(Schema.Type.DOUBLE), null);
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> client.register(topic + "-value", incompatible));
        assertEquals(409, refused.httpStatus());
        assertTrue(refused.getMessage().contains("brightness") && refused.getMessage().contains("incompatible"),
                refused.getMessage());
    }

    @Test
    void aSerializerWhoseSchemaTheRegistryRefusesFailsWithTheReason() {
        String topic = "strict.frames";
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.forUrl(registry.url()));
        client.register(topic + "-value", Schema.createRecord("FaceFrame", null, "io.fer.schemas", false,
                List.of(new Schema.Field("frameId", Schema.create(Schema.Type.STRING)),
                        new Schema.Field("mandatory", Schema.create(Schema.Type.INT)))));

        SchemaRegistrationException e = assertThrows(SchemaRegistrationException.class,
                () -> FerSerdes.faceFrame(serdeConfig).serializer().serialize(topic, frame("f", null)));
        assertTrue(e.getMessage().contains("HTTP 409") && e.getMessage().contains("strict.frames-value"),
                e.getMessage());

        AvroSerializer<FaceFrame> lookupOnly = new AvroSerializer<>();
        Map<String, Object> noAutoRegister = new HashMap<>(serdeConfig);
        noAutoRegister.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        lookupOnly.configure(noAutoRegister, false);
        assertThrows(SchemaRegistrationException.class, () -> lookupOnly.serialize("unregistered", frame("f", null)));
    }

    @Test
    void badBytesOnATopicGiveSpecificExceptionsThroughTheRealRegistry() {
        String topic = "bad.frames";
        broker.createTopic(topic, 1, Map.of());
        byte[] valid = FerSerdes.faceFrame(serdeConfig).serializer().serialize(topic, frame("ok", 1));
        byte[] unknownId = valid.clone();
        ByteBuffer.wrap(unknownId).putInt(1, 987_654);
        byte[] wrongMagic = valid.clone();
        wrongMagic[0] = 7;
        List<byte[]> bad = List.of(unknownId, wrongMagic, new byte[] {0, 0, 1}, new byte[0],
                Arrays.copyOf(valid, valid.length / 2));
        List<Class<? extends Exception>> expected = List.of(UnknownSchemaIdException.class,
                InvalidWireFormatException.class, InvalidWireFormatException.class, InvalidWireFormatException.class,
                CorruptPayloadException.class);
        long first = -1;
        for (byte[] bytes : bad) {
            long offset = produce(topic, new ByteArraySerializer(), bytes);
            first = first < 0 ? offset : first;
        }
        produce(topic, new ByteArraySerializer(), valid);

        AvroDeserializer<FaceFrame> deserializer = new AvroDeserializer<>(FaceFrame.class);
        deserializer.configure(serdeConfig, false);
        List<ConsumerRecord<String, byte[]>> records = consumeFrom(topic, first, bad.size() + 1,
                new ByteArrayDeserializer());
        for (int i = 0; i < bad.size(); i++) {
            byte[] value = records.get(i).value();
            Exception e = assertThrows(Exception.class, () -> deserializer.deserialize(topic, value));
            assertInstanceOf(expected.get(i), e, e.getMessage());
            assertTrue(e.getMessage().contains("topic '" + topic + "'"), e.getMessage());
        }
        assertEquals("ok", deserializer.deserialize(topic, records.get(bad.size()).value()).getFrameId());
    }

    @Test
    void aConsumerUsingTheDeserializerReportsTheBadRecordAndCanSkipIt() {
        String topic = "skip.frames";
        broker.createTopic(topic, 1, Map.of());
        byte[] unknownId = FerSerdes.faceFrame(serdeConfig).serializer().serialize(topic, frame("x", null));
        ByteBuffer.wrap(unknownId).putInt(1, 555_555);
        long badOffset = produce(topic, new ByteArraySerializer(), unknownId);
        produce(topic, FerSerdes.faceFrame(serdeConfig).serializer(), frame("after", null));

        Map<String, Object> properties = consumerProperties();
        properties.putAll(serdeConfig);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        properties.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, FaceFrame.class.getName());
        try (KafkaConsumer<String, FaceFrame> consumer = new KafkaConsumer<>(properties)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, badOffset);
            RecordDeserializationException e = assertThrows(RecordDeserializationException.class,
                    () -> consumer.poll(Duration.ofSeconds(10)));
            assertEquals(badOffset, e.offset());
            assertInstanceOf(UnknownSchemaIdException.class, e.getCause());
            consumer.seek(partition, e.offset() + 1);
            List<FaceFrame> after = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (after.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> after.add(record.value()));
            }
            assertEquals("after", after.get(0).getFrameId());
        }
    }

    private static FaceFrame frame(String id, Integer label) {
        byte[] pixels = new byte[48 * 48];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        return FaceFrame.newBuilder().setFrameId(id).setStreamId("camera-1")
                .setCaptureTimestamp(Instant.ofEpochMilli(1_700_000_000_000L)).setWidth(48).setHeight(48)
                .setPixels(ByteBuffer.wrap(pixels)).setGroundTruthLabel(label)
                .setSource(label == null ? null : new FrameSource("file:///replay.csv", 12L, null)).build();
    }

    /** A frame written with the evolved schema by a generic (non-generated) writer, framed with its id. */
    private static byte[] framedGeneric(int id, Schema evolved, FaceFrame frame, double exposure) {
        GenericRecord source = null;
        if (frame.getSource() != null) {
            source = new GenericData.Record(FrameSource.getClassSchema());
            source.put("uri", frame.getSource().getUri());
            source.put("offset", frame.getSource().getOffset());
            source.put("camera", frame.getSource().getCamera());
        }
        GenericRecord record = new GenericData.Record(evolved);
        record.put("frameId", frame.getFrameId());
        record.put("streamId", frame.getStreamId());
        record.put("captureTimestamp", frame.getCaptureTimestamp().toEpochMilli());
        record.put("width", frame.getWidth());
        record.put("height", frame.getHeight());
        record.put("pixels", frame.getPixels());
        record.put("groundTruthLabel", frame.getGroundTruthLabel());
        record.put("source", source);
        record.put("exposure", exposure);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ConfluentWireFormat.header(id));
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(evolved).write(record, encoder);
            encoder.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static <T> long produce(String topic, Serializer<T> serializer, T value) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MODELS_MAX_MESSAGE_BYTES);
        try (KafkaProducer<String, T> producer = new KafkaProducer<>(properties, new StringSerializer(),
                serializer)) {
            return producer.send(new ProducerRecord<>(topic, 0, "camera-1", value)).get().offset();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    private static <T> T consumeAt(String topic, long offset, Deserializer<T> deserializer) {
        return consumeFrom(topic, offset, 1, deserializer).get(0).value();
    }

    private static <T> List<ConsumerRecord<String, T>> consumeFrom(String topic, long offset, int count,
                                                                    Deserializer<T> deserializer) {
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                deserializer)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertNotEquals(0, records.size(), "nothing consumed from " + topic);
        return records;
    }

    private static Map<String, Object> consumerProperties() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return properties;
    }
}
