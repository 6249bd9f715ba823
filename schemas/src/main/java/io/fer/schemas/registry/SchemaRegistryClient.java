package io.fer.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Client of the Confluent Schema Registry REST API (also served by Apicurio's, Karapace's and Redpanda's
 * Confluent-compatible endpoints and by this project's own registry). Only Avro schemas are handled.
 *
 * <p>Ids are cached: schema to id per subject (filled by {@link #register} and {@link #lookup}) and id to schema
 * (filled by {@link #schemaById} and {@link #register}); ids never change once assigned, so the caches never expire.
 * Thread-safe.
 */
public final class SchemaRegistryClient {
    private final RegistryTransport transport;
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** A client with the given settings. */
    public SchemaRegistryClient(SchemaRegistryClientConfig config) {
        this.transport = new RegistryTransport(config);
    }

    /** A client configured from a Kafka-style map, see {@link SchemaRegistryClientConfig#fromConfigs}. */
    public static SchemaRegistryClient fromConfigs(Map<String, ?> configs) {
        return new SchemaRegistryClient(SchemaRegistryClientConfig.fromConfigs(configs));
    }

    /**
     * Registers a schema under a subject ({@code POST /subjects/{subject}/versions}) and returns its id; registering
     * a schema the subject already has returns the existing id. Cached.
     *
     * @throws SchemaRegistryException e.g. HTTP 409 when the schema is incompatible, 42201 when it is invalid
     */
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode response = transport.send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = requireInt(response, "id", "register response");
        remember(subject, schema, id);
        return id;
    }

    /**
     * Finds a schema already registered under a subject ({@code POST /subjects/{subject}}). The id is cached.
     *
     * @throws SchemaRegistryException 40401 when the subject is unknown, 40403 when the schema is not registered
     */
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode response = transport.send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        RegisteredSchema registered = registeredSchema(response, subject);
        remember(subject, schema, registered.id());
        return registered;
    }

    /** The id of a schema under a subject: from the cache, else looked up (never registered). */
    public int idOf(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        return cached != null ? cached : lookup(subject, schema).id();
    }

    /**
     * The Avro schema with a global id ({@code GET /schemas/ids/{id}}). Cached.
     *
     * @throws SchemaRegistryException 40403 when no schema has that id, or when it is not an Avro schema
     */
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode response = transport.send("GET", "/schemas/ids/" + id, null);
        String type = schemaType(response);
        if (!RegistryProtocol.AVRO.equals(type)) {
            throw new SchemaRegistryException(0, 0, "schema id " + id + " is a " + type + " schema, not AVRO", null);
        }
        Schema schema = parse(requireText(response, "schema", "schema id " + id), "schema id " + id);
        Schema previous = schemasById.putIfAbsent(id, schema);
        return previous != null ? previous : schema;
    }

    /** The latest version of a subject ({@code GET /subjects/{subject}/versions/latest}). Not cached. */
    public RegisteredSchema latestVersion(String subject) {
        return version(subject, "latest");
    }

    /** A given version of a subject ({@code GET /subjects/{subject}/versions/{version}}). */
    public RegisteredSchema version(String subject, int version) {
        return version(subject, Integer.toString(version));
    }

    private RegisteredSchema version(String subject, String version) {
        return registeredSchema(transport.send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null),
                subject);
    }

    /** The versions registered under a subject ({@code GET /subjects/{subject}/versions}). */
    public List<Integer> versions(String subject) {
        JsonNode response = transport.send("GET", "/subjects/" + encode(subject) + "/versions", null);
        List<Integer> versions = new ArrayList<>();
        for (JsonNode version : requireArray(response, "versions of " + subject)) {
            versions.add(version.asInt());
        }
        return versions;
    }

    /** All subjects ({@code GET /subjects}). */
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        for (JsonNode subject : requireArray(transport.send("GET", "/subjects", null), "subjects")) {
            subjects.add(subject.asText());
        }
        return subjects;
    }

    /**
     * Tests a schema against the latest version of a subject under the subject's compatibility level
     * ({@code POST /compatibility/subjects/{subject}/versions/latest?verbose=true}).
     */
    public CompatibilityCheck testCompatibility(String subject, Schema schema) {
        return testCompatibility(subject, "latest", schema);
    }

    /** Tests a schema against a given version ("latest" or a number) of a subject. */
    public CompatibilityCheck testCompatibility(String subject, String version, Schema schema) {
        JsonNode response = transport.send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/"
                + encode(version) + "?verbose=true", schemaBody(schema));
        if (!response.path("is_compatible").isBoolean()) {
            throw malformed("compatibility response has no boolean is_compatible", response);
        }
        List<String> messages = new ArrayList<>();
        response.path("messages").forEach(message -> messages.add(message.asText()));
        return new CompatibilityCheck(response.path("is_compatible").asBoolean(), messages);
    }

    /** The global compatibility level ({@code GET /config}). */
    public CompatibilityLevel globalCompatibility() {
        return compatibilityLevel(transport.send("GET", "/config", null));
    }

    /** Sets the global compatibility level ({@code PUT /config}). */
    public void setGlobalCompatibility(CompatibilityLevel level) {
        transport.send("PUT", "/config", compatibilityBody(level));
    }

    /**
     * The subject-level compatibility level ({@code GET /config/{subject}}); empty when the subject has none
     * (error 40408), in which case the global level applies.
     */
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        try {
            return Optional.of(compatibilityLevel(transport.send("GET", "/config/" + encode(subject), null)));
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == RegistryProtocol.SUBJECT_COMPATIBILITY_NOT_CONFIGURED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Sets a subject's compatibility level ({@code PUT /config/{subject}}). */
    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        transport.send("PUT", "/config/" + encode(subject), compatibilityBody(level));
    }

    /** Deletes a subject ({@code DELETE /subjects/{subject}}); returns the deleted versions. Ids stay readable. */
    public List<Integer> deleteSubject(String subject) {
        JsonNode response = transport.send("DELETE", "/subjects/" + encode(subject), null);
        idsBySubject.remove(subject);
        List<Integer> versions = new ArrayList<>();
        requireArray(response, "deleted versions of " + subject).forEach(version -> versions.add(version.asInt()));
        return versions;
    }

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private ObjectNode schemaBody(Schema schema) {
        ObjectNode body = transport.json().createObjectNode();
        body.put("schema", schema.toString());
        return body;
    }

    private ObjectNode compatibilityBody(CompatibilityLevel level) {
        return transport.json().createObjectNode().put("compatibility", level.name());
    }

    private RegisteredSchema registeredSchema(JsonNode node, String subject) {
        String context = "schema of subject " + subject;
        String returnedSubject = node.hasNonNull("subject") ? node.path("subject").asText() : subject;
        return new RegisteredSchema(returnedSubject, requireInt(node, "version", context),
                requireInt(node, "id", context), schemaType(node), requireText(node, "schema", context));
    }

    /** Registries omit {@code schemaType} for Avro. */
    private static String schemaType(JsonNode node) {
        return node.hasNonNull("schemaType") ? node.path("schemaType").asText() : RegistryProtocol.AVRO;
    }

    /** Reads {@code compatibilityLevel} (GET responses) or {@code compatibility} (PUT echoes, some registries). */
    private static CompatibilityLevel compatibilityLevel(JsonNode node) {
        String name = node.hasNonNull("compatibilityLevel") ? node.path("compatibilityLevel").asText()
                : node.path("compatibility").asText(null);
        return CompatibilityLevel.parse(name)
                .orElseThrow(() -> malformed("no known compatibility level in the config response", node));
    }

    private static Schema parse(String text, String context) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryException(0, 0, "the registry returned an invalid Avro schema for " + context
                    + ": " + e.getMessage(), e);
        }
    }

    private static int requireInt(JsonNode node, String field, String context) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw malformed(context + " has no integer '" + field + "'", node);
        }
        return value.asInt();
    }

    private static String requireText(JsonNode node, String field, String context) {
        if (!node.path(field).isTextual()) {
            throw malformed(context + " has no string '" + field + "'", node);
        }
        return node.path(field).asText();
    }

    private static JsonNode requireArray(JsonNode node, String context) {
        if (!node.isArray()) {
            throw malformed(context + " is not a JSON array", node);
        }
        return node;
    }

    private static SchemaRegistryException malformed(String problem, JsonNode node) {
        String text = String.valueOf(node);
        return new SchemaRegistryException(0, 0, "unexpected registry response: " + problem + ": "
                + (text.length() > 500 ? text.substring(0, 500) + "..." : text), null);
    }

    /** Percent-encodes one path segment (subject names may contain any character). */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
