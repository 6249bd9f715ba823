package io.fer.producer;

import io.fer.producer.testdata.CommandRun;
import io.fer.producer.testdata.SharedStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With nothing listening at the configured addresses, {@code fer produce} and {@code fer watch} end with a clear
 * error and exit status 3 instead of hanging (the timeout here only guards against a hang).
 */
class ClusterDownTest {

    @TempDir
    Path dir;

    @Test
    void produceWithTheBrokerDownFailsWithAClearError() throws IOException {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "emotion,pixels,Usage\n");
        String nowhere = "127.0.0.1:" + unusedPort();
        CommandRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CommandRun.run(new ProduceCommand(),
                "--csv", csv.toString(), "--bootstrap-servers", nowhere, "--connect-timeout", "3", "--no-progress"));

        assertEquals(ProduceCommand.EXIT_CLUSTER_UNAVAILABLE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("no Kafka broker answered at " + nowhere + " within 3 s"), run.transcript());
    }

    @Test
    void watchWithTheBrokerDownFailsWithAClearError() throws IOException {
        String nowhere = "127.0.0.1:" + unusedPort();
        CommandRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CommandRun.run(new WatchCommand(),
                "--bootstrap-servers", nowhere, "--connect-timeout", "3"));

        assertEquals(ProduceCommand.EXIT_CLUSTER_UNAVAILABLE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("no Kafka broker answered at " + nowhere), run.transcript());
    }

    @Test
    void produceWithTheRegistryDownFailsWithAClearError() throws IOException {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "emotion,pixels,Usage\n");
        String topic = SharedStack.newTopic("registry-down", 1);
        String nowhere = "http://127.0.0.1:" + unusedPort();
        CommandRun run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CommandRun.run(new ProduceCommand(),
                "--csv", csv.toString(), "--topic", topic, "--bootstrap-servers", SharedStack.get().bootstrapServers(),
                "--schema-registry-url", nowhere, "--connect-timeout", "3", "--no-progress"));

        assertEquals(ProduceCommand.EXIT_CLUSTER_UNAVAILABLE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("schema registry at " + nowhere), run.transcript());
    }

    @Test
    void produceToAMissingTopicFailsWithAClearError() throws IOException {
        Path csv = Files.writeString(dir.resolve("empty.csv"), "emotion,pixels,Usage\n");
        CommandRun run = CommandRun.run(new ProduceCommand(), "--csv", csv.toString(), "--topic", "no-such-topic",
                "--bootstrap-servers", SharedStack.get().bootstrapServers(),
                "--schema-registry-url", SharedStack.get().schemaRegistryUrl(), "--no-progress");

        assertEquals(ProduceCommand.EXIT_CLUSTER_UNAVAILABLE, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("topic no-such-topic does not exist"), run.transcript());
    }

    /** A port nothing listens on (bound once, then released). */
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
