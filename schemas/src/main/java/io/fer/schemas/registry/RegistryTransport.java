package io.fer.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends JSON requests to the registry over java.net.http: content negotiation, basic auth, TLS, failover across
 * the configured URLs, bounded retries with exponential backoff on connection errors and 5xx (never on 4xx), and
 * mapping of error responses to {@link SchemaRegistryException}.
 */
final class RegistryTransport {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
    private static final int MAX_MESSAGE_CHARS = 2000;

    private final SchemaRegistryClientConfig config;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final String authorization;
    /** Index of the URL that answered last; failover moves on from it. */
    private final AtomicInteger currentUrl = new AtomicInteger();

    RegistryTransport(SchemaRegistryClientConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.sslContext() != null) {
            builder.sslContext(config.sslContext());
        }
        this.http = builder.build();
        this.authorization = config.userInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.userInfo().getBytes(StandardCharsets.UTF_8));
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * Sends a request and returns the parsed JSON body of a 2xx response.
     *
     * @param method HTTP method
     * @param path   path and query below the base URL, already percent-encoded, starting with '/'
     * @param body   JSON body, or null for none
     * @throws SchemaRegistryException            on an error response (4xx, or 5xx once retries are exhausted)
     * @throws SchemaRegistryUnreachableException when no URL answered within the retries
     */
    JsonNode send(String method, String path, JsonNode body) {
        String bodyText = body == null ? null : body.toString();
        int attempts = config.maxRetries() + 1;
        SchemaRegistryException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                sleepBeforeRetry(attempt, last);
            }
            int urlIndex = Math.floorMod(currentUrl.get() + attempt, config.urls().size());
            URI base = config.urls().get(urlIndex);
            HttpRequest request = request(method, base, path, bodyText);
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                last = new SchemaRegistryUnreachableException(
                        method + " " + describe(base, path) + " failed: " + e, e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(0, 0, "interrupted during " + method + " " + describe(base, path), e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                currentUrl.set(urlIndex);
                return parse(response.body(), method, base, path);
            }
            last = error(status, response.body(), method, base, path);
            if (status < 500) {
                throw last;
            }
        }
        if (last instanceof SchemaRegistryUnreachableException) {
            throw new SchemaRegistryUnreachableException("schema registry unreachable after " + attempts
                    + " attempt(s): " + last.getMessage(), last.getCause());
        }
        throw last;
    }

    private HttpRequest request(String method, URI base, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(describe(base, path)))
                .timeout(config.requestTimeout())
                .header("Accept", RegistryProtocol.ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", RegistryProtocol.CONTENT_TYPE);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder.build();
    }

    private void sleepBeforeRetry(int attempt, SchemaRegistryException last) {
        long waitMs = Math.min(config.retryMaxWait().toMillis(),
                config.retryWait().toMillis() << Math.min(attempt - 1, 30));
        LOG.warn("schema registry request failed ({}); retry {} of {} in {} ms",
                last.getMessage(), attempt, config.maxRetries(), waitMs);
        try {
            Thread.sleep(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(0, 0, "interrupted while waiting to retry", e);
        }
    }

    private JsonNode parse(String body, String method, URI base, String path) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new SchemaRegistryException(0, 0, method + " " + describe(base, path)
                    + " returned a body that is not JSON: " + abbreviate(body), e);
        }
    }

    /** Maps an error response; a body without Confluent's error fields (e.g. from a proxy) keeps the status. */
    private SchemaRegistryException error(int status, String body, String method, URI base, String path) {
        int errorCode = status;
        String message = abbreviate(body);
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                if (node.path("error_code").canConvertToInt()) {
                    errorCode = node.path("error_code").asInt();
                }
                if (node.hasNonNull("message")) {
                    message = abbreviate(node.path("message").asText());
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: keep the raw body as the message
        }
        return new SchemaRegistryException(status, errorCode, method + " " + describe(base, path) + " failed with HTTP "
                + status + ", error code " + errorCode + ": " + message, null);
    }

    /** The request URL without user info: the base URL (a registry may live below a path prefix) plus the path. */
    private static String describe(URI base, String path) {
        return SchemaRegistryClientConfig.withoutUserInfo(base) + path;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
