package io.fer.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.schemas.testing.StubRegistryServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract test of the client against the request and response shapes documented in Confluent's Schema Registry
 * API reference (no Confluent server runs here). The stub replays the documented bodies verbatim, including fields
 * our own registry does not emit ({@code references}, {@code metadata}, {@code ruleSet}, {@code normalize}, ...),
 * and the documented error bodies {@code {"error_code": ..., "message": ...}}.
 */
class ConfluentApiContractTest {
    private static final String STRING_SCHEMA = "{\"type\": \"string\"}";
    private static final String RECORD_SCHEMA = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"example\","
            + "\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StubRegistryServer registry;
    private SchemaRegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = StubRegistryServer.http();
        client = new SchemaRegistryClient(config(registry.url(), Map.of()));
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    static SchemaRegistryClientConfig config(String url, Map<String, Object> extra) {
        Map<String, Object> configs = new HashMap<>(extra);
        configs.put(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, url);
        configs.putIfAbsent(SchemaRegistryClientConfig.RETRIES_WAIT_MS, 10);
        configs.putIfAbsent(SchemaRegistryClientConfig.RETRIES_MAX_WAIT_MS, 40);
        return SchemaRegistryClientConfig.fromConfigs(configs);
    }

    @Test
    void registerPostsTheSchemaWithConfluentHeadersAndCachesTheId() throws Exception {
        registry.respond("POST /subjects/test/versions", 200, "{\"id\":1}");
        Schema schema = new Schema.Parser().parse(RECORD_SCHEMA);

        assertEquals(1, client.register("test", schema));
        assertEquals(1, client.register("test", schema));

        assertEquals(1, registry.requests().size(), "second registration must come from the cache");
        StubRegistryServer.Request request = registry.requests().get(0);
        assertEquals("application/vnd.schemaregistry.v1+json", request.header("Content-Type"));
        assertEquals(RegistryProtocol.ACCEPT, request.header("Accept"));
        assertEquals(schema, new Schema.Parser().parse(JSON.readTree(request.body()).path("schema").asText()));
    }

    @Test
    void registerToleratesTheFieldsNewerRegistriesAddToTheResponse() {
        registry.respond("POST /subjects/test/versions", 200,
                "{\"id\":7,\"version\":2,\"guid\":\"a2f1e3c4-0000-4000-8000-000000000000\",\"schemaType\":\"AVRO\","
                        + "\"schema\":" + JSON.valueToTree(RECORD_SCHEMA) + "}");
        assertEquals(7, client.register("test", new Schema.Parser().parse(RECORD_SCHEMA)));
    }

    @Test
    void schemaByIdReadsTheDocumentedShapeWithoutSchemaTypeAsAvroAndCaches() {
        registry.respond("GET /schemas/ids/1", 200, "{\"schema\": \"{\\\"type\\\": \\\"string\\\"}\"}");

        assertEquals(Schema.create(Schema.Type.STRING), client.schemaById(1));
        assertEquals(Schema.create(Schema.Type.STRING), client.schemaById(1));
        assertEquals(1, registry.requests().size());
    }

    @Test
    void schemaByIdToleratesReferencesMetadataAndRuleSet() {
        registry.respond("GET /schemas/ids/3", 200, "{\"schemaType\":\"AVRO\",\"schema\":"
                + JSON.valueToTree(RECORD_SCHEMA) + ",\"references\":[],\"metadata\":{\"properties\":{\"owner\":"
                + "\"fer\"}},\"ruleSet\":{\"domainRules\":[]},\"maxId\":9}");
        assertEquals("example.User", client.schemaById(3).getFullName());
    }

