package io.fer.ops.registry;

import io.fer.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** Checks a new schema against earlier versions under a compatibility level, with Avro's own schema resolution. */
final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * The reasons the new schema breaks the level against the given versions (only the latest one unless the level
     * is transitive); empty when compatible.
     *
     * @param candidate the new schema
     * @param earlier   the subject's live versions, oldest first
     */
    static List<String> incompatibilities(Schema candidate, List<RegistryState.Version> earlier,
                                          CompatibilityLevel level) {
        List<String> problems = new ArrayList<>();
        if (level == CompatibilityLevel.NONE || earlier.isEmpty()) {
            return problems;
        }
        List<RegistryState.Version> against = level.transitive() ? earlier : List.of(earlier.get(earlier.size() - 1));
        for (RegistryState.Version version : against) {
            Schema old = new Schema.Parser().parse(version.schema());
            if (level.backward()) {
                describe(candidate, old, "new schema cannot read data written with version " + version.version(),
                        problems);
            }
            if (level.forward()) {
                describe(old, candidate, "version " + version.version() + " cannot read data written with the new"
                        + " schema", problems);
            }
        }
        return problems;
    }

    private static void describe(Schema reader, Schema writer, String direction, List<String> problems) {
        for (Incompatibility incompatibility : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            problems.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                    + incompatibility.getMessage());
        }
    }
}
