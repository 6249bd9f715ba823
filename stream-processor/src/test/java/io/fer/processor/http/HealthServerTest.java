package io.fer.processor.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthServerTest {

    @Test
    void probesAnswer200Or503AndMetricsServeTheScrape() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        try (HealthServer server = new HealthServer("127.0.0.1", 0, () -> "fer_processor_frames_in_total 3.0\n",
                () -> new HealthServer.Status(true, "streams RUNNING"),
                () -> new HealthServer.Status(ready.get(), ready.get() ? "ready" : "model not loaded"))) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> notReady = get(http, base + "/health/ready");
            assertEquals(503, notReady.statusCode());
            assertTrue(notReady.body().contains("model not loaded"));
            ready.set(true);
            assertEquals(200, get(http, base + "/health/ready").statusCode());
            assertEquals(200, get(http, base + "/health/live").statusCode());
            HttpResponse<String> metrics = get(http, base + "/metrics");
            assertEquals(200, metrics.statusCode());
            assertEquals("fer_processor_frames_in_total 3.0\n", metrics.body());
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
