package io.fer.model.pytorch;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without the native jar on the class path, loading fails at once with an error naming the jar. */
class PyTorchRuntimeTest {

    /** Child-process entry: tries to load libtorch and exits 3 with the error message on stderr. */
    public static void main(String[] args) {
        try {
            PyTorchRuntime.engine();
            System.exit(0);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(3);
        }
    }

    @Test
    void missingNativeJarIsAClearErrorNotADownload() throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutNative = Arrays.stream(cp.split(File.pathSeparator))
                .filter(p -> !p.contains("pytorch-native-cpu")).collect(Collectors.joining(File.pathSeparator));
        Process p = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp", withoutNative,
                PyTorchRuntimeTest.class.getName()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM hung");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, p.exitValue(), out);
        assertTrue(out.contains(PyTorchRuntime.NATIVE_ARTIFACT), out);
    }
}