    @Test
    void schemaByIdRefusesANonAvroSchema() {
        registry.respond("GET /schemas/ids/5", 200,
                "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\"; message M {}\"}");
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schemaById(5));
        assertTrue(e.getMessage().contains("PROTOBUF"), e.getMessage());
    }

    @Test
    void unknownIdGivesTheDocumentedError40403() {
        registry.respond("GET /schemas/ids/99", 404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.schemaById(99));
        assertEquals(404, e.httpStatus());
        assertEquals(RegistryProtocol.SCHEMA_NOT_FOUND, e.errorCode());
        assertTrue(e.getMessage().contains("Schema 99 not found"), e.getMessage());
        assertEquals(1, registry.requests().size(), "4xx must not be retried");
    }

    @Test
    void versionsLatestAndGivenVersionReadTheDocumentedShapes() {
        String encodedSubject = "my%20topic%2Fx-value";
        registry.respond("GET /subjects/" + encodedSubject + "/versions", 200, "[1, 2, 3, 4]")
                .respond("GET /subjects/" + encodedSubject + "/versions/latest", 200,
                        "{\"subject\":\"my topic/x-value\",\"id\":4,\"version\":4,\"schema\":"
                                + JSON.valueToTree(RECORD_SCHEMA) + ",\"references\":[],\"deleted\":false}")
                .respond("GET /subjects/" + encodedSubject + "/versions/2", 200,
                        "{\"subject\":\"my topic/x-value\",\"version\":2,\"id\":1,\"schemaType\":\"AVRO\","
                                + "\"schema\":\"{\\\"type\\\": \\\"string\\\"}\"}");

        assertEquals(List.of(1, 2, 3, 4), client.versions("my topic/x-value"));
        RegisteredSchema latest = client.latestVersion("my topic/x-value");
        assertEquals(new RegisteredSchema("my topic/x-value", 4, 4, "AVRO", RECORD_SCHEMA), latest);
        assertEquals("example.User", latest.avroSchema().getFullName());
        RegisteredSchema second = client.version("my topic/x-value", 2);
        assertEquals(2, second.version());
        assertEquals(1, second.id());
        assertEquals(STRING_SCHEMA, second.schema());
    }

    @Test
    void lookupReadsTheDocumentedShapeAndTheNotFoundCodes() {
        registry.respond("POST /subjects/test", 200,
                "{\"subject\":\"test\",\"id\":1,\"version\":3,\"schema\":" + JSON.valueToTree(RECORD_SCHEMA) + "}")
                .respond("POST /subjects/other", 404, "{\"error_code\":40401,\"message\":\"Subject 'other' not found.\"}");
        Schema schema = new Schema.Parser().parse(RECORD_SCHEMA);

        RegisteredSchema found = client.lookup("test", schema);
        assertEquals(1, found.id());
        assertEquals(3, found.version());
        assertEquals(1, client.idOf("test", schema), "the looked-up id is cached");
        assertEquals(1, registry.requests().size());

        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.lookup("other", schema));
        assertEquals(RegistryProtocol.SUBJECT_NOT_FOUND, e.errorCode());
    }

    @Test
    void subjectsAndDeleteReadTheDocumentedArrays() {
        registry.respond("GET /subjects", 200, "[\"subject1\", \"subject2\"]")
                .respond("DELETE /subjects/subject1", 200, "[1, 2, 3, 4, 5]");
        assertEquals(List.of("subject1", "subject2"), client.subjects());
        assertEquals(List.of(1, 2, 3, 4, 5), client.deleteSubject("subject1"));
    }

    @Test
    void compatibilityTestReadsBothOutcomesAndVerboseMessages() {
        registry.respond("POST /compatibility/subjects/test/versions/latest?verbose=true", 200,
                        "{\"is_compatible\": true}")
                .respond("POST /compatibility/subjects/test/versions/1?verbose=true", 200,
                        "{\"is_compatible\":false,\"messages\":[\"{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE',"
                                + " description:'The field 'age' at path '/fields/1' in the new schema has no default"
                                + " value and is missing in the old schema'}\"]}");
        Schema schema = new Schema.Parser().parse(RECORD_SCHEMA);

        assertTrue(client.testCompatibility("test", schema).compatible());
        CompatibilityCheck incompatible = client.testCompatibility("test", "1", schema);
        assertFalse(incompatible.compatible());
        assertEquals(1, incompatible.messages().size());
        assertTrue(incompatible.messages().get(0).contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    }

    @Test
    void configEndpointsReadAndWriteTheDocumentedShapes() throws Exception {
        registry.respond("GET /config", 200, "{\"compatibilityLevel\":\"FULL\",\"normalize\":false,"
                        + "\"compatibilityGroup\":\"application.version\"}")
                .respond("PUT /config", 200, "{\"compatibility\":\"NONE\"}")
                .respond("GET /config/test", 200, "{\"compatibilityLevel\":\"FORWARD_TRANSITIVE\"}")
                .respond("PUT /config/test", 200, "{\"compatibility\":\"FULL\"}")
                .respond("GET /config/fresh", 404, "{\"error_code\":40408,\"message\":\"Subject 'fresh' does not"
                        + " have subject-level compatibility configured\"}")
                .respond("PUT /config/bad", 422, "{\"error_code\":42203,\"message\":\"Invalid compatibility level. "
                        + "Valid values are none, backward, forward, full, backward_transitive, forward_transitive, "
                        + "and full_transitive\"}");

        assertEquals(CompatibilityLevel.FULL, client.globalCompatibility());
        client.setGlobalCompatibility(CompatibilityLevel.NONE);
        assertEquals(Optional.of(CompatibilityLevel.FORWARD_TRANSITIVE), client.subjectCompatibility("test"));
        client.setSubjectCompatibility("test", CompatibilityLevel.FULL);
        assertEquals(Optional.empty(), client.subjectCompatibility("fresh"));
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.setSubjectCompatibility("bad", CompatibilityLevel.FULL));
        assertEquals(RegistryProtocol.INVALID_COMPATIBILITY_LEVEL, e.errorCode());

        StubRegistryServer.Request put = registry.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.pathAndQuery().equals("/config")).findFirst().orElseThrow();
        assertEquals("NONE", JSON.readTree(put.body()).path("compatibility").asText());
    }

    @Test
    void incompatibleAndInvalidSchemasGiveTheDocumentedErrors() {
        registry.respond("POST /subjects/test/versions", 409, "{\"error_code\":409,\"message\":\"Schema being "
                        + "registered is incompatible with an earlier schema for subject \\\"test\\\"\"}")
                .respond("POST /subjects/invalid/versions", 422,
                        "{\"error_code\":42201,\"message\":\"Invalid schema\"}");
        Schema schema = new Schema.Parser().parse(RECORD_SCHEMA);

        SchemaRegistryException conflict = assertThrows(SchemaRegistryException.class,
                () -> client.register("test", schema));
        assertEquals(409, conflict.httpStatus());
        assertEquals(RegistryProtocol.INCOMPATIBLE_SCHEMA, conflict.errorCode());
        assertTrue(conflict.getMessage().contains("incompatible with an earlier schema"));

        SchemaRegistryException invalid = assertThrows(SchemaRegistryException.class,
                () -> client.register("invalid", schema));
        assertEquals(422, invalid.httpStatus());
        assertEquals(RegistryProtocol.INVALID_SCHEMA, invalid.errorCode());
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenSucceed() {
        registry.respond("GET /schemas/ids/1", 500, "{\"error_code\":50001,\"message\":\"Error in the backend data"
                        + " store\"}")
                .respond("GET /schemas/ids/1", 503, "<html>Service Unavailable</html>")
                .respond("GET /schemas/ids/1", 200, "{\"schema\":\"\\\"string\\\"\"}");
        assertEquals(Schema.create(Schema.Type.STRING), client.schemaById(1));
        assertEquals(3, registry.requests().size());
    }

    @Test
    void persistentServerErrorsFailAfterTheConfiguredRetries() {
        registry.respond("GET /schemas/ids/1", 500, "{\"error_code\":50001,\"message\":\"Error in the backend data"
                + " store\"}");
        SchemaRegistryClient twoRetries = new SchemaRegistryClient(
                config(registry.url(), Map.of(SchemaRegistryClientConfig.MAX_RETRIES, 2)));
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> twoRetries.schemaById(1));
        assertEquals(500, e.httpStatus());
        assertEquals(RegistryProtocol.STORE_ERROR, e.errorCode());
        assertEquals(3, registry.requests().size());
    }

    @Test
    void anErrorBodyThatIsNotJsonKeepsTheHttpStatus() {
        registry.respond("GET /subjects", 401, "<html><body>401 Authorization Required</body></html>");
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class, () -> client.subjects());
        assertEquals(401, e.httpStatus());
        assertEquals(401, e.errorCode());
        assertTrue(e.getMessage().contains("Authorization Required"));
    }

    @Test
    void aSuccessBodyOfTheWrongShapeIsReportedNotMisread() {
        registry.respond("POST /subjects/test/versions", 200, "{\"identifier\":\"1\"}");
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> client.register("test", Schema.create(Schema.Type.STRING)));
        assertTrue(e.getMessage().contains("no integer 'id'"), e.getMessage());
    }
}
