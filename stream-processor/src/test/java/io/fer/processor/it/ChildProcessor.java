package io.fer.processor.it;

import io.fer.processor.ProcessCommand;
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
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code fer process} in a child JVM, so a test can kill it the hard way ({@code destroyForcibly()}, SIGKILL): no
 * shutdown hook, no final commit, in-memory batches gone.
 */
final class ChildProcessor implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ChildProcessor(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code fer process} with the configuration's settings written to a file in {@code dir}. */
    static ChildProcessor start(ProcessorConfig config, Path dir, String name) throws IOException {
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", ProcessCommand.class.getName(),
                "--config", file.toString()));
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ChildProcessor(pb.start(), port, log);
    }

    /** Waits for {@code /health/ready} to answer 200. */
    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
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

    /** SIGKILL: the JVM gets no chance to flush, commit or close anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Everything the child has logged so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** SIGTERM: a clean shutdown through the shutdown hook. */
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
