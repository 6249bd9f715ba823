package io.fer.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.producer.testdata.CommandRun;
import io.fer.producer.testdata.SharedStack;
import io.fer.schemas.Emotion;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fer watch} on the real broker: events printed, per-stream window counts, a corrupt record skipped. */
class WatchCommandTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void printsEventsAndPerStreamWindowCountsAndSkipsACorruptRecord() throws Exception {
        String topic = SharedStack.newTopic("emotions", 2);
        Map<String, Object> settings = Map.of("bootstrap.servers", SharedStack.get().bootstrapServers(),
                "schema.registry.url", SharedStack.get().schemaRegistryUrl());
        // stream cam-1: 3 x happiness, 1 x anger; stream cam-2: 2 x neutral, the first of them 2 minutes before the
        // second, so with a 60 s window only one neutral remains in cam-2's counts
        List<EmotionEvent> events = List.of(
                event("cam-1", 0, Emotion.HAPPINESS), event("cam-1", 1, Emotion.HAPPINESS),
                event("cam-1", 2, Emotion.ANGER), event("cam-1", 3, Emotion.HAPPINESS),
                event("cam-2", 0, Emotion.NEUTRAL), event("cam-2", 120, Emotion.NEUTRAL));
        try (KafkaProducer<String, EmotionEvent> producer = new KafkaProducer<>(settings, new StringSerializer(),
                FerSerdes.emotionEvent(settings).serializer());
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            for (EmotionEvent e : events.subList(0, 3)) producer.send(new ProducerRecord<>(topic, e.getStreamId(), e)).get();
            raw.send(new ProducerRecord<>(topic, "cam-1", new byte[]{0, 0, 0, 0, 99, 1, 2})).get();
            for (EmotionEvent e : events.subList(3, events.size())) producer.send(new ProducerRecord<>(topic, e.getStreamId(), e)).get();
        }

        CommandRun run = CommandRun.run(new WatchCommand(), watchArgs(topic, "--json", "--from-beginning", "--idle-timeout", "3", "--window", "60"));

        assertEquals(0, run.exitCode(), run.transcript());
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : run.out().split("\n")) if (!line.isBlank()) lines.add(json.readTree(line));
        List<JsonNode> printed = lines.stream().filter(n -> n.get("type").asText().equals("event")).toList();
        assertEquals(events.size(), printed.size(), run.transcript());
        assertEquals(1, lines.stream().filter(n -> n.get("type").asText().equals("bad-record")).count(), run.transcript());

        // the last window line of each stream holds the final counts
        JsonNode cam1 = last(lines, "cam-1"), cam2 = last(lines, "cam-2");
        assertEquals(3, cam1.get("counts").get("HAPPINESS").asInt());
        assertEquals(1, cam1.get("counts").get("ANGER").asInt());
        assertEquals(4, cam1.get("total").asInt());
        assertEquals(1, cam2.get("counts").get("NEUTRAL").asInt());
        assertEquals(1, cam2.get("total").asInt());
    }

    @Test
    void textOutputNamesStreamsAndEmotions() throws Exception {
        String topic = SharedStack.newTopic("emotions-text", 1);
        Map<String, Object> settings = Map.of("bootstrap.servers", SharedStack.get().bootstrapServers(),
                "schema.registry.url", SharedStack.get().schemaRegistryUrl());
        try (KafkaProducer<String, EmotionEvent> producer = new KafkaProducer<>(settings, new StringSerializer(),
                FerSerdes.emotionEvent(settings).serializer())) {
            EmotionEvent e = event("lobby", 0, Emotion.SURPRISE);
            producer.send(new ProducerRecord<>(topic, e.getStreamId(), e)).get();
        }
        CommandRun run = CommandRun.run(new WatchCommand(), watchArgs(topic, "--from-beginning", "--max-events", "1"));

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("lobby") && run.out().contains("SURPRISE"), run.transcript());
        assertTrue(run.out().contains("surprise 1"), run.transcript());
    }

    private static JsonNode last(List<JsonNode> lines, String stream) {
        JsonNode found = null;
        for (JsonNode n : lines) {
            if (n.get("type").asText().equals("window") && n.get("streamId").asText().equals(stream)) found = n;
        }
        assertTrue(found != null, "window line of " + stream);
        return found;
    }

    private static String[] watchArgs(String topic, String... more) {
        List<String> all = new ArrayList<>(List.of("--topic", topic));
        all.addAll(List.of(more));
        all.addAll(List.of(SharedStack.connectionArgs()));
        return all.toArray(String[]::new);
    }

    private static EmotionEvent event(String stream, int second, Emotion emotion) {
        float[] p = new float[8];
        p[emotion.ordinal()] = 0.9f;
        List<Float> probabilities = new ArrayList<>();
        for (float v : p) probabilities.add(v);
        Instant captured = T0.plusSeconds(second);
        return EmotionEvent.newBuilder()
                .setFrameId(stream + "#" + second)
                .setStreamId(stream)
                .setCaptureTimestamp(captured)
                .setPredictedEmotion(emotion)
                .setConfidence(0.9f)
                .setProbabilities(probabilities)
                .setModelName("lenet7")
                .setModelVersion("1")
                .setIngestTimestamp(captured.plusMillis(5))
                .setProcessingTimestamp(captured.plusMillis(20))
                .setInferenceMicros(800)
                .setGroundTruthLabel(null)
                .build();
    }
}
