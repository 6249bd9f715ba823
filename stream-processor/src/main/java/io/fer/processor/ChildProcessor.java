package io.fer.processor;

import io.fer.processor.config.ProcessorConfig;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code fer process} in a child JVM with this JVM's class path, so a fault run or a test can kill it the hard way
 * ({@link #kill()}: SIGKILL, no shutdown hook, no last commit, in-memory batches gone) and start another.
 */
public final class ChildProcessor implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ChildProcessor(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a processor with the configuration's settings (written to {@code <dir>/<name>.properties}); its output
     * goes to {@code <dir>/<name>.log}.
     *
     * @param heap the child's maximum heap, e.g. {@code 2g}
     */
    public static ChildProcessor start(ProcessorConfig config, Path dir, String name, String heap) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Properties settings = config.with(ProcessorConfig.Key.HTTP_PORT, port).cluster().copy();
        Path file = dir.resolve(name + ".properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            settings.store(w, "child processor " + name);
        }
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ProcessCommand.class.getName(),
                "--config", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Spinning OpenMP threads starve everything else on a small shared machine (see BENCHMARKS.md).
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        return new ChildProcessor(pb.start(), port, log);
    }

    /** {@link #start(ProcessorConfig, Path, String, String)} with a 1 GiB heap. */
    public static ChildProcessor start(ProcessorConfig config, Path dir, String name) throws IOException {
        return start(config, dir, name, "1g");
    }

    /** Waits until {@code /health/ready} answers 200. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the child processor exited: " + tail());
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYetListening) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the child processor is not ready after " + timeout + ": " + tail());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Everything the child has logged so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** The last lines of the child's log. */
    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** SIGTERM (a clean shutdown through the shutdown hook), SIGKILL after a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
