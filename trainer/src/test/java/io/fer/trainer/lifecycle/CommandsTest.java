package io.fer.trainer.lifecycle;

import io.fer.trainer.CommandErrors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fer models} and {@code fer trainer} on bad input and without a cluster: one line and exit code 2 or 3. */
class CommandsTest {
    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void repository() throws Exception {
        TestFaces.champion(dir.resolve("models"));
    }

    private int run(Object command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-s", "model.repository=" + dir.resolve("models"),
                "-s", "signing.key=" + dir.resolve("keys/k.pem"), "-s", "signing.public.key=" + dir.resolve("keys/k.pub"),
                "-s", "max.retries=0", "--schema-registry-url", "http://127.0.0.1:1", "--bootstrap-servers", "127.0.0.1:1",
                "-s", "kafka.timeout.ms=2000"));
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = CommandErrors.commandLine(command);
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cl.execute(all.toArray(String[]::new));
    }

    private void assertOneLine(String part) {
        String e = err.toString();
        assertTrue(e.contains(part), e);
        assertEquals(1, e.lines().count(), "one line, no stack trace: " + e);
    }

    @Test
    void badInputExitsWithTwo() throws Exception {
        assertEquals(2, run(new ModelsCommand(), "release", TestFaces.MODEL + ":9.9.9"));
        assertOneLine("unknown model lenet7-ferplus:9.9.9");
        assertEquals(2, run(new ModelsCommand(), "show", TestFaces.MODEL));
        assertOneLine("unknown model lenet7-ferplus: neither a bundle directory nor name:version");
        assertEquals(2, run(new ModelsCommand(), "rollback", TestFaces.MODEL));
        assertOneLine("no earlier release");

        Files.createDirectories(dir.resolve("keys"));
        Files.writeString(dir.resolve("keys/k.pem"), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        Files.writeString(dir.resolve("keys/k.pub"), "neither\n");
        assertEquals(2, run(new ModelsCommand(), "release", TestFaces.MODEL + ":1.0.0"));
        assertOneLine("k.pem");
        assertEquals(2, run(new TrainerCommand(), "serve"));
        assertOneLine("k.pem");
        assertEquals(2, run(new TrainerCommand(), "serve", "-s", "gate.tolerance=2"));
        assertOneLine("gate.tolerance");
    }

    @Test
    void anUnreachableClusterExitsWithThree() throws Exception {
        assertEquals(3, run(new ModelsCommand(), "release", TestFaces.MODEL + ":1.0.0"));
        assertOneLine("cannot reach the schema registry at http://127.0.0.1:1");
        assertTrue(Files.exists(dir.resolve("keys/k.pub")), "the key pair was generated on first use");
        assertTrue(new ReleaseHistory(dir.resolve("models")).current(TestFaces.MODEL).isEmpty(), "nothing recorded");
    }

    @Test
    void listAndShowWorkOnTheRepositoryAlone() throws Exception {
        assertEquals(0, run(new ModelsCommand(), "list"));
        assertTrue(out.toString().contains("lenet7-ferplus         1.0.0     lenet7"), out.toString());
        assertTrue(out.toString().contains("1 bundle in"), out.toString());
        assertEquals(0, run(new ModelsCommand(), "show", TestFaces.MODEL + ":1.0.0", "--json"));
        assertTrue(out.toString().contains("\"weights_sha256\""), out.toString());
        assertEquals(0, run(new ModelsCommand(), "show", TestFaces.MODEL + ":1.0.0"));
        assertTrue(out.toString().contains("status: never released"), out.toString());
        CommandLine bare = CommandErrors.commandLine(new ModelsCommand()).setErr(new PrintWriter(err, true));
        assertEquals(2, bare.execute());
        assertTrue(err.toString().contains("Missing subcommand"), err.toString());
    }
}
