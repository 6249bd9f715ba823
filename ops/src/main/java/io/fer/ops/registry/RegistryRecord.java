package io.fer.ops.registry;

import io.fer.schemas.registry.CompatibilityLevel;
import java.util.List;

/**
 * An entry of the registry's Kafka log. Every entry carries the id of the proposal that wrote it, so the writer can
 * learn whether the log accepted it. Entries are applied in log order by {@link RegistryState}.
 */
sealed interface RegistryRecord {

    /** Unique id of the write, chosen by the writing instance. */
    String proposal();

    /**
     * A proposal to register a schema as a given version of a subject with a given id. Accepted only if it is still
     * consistent with the log before it (see {@link RegistryState#apply}).
     */
    record SchemaRegistered(String proposal, String subject, int version, int id, String schema)
            implements RegistryRecord {
    }

    /** Sets the compatibility level of a subject, or the global one when the subject is null. Always accepted. */
    record CompatibilitySet(String proposal, String subject, CompatibilityLevel level) implements RegistryRecord {
    }

    /** Soft-deletes versions of a subject; their ids stay readable. Always accepted. */
    record SubjectDeleted(String proposal, String subject, List<Integer> versions) implements RegistryRecord {
        public SubjectDeleted {
            versions = List.copyOf(versions);
        }
    }
}
