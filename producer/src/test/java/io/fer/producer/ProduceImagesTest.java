package io.fer.producer;

import io.fer.producer.testdata.CommandRun;
import io.fer.producer.testdata.DatasetFaces;
import io.fer.producer.testdata.SharedStack;
import io.fer.producer.testdata.FaceFolder;
import io.fer.producer.testdata.TopicReader;
import io.fer.schemas.FaceFrame;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fer produce --images} on the real broker: dataset faces, scaled up 2 to 4 times and every second one rotated
 * by up to 12 degrees, on larger synthetic backgrounds give one 48x48 frame per face for at least 90% of them and
 * never two; face-free pictures (backgrounds, clutter, textures) give none; corrupt or truncated files are reported
 * and skipped.
 */
class ProduceImagesTest {

    /** Faces drawn from PublicTest past its first 300 (on which {@code DetectionRateBench} tuned the detector). */
    private static final int FACES = 80;
    private static final FaceFolder.Recipe RECIPE = new FaceFolder.Recipe(96, 192, 12);
    private static final int BACKGROUNDS = 8;
    private static final int TEXTURES = 8;
    private static final double MIN_SHARE_FOUND_ONCE = 0.9;

    @TempDir
    Path dir;

    @Test
    void oneFramePerFaceNoFrameFromBackgroundsAndBadFilesSkipped() throws IOException {
        // a random draw, not a selection by what the detector finds
        FaceFolder.write(dir, DatasetFaces.ferPlusSample("PublicTest", 300, FACES, 11), RECIPE, BACKGROUNDS, TEXTURES, 5);
        byte[] png = Files.readAllBytes(dir.resolve("face-001.png"));
        byte[] jpg = Files.readAllBytes(dir.resolve("face-000.jpg"));
        Files.write(dir.resolve("bad-truncated.png"), Arrays.copyOf(png, png.length / 2));
        Files.write(dir.resolve("bad-truncated.jpg"), Arrays.copyOf(jpg, jpg.length / 2));
        Files.writeString(dir.resolve("bad-not-an-image.png"), "this is text, not a picture");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not an image file name");

        String topic = SharedStack.newTopic("images", 2);
        CommandRun run = CommandRun.run(new ProduceCommand(), ProduceCsvTest.args("--images", dir.toString(), "--topic", topic));

        assertEquals(0, run.exitCode(), run.transcript());
        for (String bad : List.of("bad-truncated.png", "bad-truncated.jpg", "bad-not-an-image.png")) {
            assertTrue(run.err().contains(bad + ": corrupt or truncated image"), bad + " reported\n" + run.transcript());
        }
        List<ConsumerRecord<String, FaceFrame>> records = TopicReader.readAll(topic, FaceFrame.class);
        Map<String, Long> framesPerFile = records.stream().collect(Collectors.groupingBy(
                r -> r.value().getFrameId().split("#")[1], Collectors.counting()));
        long facesWithOneFrame = framesPerFile.entrySet().stream()
                .filter(e -> e.getKey().startsWith("face-") && e.getValue() == 1).count();
        List<String> facesWithSeveralFrames = framesPerFile.entrySet().stream()
                .filter(e -> e.getKey().startsWith("face-") && e.getValue() > 1).map(Map.Entry::getKey).toList();
        Map<String, Long> framesFromFaceFree = framesPerFile.entrySet().stream().filter(e -> e.getKey().startsWith("empty-"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        System.out.printf("images: %d of %d faces gave exactly one frame, %d several; frames from the %d face-free pictures: %s%n",
                facesWithOneFrame, FACES, facesWithSeveralFrames.size(), BACKGROUNDS + TEXTURES, framesFromFaceFree);

        assertTrue(facesWithOneFrame >= Math.ceil(MIN_SHARE_FOUND_ONCE * FACES), facesWithOneFrame + " of " + FACES + "\n" + run.transcript());
        assertEquals(List.of(), facesWithSeveralFrames, "one face, one frame");
        assertEquals(Map.of(), framesFromFaceFree, "no frame from a face-free picture");
        for (ConsumerRecord<String, FaceFrame> r : records) {
            assertEquals(48 * 48, r.value().getPixels().remaining());
            assertEquals("images:" + dir.getFileName(), r.key());
            assertEquals(null, r.value().getGroundTruthLabel());
        }
        assertTrue(run.out().contains(records.size() + " sent, 0 failed"), run.transcript());
    }
}
