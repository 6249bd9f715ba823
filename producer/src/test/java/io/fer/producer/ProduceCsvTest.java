package io.fer.producer;

import io.fer.producer.testdata.CommandRun;
import io.fer.producer.testdata.DatasetFaces;
import io.fer.producer.testdata.SharedStack;
import io.fer.producer.testdata.TopicReader;
import io.fer.schemas.FaceFrame;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fer produce --csv} on the real broker and registry: rows round-trip with their labels; bad rows are skipped. */
class ProduceCsvTest {

    /** Lines (1-based, header = 1) of the bad rows written into the test CSV. */
    private static final List<Integer> BAD_LINES = List.of(4, 9, 15, 22);

    @TempDir
    static Path dir;
    static Path csv;
    static List<DatasetFaces.Face> training;
    static List<DatasetFaces.Face> publicTest;

    @BeforeAll
    static void writeCsv() throws IOException {
        training = DatasetFaces.ferPlus("Training", 20);
        publicTest = DatasetFaces.ferPlus("PublicTest", 20);
        List<String> good = new ArrayList<>();
        training.forEach(f -> good.add(row(f.label(), f.pixels(), "Training")));
        publicTest.forEach(f -> good.add(row(f.label(), f.pixels(), "PublicTest")));
        byte[] anyPixels = training.get(0).pixels();
        List<String> bad = List.of(
                "3,1 2 3,Training",                              // too few pixels
                row(9, anyPixels, "Training"),                   // label outside 0..7
                row(0, anyPixels, "Training").replaceFirst("^0", "x"), // label not a number
                "4," + pixelText(anyPixels));                    // no Usage column
        List<String> lines = new ArrayList<>(List.of("emotion,pixels,Usage"));
        int g = 0, b = 0;
        for (int line = 2; g < good.size() || b < bad.size(); line++) {
            lines.add(BAD_LINES.contains(line) ? bad.get(b++) : good.get(g++));
        }
        csv = dir.resolve("faces.csv");
        Files.write(csv, lines);
    }

    @Test
    void rowsRoundTripWithTheirLabelsAndBadRowsAreReportedWithTheirLines() {
        String topic = SharedStack.newTopic("csv-roundtrip", 3);
        CommandRun run = CommandRun.run(new ProduceCommand(), args("--csv", csv.toString(), "--topic", topic, "--stream-id", "test-csv"));

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("40 sent, 0 failed, 4 skipped"), run.transcript());
        for (int line : BAD_LINES) assertTrue(run.err().contains("faces.csv:" + line + ":"), "line " + line + " reported\n" + run.transcript());

        List<ConsumerRecord<String, FaceFrame>> records = TopicReader.readAll(topic, FaceFrame.class);
        assertEquals(40, records.size());
        List<DatasetFaces.Face> expected = new ArrayList<>(training);
        expected.addAll(publicTest);
        Map<Long, FaceFrame> byOffset = new HashMap<>();
        for (ConsumerRecord<String, FaceFrame> r : records) {
            assertEquals("test-csv", r.key());
            assertEquals("test-csv", r.value().getStreamId());
            byOffset.put(r.value().getSource().getOffset(), r.value());
        }
        for (int i = 0; i < expected.size(); i++) {
            FaceFrame frame = byOffset.get((long) i);
            assertEquals(expected.get(i).label(), frame.getGroundTruthLabel(), "label of face " + i);
            assertEquals(48, frame.getWidth());
            assertEquals(48, frame.getHeight());
            byte[] pixels = new byte[frame.getPixels().remaining()];
            frame.getPixels().get(pixels);
            assertArrayEquals(expected.get(i).pixels(), pixels, "pixels of face " + i);
        }
    }

    @Test
    void usageFilterKeepsOnlyThatSplit() {
        String topic = SharedStack.newTopic("csv-usage", 1);
        CommandRun run = CommandRun.run(new ProduceCommand(), args("--csv", csv.toString(), "--topic", topic, "--usage", "PublicTest"));

        assertEquals(0, run.exitCode(), run.transcript());
        List<Integer> labels = TopicReader.readAll(topic, FaceFrame.class).stream()
                .map(r -> r.value().getGroundTruthLabel()).toList();
        assertEquals(publicTest.stream().map(DatasetFaces.Face::label).toList(), labels);
    }

    @Test
    void loopWithShuffleStopsAtTheCountWithDistinctFrameIds() {
        String topic = SharedStack.newTopic("csv-loop", 2);
        CommandRun run = CommandRun.run(new ProduceCommand(),
                args("--csv", csv.toString(), "--topic", topic, "--loop", "--shuffle", "--count", "100"));

        assertEquals(0, run.exitCode(), run.transcript());
        List<FaceFrame> frames = TopicReader.readAll(topic, FaceFrame.class).stream().map(ConsumerRecord::value).toList();
        assertEquals(100, frames.size());
        Set<String> ids = frames.stream().map(FaceFrame::getFrameId).collect(Collectors.toSet());
        assertEquals(100, ids.size());
        // 2.5 passes over 40 faces: every face appears at least twice, none more than three times
        Map<Long, Long> perFace = frames.stream().collect(Collectors.groupingBy(f -> f.getSource().getOffset(), Collectors.counting()));
        assertEquals(40, perFace.size());
        assertTrue(perFace.values().stream().allMatch(n -> n >= 2 && n <= 3), perFace.toString());
        // shuffled: the first pass is not in file order
        List<Long> firstPass = frames.stream().filter(f -> !f.getFrameId().contains("@"))
                .map(f -> f.getSource().getOffset()).toList();
        assertEquals(40, new HashSet<>(firstPass).size());
        assertTrue(!firstPass.equals(IntStream.range(0, 40).mapToObj(i -> (long) i).toList()), "shuffled order");
    }

    @Test
    void sendsTheBrokerRejectsAreCountedAndGiveExitStatusOne() {
        // the broker refuses every frame: the topic accepts no record larger than 1000 bytes
        String topic = SharedStack.newTopic("csv-too-large", 1, Map.of("max.message.bytes", "1000"));
        CommandRun run = CommandRun.run(new ProduceCommand(), args("--csv", csv.toString(), "--topic", topic, "--count", "5"));

        assertEquals(ProduceCommand.EXIT_SEND_FAILED, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("0 sent, 5 failed"), run.transcript());
        assertTrue(run.out().contains("RecordTooLargeException"), run.transcript());
    }

    static String[] args(String... specific) {
        List<String> all = new ArrayList<>(List.of(specific));
        all.addAll(List.of(SharedStack.connectionArgs()));
        all.add("--no-progress");
        return all.toArray(String[]::new);
    }

    private static String row(int label, byte[] pixels, String usage) {
        return label + "," + pixelText(pixels) + "," + usage;
    }

    private static String pixelText(byte[] pixels) {
        return IntStream.range(0, pixels.length).mapToObj(i -> String.valueOf(pixels[i] & 0xFF)).collect(Collectors.joining(" "));
    }
}
