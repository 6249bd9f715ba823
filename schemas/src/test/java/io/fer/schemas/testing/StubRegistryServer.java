package io.fer.schemas.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * A JDK HTTP server on 127.0.0.1 that replays scripted responses per "METHOD /path?query" and records every request.
 * Tests use it to replay the response shapes documented for Confluent Schema Registry, which does not run here.
 */
public final class StubRegistryServer implements AutoCloseable {

    /** A request as received. */
    public record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        /** First value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(List.of());
            return values.isEmpty() ? null : values.get(0);
        }
    }

    private record Response(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Response>> scripted = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private StubRegistryServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    /** A plain HTTP stub on an ephemeral port. */
    public static StubRegistryServer http() throws IOException {
        return new StubRegistryServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** An HTTPS stub that requires a client certificate trusted by the given context. */
    public static StubRegistryServer https(SSLContext context) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                var parameters = context.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        return new StubRegistryServer(server);
    }

    /** Base URL, e.g. http://127.0.0.1:1234. */
    public String url() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Answers requests to {@code methodAndPath} (e.g. "GET /schemas/ids/1") with these responses in turn; the last
     * one repeats.
     */
    public StubRegistryServer respond(String methodAndPath, int status, String body) {
        scripted.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(new Response(status, body));
        return this;
    }

    /** Requests received so far. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(new Request(exchange.getRequestMethod(), pathAndQuery, Map.copyOf(exchange.getRequestHeaders()),
                body));
        Deque<Response> responses = scripted.get(exchange.getRequestMethod() + " " + pathAndQuery);
        Response response;
        if (responses == null) {
            response = new Response(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
        } else {
            synchronized (responses) {
                response = responses.size() > 1 ? responses.poll() : responses.peek();
            }
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
