package io.fer.model.nd4j;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code -onednn} native build, the default on this platform, computes the same forward pass as the plain
 * build: every probability of {@link ForwardOutputs} agrees within 1e-4 relative with a second JVM forced onto the
 * plain build (two native builds cannot share one JVM).
 */
class OneDnnBuildTest {

    @Test
    void theOneDnnBuildIsTheDefault() {
        new Nd4jEngine();
        assertTrue(NativeBuild.oneDnnLoaded(), "native build: " + buildInfo());
    }

    @Test
    void oneDnnForwardMatchesThePlainBuildElementByElement(@TempDir Path dir) throws Exception {
        List<float[][]> oneDnn = ForwardOutputs.compute();
        assumeTrue(NativeBuild.oneDnnLoaded(), "this JVM does not run the -onednn build");

        Path file = dir.resolve("plain.bin");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-D" + NativeBuild.PROPERTY + "=" + NativeBuild.PLAIN,
                "-Dfer.data.dir=" + System.getProperty("fer.data.dir", "../../shared/data/fer"),
                "-cp", System.getProperty("java.class.path"), ForwardOutputs.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the plain-build JVM did not finish");
        assertEquals(0, child.exitValue(), () -> "the plain-build JVM failed: " + log(dir.resolve("child.log")));
        ForwardOutputs.Written written = ForwardOutputs.read(file);
        assertFalse(written.oneDnn(), "the second JVM was meant to run the plain build");
        List<float[][]> plain = written.outputs();

        assertEquals(oneDnn.size(), plain.size());
        for (int k = 0; k < plain.size(); k++) {
            double worst = Probabilities.largestRelativeDifference(oneDnn.get(k), plain.get(k));
            assertTrue(worst <= 1e-4, "forward pass " + k + ": largest relative difference " + worst);
        }
    }

    private static String buildInfo() {
        return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
    }

    private static String log(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
