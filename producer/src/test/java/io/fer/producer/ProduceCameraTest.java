package io.fer.producer;

import io.fer.producer.testdata.CommandRun;
import io.fer.producer.testdata.SharedStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fer produce --camera} without a usable camera ends with a clear message and exit status 4: a device that
 * does not exist is refused before any connection, one that is not a camera when FFmpeg cannot open it.
 */
class ProduceCameraTest {

    @Test
    void aCameraThatDoesNotExistIsRefusedBeforeConnecting() {
        int index = IntStream.range(0, 64).filter(i -> !Files.exists(Path.of("/dev/video" + i))).findFirst().orElseThrow();
        String device = "/dev/video" + index;
        // nothing listens on port 1: reaching the cluster probe would give exit status 3 instead
        for (String camera : List.of(device, String.valueOf(index))) {
            CommandRun run = CommandRun.run(new ProduceCommand(), "--camera", camera, "--bootstrap-servers", "127.0.0.1:1",
                    "--schema-registry-url", "http://127.0.0.1:1", "--connect-timeout", "1", "--no-progress");

            assertEquals(ProduceCommand.EXIT_SOURCE_UNAVAILABLE, run.exitCode(), run.transcript());
            assertTrue(run.err().contains("fer produce: no camera " + device + ": no such device ("), run.transcript());
        }
    }

    @Test
    void aDeviceThatIsNotACameraIsAClearError() {
        String topic = SharedStack.newTopic("camera", 1);
        CommandRun run = CommandRun.run(new ProduceCommand(), ProduceCsvTest.args("--camera", "/dev/null", "--topic", topic));

        assertEquals(ProduceCommand.EXIT_SOURCE_UNAVAILABLE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("fer produce: cannot open the camera /dev/null: "), run.transcript());
    }
}
