package io.fer.ops.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fer.schemas.registry.RegistryProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Confluent's REST paths to {@link RegistryService} calls and their results or {@link RegistryError}s to
 * Confluent's response bodies. Any other failure is answered with a 500 and a short message, never a stack trace.
 */
final class RegistryHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
    /** Schemas are small; a larger body is refused before it is read into memory. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private record Response(int status, String body) {
    }

    private final RegistryService service;
    private final ObjectMapper json = new ObjectMapper();

    RegistryHttpHandler(RegistryService service) {
        this.service = service;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            response = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()),
                    query(exchange.getRequestURI().getRawQuery()), exchange);
        } catch (RegistryError e) {
            response = error(e.httpStatus(), e.errorCode(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("schema registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = error(500, 500, "Internal server error: " + e.getClass().getSimpleName());
        }
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", RegistryProtocol.CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private Response route(String method, List<String> path, Map<String, String> query, HttpExchange exchange)
            throws IOException {
        String resource = path.isEmpty() ? "" : path.get(0);
        int size = path.size();
        switch (resource) {
            case "subjects" -> {
                if (size == 1 && method.equals("GET")) {
                    return ok(service.subjects());
                }
                if (size == 2 && method.equals("POST")) {
                    RegistryState.Version found = service.lookup(path.get(1), schemaRequest(exchange));
                    return ok(versionBody(found));
                }
                if (size == 2 && method.equals("DELETE")) {
                    return ok(service.deleteSubject(path.get(1)));
                }
                if (size == 3 && path.get(2).equals("versions") && method.equals("GET")) {
                    return ok(service.versions(path.get(1)));
                }
                if (size == 3 && path.get(2).equals("versions") && method.equals("POST")) {
                    int id = service.register(path.get(1), schemaRequest(exchange));
                    return ok(json.createObjectNode().put("id", id));
                }
                if (size == 4 && path.get(2).equals("versions") && method.equals("GET")) {
                    return ok(versionBody(service.version(path.get(1), path.get(3))));
                }
                if (size == 5 && path.get(2).equals("versions") && path.get(4).equals("schema")
                        && method.equals("GET")) {
                    return new Response(200, service.version(path.get(1), path.get(3)).schema());
                }
            }
            case "schemas" -> {
                if (size == 2 && path.get(1).equals("types") && method.equals("GET")) {
                    return ok(List.of(RegistryProtocol.AVRO));
                }
                if (size == 3 && path.get(1).equals("ids") && method.equals("GET")) {
                    return ok(json.createObjectNode().put("schema", service.schemaById(path.get(2))));
                }
                if (size == 4 && path.get(1).equals("ids") && path.get(3).equals("schema") && method.equals("GET")) {
                    return new Response(200, service.schemaById(path.get(2)));
                }
            }
            case "compatibility" -> {
                if ((size == 4 || size == 5) && path.get(1).equals("subjects") && path.get(3).equals("versions")
                        && method.equals("POST")) {
                    List<String> problems = service.testCompatibility(path.get(2), size == 5 ? path.get(4) : null,
                            schemaRequest(exchange));
                    ObjectNode body = json.createObjectNode().put("is_compatible", problems.isEmpty());
                    if ("true".equals(query.get("verbose"))) {
                        problems.forEach(body.putArray("messages")::add);
                    }
                    return ok(body);
                }
            }
            case "config" -> {
                String subject = size == 2 ? path.get(1) : null;
                if (size <= 2 && method.equals("GET")) {
                    return ok(json.createObjectNode().put("compatibilityLevel", (subject == null
                            ? service.globalLevel()
                            : service.subjectLevel(subject, "true".equals(query.get("defaultToGlobal")))).name()));
                }
                if (size <= 2 && method.equals("PUT")) {
                    JsonNode body = body(exchange);
                    String level = body.path("compatibility").isTextual() ? body.path("compatibility").asText()
                            : body.path("compatibilityLevel").asText(null);
                    return ok(json.createObjectNode().put("compatibility", service.setLevel(subject, level).name()));
                }
            }
            default -> {
                return error(404, 404, "HTTP 404 Not Found");
            }
        }
        return knownResource(path) ? error(405, 405, "HTTP 405 Method Not Allowed") : error(404, 404,
                "HTTP 404 Not Found");
    }

    /** Whether the path names a resource this registry has, so that a wrong method gets 405 rather than 404. */
    private static boolean knownResource(List<String> path) {
        return switch (path.get(0)) {
            case "subjects" -> path.size() <= 3 || path.size() <= 5 && path.get(2).equals("versions");
            case "config" -> path.size() <= 2;
            case "compatibility" -> path.size() >= 4 && path.size() <= 5;
            case "schemas" -> path.size() <= 4;
            default -> false;
        };
    }

    private ObjectNode versionBody(RegistryState.Version version) {
        return json.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schema", version.schema());
    }

    private RegistryService.SchemaRequest schemaRequest(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        if (!body.isObject()) {
            throw RegistryError.invalidSchema("the request body must be a JSON object with a 'schema' string");
        }
        JsonNode schema = body.path("schema");
        JsonNode references = body.path("references");
        return new RegistryService.SchemaRequest(schema.isTextual() ? schema.asText() : null,
                body.path("schemaType").isTextual() ? body.path("schemaType").asText() : null,
                references.isArray() && !references.isEmpty());
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new RegistryError(413, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw RegistryError.badRequest("The request has no body; a JSON object is expected");
        }
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw RegistryError.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private Response ok(Object body) {
        try {
            return new Response(200, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response body", e);
        }
    }

    private Response error(int status, int errorCode, String message) {
        return new Response(status, json.createObjectNode().put("error_code", errorCode).put("message", message)
                .toString());
    }

    /** Path segments, each percent-decoded on its own so that an encoded '/' stays inside a subject name. */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(decode(segment.replace("+", "%2B")));
            }
        }
        return segments;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null) {
            Arrays.stream(rawQuery.split("&")).map(pair -> pair.split("=", 2)).forEach(pair -> query.put(
                    decode(pair[0]), pair.length > 1 ? decode(pair[1]) : ""));
        }
        return query;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryError.badRequest("Malformed percent-encoding in the URL: " + encoded);
        }
    }
}
