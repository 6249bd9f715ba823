package io.fer.trainer.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** The trainer service's HTTP endpoint: {@code POST /run} asks for a run, {@code GET /status} reports (JSON). */
final class ServiceEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fer-trainer-http");
        t.setDaemon(true);
        return t;
    });

    ServiceEndpoint(String host, int port, Runnable requestRun, Supplier<Object> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.createContext("/run", ex -> {
            if (!ex.getRequestMethod().equals("POST")) {
                respond(ex, 405, Map.of("error", "use POST /run"));
                return;
            }
            requestRun.run();
            respond(ex, 202, Map.of("requested", true));
        });
        server.createContext("/status", ex -> respond(ex, 200, status.get()));
        server.createContext("/", ex -> respond(ex, 404, Map.of("error", "POST /run or GET /status")));
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int code, Object body) throws IOException {
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
