package io.fer.processor.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The processor's HTTP endpoint: {@code GET /metrics} (Prometheus text), {@code GET /health/live} and
 * {@code GET /health/ready} (200 when true, 503 when not, with a one-line reason).
 */
public final class HealthServer implements AutoCloseable {

    /** A probe's answer. */
    public record Status(boolean ok, String detail) {
    }

    private final HttpServer server;

    /**
     * Starts serving at once.
     *
     * @param host    address to bind
     * @param port    port, 0 for any free one
     * @param metrics the Prometheus scrape text
     * @param live    liveness
     * @param ready   readiness
     */
    public HealthServer(String host, int port, Supplier<String> metrics, Supplier<Status> live,
                        Supplier<Status> ready) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
        server.createContext("/health/live", ex -> probe(ex, live.get()));
        server.createContext("/health/ready", ex -> probe(ex, ready.get()));
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fer-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    private static void probe(HttpExchange ex, Status status) throws IOException {
        respond(ex, status.ok() ? 200 : 503, "text/plain; charset=utf-8", status.detail() + "\n");
    }

    private static void respond(HttpExchange ex, int code, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, "HEAD".equals(ex.getRequestMethod()) ? -1 : bytes.length);
            if (!"HEAD".equals(ex.getRequestMethod())) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
