package io.fer.ops.registry;

import static io.fer.ops.registry.TestSchemas.record;
import static io.fer.ops.registry.TestSchemas.withField;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fer.ops.kafka.EmbeddedKafkaBroker;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.registry.CompatibilityCheck;
import io.fer.schemas.registry.CompatibilityLevel;
import io.fer.schemas.registry.RegisteredSchema;
import io.fer.schemas.registry.RegistryProtocol;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.registry.SchemaRegistryClientConfig;
import io.fer.schemas.registry.SchemaRegistryException;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry's REST API on a real broker, through our client and through raw HTTP: Confluent's shapes, status
 * codes and error bodies, ids, versions, compatibility levels and bad requests. Each test uses its own subjects.
 */
class SchemaRegistryServerTest {
    private static EmbeddedKafkaBroker broker;
    private static SchemaRegistryServer server;
    private static SchemaRegistryClient client;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafkaBroker.start();
        server = SchemaRegistryServer.start(broker.bootstrapServers(), 0);
        client = new SchemaRegistryClient(SchemaRegistryClientConfig.forUrl(server.url()));
    }

    @AfterAll
    static void stop() {
        server.close();
        broker.close();
    }

    @Test
    void bindsLoopbackOnAnEphemeralPort() {
        assertTrue(server.url().startsWith("http://127.0.0.1:"), server.url());
        assertNotEquals(0, server.port());
    }

    @Test
    void registeringTheSameSchemaAgainReturnsTheSameIdAndVersion() {
        Schema schema = record("Same");
        int id = client.register("same-value", schema);
        SchemaRegistryClient fresh = new SchemaRegistryClient(SchemaRegistryClientConfig.forUrl(server.url()));
        assertEquals(id, fresh.register("same-value", schema), "uncached re-registration");
        assertEquals(List.of(1), client.versions("same-value"));
    }

    @Test
    void theSameSchemaUnderTwoSubjectsGetsOneId() {
        Schema schema = record("Shared");
        int first = client.register("shared-a-value", schema);
        assertEquals(first, client.register("shared-b-value", schema));
        assertNotEquals(first, client.register("shared-b-value", record("Shared", "extra")));
        assertEquals(schema, client.schemaById(first));
    }

    @Test
    void versionsLatestLookupAndRawEndpointsHaveConfluentShapes() {
        Schema v1 = record("Shapes");
        Schema v2 = record("Shapes", "added");
        int id1 = client.register("shapes-value", v1);
        int id2 = client.register("shapes-value", v2);

        assertEquals(List.of(1, 2), client.versions("shapes-value"));
        assertEquals(new RegisteredSchema("shapes-value", 2, id2, "AVRO", v2.toString()),
                client.latestVersion("shapes-value"));
        assertEquals(id1, client.version("shapes-value", 1).id());
        assertEquals(1, client.lookup("shapes-value", v1).version());

        RegistryHttp.Reply latest = RegistryHttp.send(server.url(), "GET", "/subjects/shapes-value/versions/latest",
                null);
        assertEquals(200, latest.status());
        assertEquals(RegistryProtocol.CONTENT_TYPE, latest.contentType());
        assertFalse(latest.json().has("schemaType"), "AVRO is implied, as in Confluent's responses");
        assertEquals(v1, new Schema.Parser().parse(
                RegistryHttp.send(server.url(), "GET", "/subjects/shapes-value/versions/1/schema", null).body()));
        assertEquals(v2, new Schema.Parser().parse(
                RegistryHttp.send(server.url(), "GET", "/schemas/ids/" + id2 + "/schema", null).body()));
        assertEquals("[\"AVRO\"]", RegistryHttp.send(server.url(), "GET", "/schemas/types", null).body());
        assertTrue(client.subjects().containsAll(List.of("shapes-value")));
    }

    @Test
    void aBackwardCompatibleChangeIsAcceptedAndAnIncompatibleOneRefusedWith409() {
        Schema current = FaceFrame.getClassSchema();
        int v1 = client.register("evolve-value", current);
        Schema withOptional = withField(current, "exposure", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.DOUBLE)), org.apache.avro.JsonProperties.NULL_VALUE);
        int v2 = client.register("evolve-value", withOptional);
        assertNotEquals(v1, v2);

        Schema withRequired = withField(withOptional, "brightness", Schema.create(Schema.Type.DOUBLE), null);
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class,
                () -> client.register("evolve-value", withRequired));
        assertEquals(409, refused.httpStatus());
        assertEquals(RegistryProtocol.INCOMPATIBLE_SCHEMA, refused.errorCode());
        assertTrue(refused.getMessage().contains("incompatible with an earlier schema for subject \"evolve-value\""),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("READER_FIELD_MISSING_DEFAULT_VALUE"), refused.getMessage());
        assertTrue(refused.getMessage().contains("brightness"), refused.getMessage());
        assertEquals(List.of(1, 2), client.versions("evolve-value"), "the refused schema left no version");
    }

    @Test
    void theCompatibilityEndpointTestsWithoutRegistering() {
        client.register("compat-value", record("Compat"));
        Schema required = SchemaBuilder.record("Compat").namespace("test").fields().requiredString("id")
                .requiredInt("needed").endRecord();

        assertTrue(client.testCompatibility("compat-value", record("Compat", "optional")).compatible());
        CompatibilityCheck check = client.testCompatibility("compat-value", required);
        assertFalse(check.compatible());
        assertTrue(check.messages().get(0).contains("needed"), check.messages().toString());
        assertEquals(List.of(1), client.versions("compat-value"));

        RegistryHttp.Reply plain = RegistryHttp.send(server.url(), "POST",
                "/compatibility/subjects/compat-value/versions", RegistryHttp.schemaBody(required.toString()));
        assertEquals("{\"is_compatible\":false}", plain.body());
        assertEquals(RegistryProtocol.SUBJECT_NOT_FOUND, RegistryHttp.send(server.url(), "POST",
                "/compatibility/subjects/nobody/versions/latest", RegistryHttp.schemaBody("\"string\"")).errorCode());
        assertEquals(RegistryProtocol.VERSION_NOT_FOUND, RegistryHttp.send(server.url(), "POST",
                "/compatibility/subjects/compat-value/versions/7", RegistryHttp.schemaBody("\"string\"")).errorCode());
    }

    @Test
    void compatibilityLevelsAreReadAndSetLikeConfluent() {
        assertEquals(CompatibilityLevel.BACKWARD, client.globalCompatibility());
        assertEquals(Optional.empty(), client.subjectCompatibility("levels-value"));
        assertEquals("BACKWARD", RegistryHttp.send(server.url(), "GET", "/config/levels-value?defaultToGlobal=true",
                null).json().path("compatibilityLevel").asText());

        client.register("levels-value", record("Levels"));
        client.setSubjectCompatibility("levels-value", CompatibilityLevel.FORWARD);
        assertEquals(Optional.of(CompatibilityLevel.FORWARD), client.subjectCompatibility("levels-value"));
        Schema required = SchemaBuilder.record("Levels").namespace("test").fields().requiredString("id")
                .requiredInt("needed").endRecord();
        client.register("levels-value", required); // forward: the old schema ignores the new field

        client.setSubjectCompatibility("levels-value", CompatibilityLevel.NONE);
        client.register("levels-value", Schema.create(Schema.Type.STRING));
        assertEquals(List.of(1, 2, 3), client.versions("levels-value"));

        RegistryHttp.Reply echoed = RegistryHttp.send(server.url(), "PUT", "/config", "{\"compatibility\":\"full\"}");
        assertEquals("{\"compatibility\":\"FULL\"}", echoed.body());
        assertEquals(CompatibilityLevel.FULL, client.globalCompatibility());
        client.setGlobalCompatibility(CompatibilityLevel.BACKWARD);

        RegistryHttp.Reply invalid = RegistryHttp.send(server.url(), "PUT", "/config/levels-value",
                "{\"compatibility\":\"SIDEWAYS\"}");
        assertEquals(422, invalid.status());
        assertEquals(RegistryProtocol.INVALID_COMPATIBILITY_LEVEL, invalid.errorCode());
    }

    @Test
    void lookupsOfMissingThingsUseConfluentErrorCodes() {
        client.register("missing-value", record("Missing"));
        assertError(404, RegistryProtocol.SUBJECT_NOT_FOUND, "GET", "/subjects/nope/versions", null);
        assertError(404, RegistryProtocol.SUBJECT_NOT_FOUND, "GET", "/subjects/nope/versions/latest", null);
        assertError(404, RegistryProtocol.VERSION_NOT_FOUND, "GET", "/subjects/missing-value/versions/99", null);
        assertError(422, RegistryProtocol.INVALID_VERSION, "GET", "/subjects/missing-value/versions/abc", null);
        assertError(422, RegistryProtocol.INVALID_VERSION, "GET", "/subjects/missing-value/versions/0", null);
        assertError(404, RegistryProtocol.SCHEMA_NOT_FOUND, "GET", "/schemas/ids/99999", null);
        assertError(404, RegistryProtocol.SCHEMA_NOT_FOUND, "GET", "/schemas/ids/abc", null);
        assertError(404, RegistryProtocol.SCHEMA_NOT_FOUND, "POST", "/subjects/missing-value",
                RegistryHttp.schemaBody(record("Other").toString()));
        assertError(404, RegistryProtocol.SUBJECT_NOT_FOUND, "POST", "/subjects/nope",
                RegistryHttp.schemaBody("\"string\""));
        assertError(404, RegistryProtocol.SUBJECT_COMPATIBILITY_NOT_CONFIGURED, "GET", "/config/missing-value", null);
    }

    @Test
    void badRequestsGetA4xxWithAClearMessageNeverA500() {
        String subject = "/subjects/bad-value/versions";
        assertError(400, 400, "POST", subject, "{not json");
        assertError(400, 400, "POST", subject, null);
        assertError(422, RegistryProtocol.INVALID_SCHEMA, "POST", subject, "[1,2]");
        assertError(422, RegistryProtocol.INVALID_SCHEMA, "POST", subject, "{\"schemaa\":\"\\\"string\\\"\"}");
        RegistryHttp.Reply invalidAvro = assertError(422, RegistryProtocol.INVALID_SCHEMA, "POST", subject,
                RegistryHttp.schemaBody("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\","
                        + "\"type\":\"int\",\"default\":\"not an int\"}]}"));
        assertTrue(invalidAvro.message().contains("Invalid schema"), invalidAvro.message());
        assertError(422, RegistryProtocol.INVALID_SCHEMA, "POST", subject,
                RegistryHttp.schemaBody("{\"type\":\"recrod\"}"));
        assertError(422, RegistryProtocol.INVALID_SCHEMA, "POST", subject,
                "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        assertError(422, RegistryProtocol.INVALID_SCHEMA, "POST", subject, "{\"schema\":\"\\\"string\\\"\","
                + "\"references\":[{\"name\":\"x\",\"subject\":\"y\",\"version\":1}]}");
        assertError(413, 413, "POST", subject, RegistryHttp.schemaBody("x".repeat(RegistryHttpHandler.MAX_BODY_BYTES)));
        assertEquals(400, assertThrows(RegistryError.class,
                () -> RegistryHttpHandler.segments("/subjects/%zz/versions")).httpStatus());
        assertError(404, 404, "GET", "/nothing/here", null);
        assertError(405, 405, "DELETE", "/schemas/ids/1", null);
        assertError(422, RegistryProtocol.INVALID_COMPATIBILITY_LEVEL, "PUT", "/config", "{}");
        assertThrows(SchemaRegistryException.class, () -> client.versions("bad-value"), "nothing was registered");
    }

    @Test
    void deletingASubjectKeepsItsIdsReadable() {
        int id = client.register("deleted-value", record("Deleted"));
        assertEquals(List.of(1), client.deleteSubject("deleted-value"));
        assertFalse(client.subjects().contains("deleted-value"));
        assertEquals(record("Deleted"), new SchemaRegistryClient(SchemaRegistryClientConfig.forUrl(server.url()))
                .schemaById(id));
        assertEquals(id, client.register("deleted-value", record("Deleted")));
        assertEquals(List.of(2), client.versions("deleted-value"), "version numbers move on after a delete");
    }

    private static RegistryHttp.Reply assertError(int status, int errorCode, String method, String path,
                                                  String body) {
        RegistryHttp.Reply reply = RegistryHttp.send(server.url(), method, path, body);
        assertEquals(status, reply.status(), method + " " + path + " -> " + reply.body());
        assertEquals(errorCode, reply.errorCode(), reply.body());
        assertFalse(reply.message().isBlank(), reply.body());
        assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception:"), reply.body());
        return reply;
    }
}
