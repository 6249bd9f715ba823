package io.fer.ops.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fer.schemas.registry.CompatibilityLevel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The log's apply rule: conflicting proposals are ignored the same way by every replay; the codec round-trips. */
class RegistryStateTest {
    private static final String A = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[]}";
    private static final String B = "{\"type\":\"record\",\"name\":\"B\",\"fields\":[]}";
    private static final String C = "{\"type\":\"record\",\"name\":\"C\",\"fields\":[]}";

    private static RegistryRecord.SchemaRegistered schema(String proposal, String subject, int version, int id,
                                                          String text) {
        return new RegistryRecord.SchemaRegistered(proposal, subject, version, id, text);
    }

    @Test
    void aSecondProposalForTheSameVersionIsIgnored() {
        RegistryState state = new RegistryState();
        assertTrue(state.apply(schema("p1", "s", 1, 1, A)));
        assertFalse(state.apply(schema("p2", "s", 1, 2, B)), "version 1 is taken");
        assertTrue(state.apply(schema("p3", "s", 2, 2, B)));
        assertEquals(List.of(1, 2), state.liveVersions("s").stream().map(RegistryState.Version::version).toList());
    }

    @Test
    void anIdBelongsToOneSchemaAndASchemaToOneId() {
        RegistryState state = new RegistryState();
        assertTrue(state.apply(schema("p1", "s", 1, 1, A)));
        assertFalse(state.apply(schema("p2", "t", 1, 1, B)), "id 1 is A's");
        assertFalse(state.apply(schema("p3", "t", 1, 2, A)), "A already has id 1");
        assertTrue(state.apply(schema("p4", "t", 1, 1, A)), "A under another subject keeps id 1");
        assertEquals(Optional.of(A), state.schemaById(1));
        assertEquals(List.of("s", "t"), state.subjects());
    }

    @Test
    void aSchemaAlreadyLiveUnderTheSubjectIsNotRegisteredTwice() {
        RegistryState state = new RegistryState();
        assertTrue(state.apply(schema("p1", "s", 1, 1, A)));
        assertFalse(state.apply(schema("p2", "s", 2, 1, A)));
    }

    @Test
    void deletionKeepsIdsAndVersionNumbersMoveOn() {
        RegistryState state = new RegistryState();
        state.apply(schema("p1", "s", 1, 1, A));
        state.apply(new RegistryRecord.SubjectDeleted("p2", "s", List.of(1)));
        assertEquals(List.of(), state.subjects());
        assertEquals(Optional.of(A), state.schemaById(1));
        assertFalse(state.apply(schema("p3", "s", 1, 1, A)), "version 1 was used");
        assertTrue(state.apply(schema("p4", "s", 2, 1, A)));
    }

    @Test
    void replayingTheSameInterleavedLogGivesTheSameState() {
        List<RegistryRecord> log = List.of(
                schema("a1", "s", 1, 1, A), schema("b1", "s", 1, 1, B), schema("b2", "s", 2, 2, B),
                new RegistryRecord.CompatibilitySet("c1", "s", CompatibilityLevel.NONE),
                schema("a2", "t", 1, 2, C), schema("a3", "t", 1, 3, C));
        RegistryState first = new RegistryState();
        RegistryState second = new RegistryState();
        List<Boolean> firstOutcomes = log.stream().map(first::apply).toList();
        List<Boolean> secondOutcomes = log.stream().map(second::apply).toList();

        assertEquals(List.of(true, false, true, true, false, true), firstOutcomes);
        assertEquals(firstOutcomes, secondOutcomes);
        assertEquals(first.liveVersions("t"), second.liveVersions("t"));
        assertEquals(Optional.of(C), second.schemaById(3));
        assertEquals(CompatibilityLevel.NONE, second.level("s"));
        assertEquals(CompatibilityLevel.BACKWARD, second.level("t"));
    }

    @Test
    void theCodecRoundTripsEveryRecordAndSkipsForeignValues() {
        RegistryRecordCodec codec = new RegistryRecordCodec();
        for (RegistryRecord record : List.<RegistryRecord>of(schema("p", "s", 3, 7, A),
                new RegistryRecord.CompatibilitySet("q", null, CompatibilityLevel.FULL_TRANSITIVE),
                new RegistryRecord.SubjectDeleted("r", "s", List.of(1, 2)))) {
            assertEquals(Optional.of(record), codec.decode(codec.value(record)));
        }
        assertEquals(Optional.empty(), codec.decode(null));
        assertEquals(Optional.empty(), codec.decode("{\"keytype\":\"SCHEMA\",\"subject\":\"x\",\"magic\":1}"));
        assertEquals("{\"keytype\":\"CONFIG\",\"subject\":\"s\"}",
                codec.key(new RegistryRecord.CompatibilitySet("q", "s", CompatibilityLevel.FULL)));
    }
}
