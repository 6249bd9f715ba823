package io.fer.ops.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fer.schemas.registry.CompatibilityLevel;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Each level checks the directions and versions it promises, using Avro's schema resolution. */
class CompatibilityCheckerTest {
    private static final String V1 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"}]}";
    /** Adds an optional field: backward and forward compatible with V1. */
    private static final String V2_OPTIONAL = "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}]}";
    /** Adds a required field: V1 data cannot be read (not backward), V1 readers ignore it (forward). */
    private static final String V2_REQUIRED = "{\"type\":\"record\",\"name\":\"R\",\"fields\":["
            + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"int\"}]}";
    /** Drops the required field a: backward (a is ignored) but not forward (V1 readers need a). */
    private static final String WITHOUT_A = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[]}";

    private static List<RegistryState.Version> versions(String... schemas) {
        return java.util.stream.IntStream.range(0, schemas.length)
                .mapToObj(i -> new RegistryState.Version("s", i + 1, i + 1, schemas[i])).toList();
    }

    private static List<String> check(String candidate, CompatibilityLevel level, String... earlier) {
        return CompatibilityChecker.incompatibilities(new Schema.Parser().parse(candidate), versions(earlier), level);
    }

    @Test
    void backwardRefusesANewRequiredFieldAndAcceptsAnOptionalOne() {
        assertTrue(check(V2_OPTIONAL, CompatibilityLevel.BACKWARD, V1).isEmpty());
        List<String> problems = check(V2_REQUIRED, CompatibilityLevel.BACKWARD, V1);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("READER_FIELD_MISSING_DEFAULT_VALUE"), problems.get(0));
        assertTrue(problems.get(0).contains("version 1"), problems.get(0));
    }

    @Test
    void forwardIsTheOtherDirection() {
        assertTrue(check(V2_REQUIRED, CompatibilityLevel.FORWARD, V1).isEmpty());
        assertFalse(check(WITHOUT_A, CompatibilityLevel.FORWARD, V1).isEmpty());
        assertTrue(check(WITHOUT_A, CompatibilityLevel.BACKWARD, V1).isEmpty());
    }

    @Test
    void fullNeedsBothDirections() {
        assertTrue(check(V2_OPTIONAL, CompatibilityLevel.FULL, V1).isEmpty());
        assertFalse(check(V2_REQUIRED, CompatibilityLevel.FULL, V1).isEmpty());
        assertFalse(check(WITHOUT_A, CompatibilityLevel.FULL, V1).isEmpty());
    }

    @Test
    void transitiveLevelsCheckEveryVersionNotOnlyTheLatest() {
        assertFalse(check(V2_REQUIRED, CompatibilityLevel.BACKWARD_TRANSITIVE, V1, V2_REQUIRED).isEmpty(),
                "version 1 lacks c");
        assertTrue(check(V2_REQUIRED, CompatibilityLevel.BACKWARD, V1, V2_REQUIRED).isEmpty(),
                "only the latest version counts");
        assertFalse(check(WITHOUT_A, CompatibilityLevel.FORWARD_TRANSITIVE, V1, WITHOUT_A).isEmpty());
        assertFalse(check(V2_REQUIRED, CompatibilityLevel.FULL_TRANSITIVE, V1, V2_REQUIRED).isEmpty());
    }

    @Test
    void noneAcceptsAnything() {
        assertTrue(check("\"string\"", CompatibilityLevel.NONE, V1).isEmpty());
    }
}
