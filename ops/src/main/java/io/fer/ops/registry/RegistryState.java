package io.fer.ops.registry;

import io.fer.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's contents, rebuilt by applying the log's records in log order. {@link #apply} is deterministic and
 * depends only on the records before it, so every instance that reads the same log agrees on every id and version.
 * Thread-safe.
 */
final class RegistryState {
    /** The level when neither the subject nor the global config sets one, as in Confluent's registry. */
    static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;

    /** One version of a subject. */
    record Version(String subject, int version, int id, String schema) {
    }

    /**
     * What a writer needs to plan a registration, taken atomically.
     *
     * @param liveVersions   the subject's versions not deleted, oldest first
     * @param maxVersion     highest version the subject ever had (deleted ones included), 0 if none
     * @param existingId     id the schema already has under any subject, or null
     * @param maxId          highest id assigned, 0 if none
     * @param level          compatibility level in effect for the subject
     */
    record SubjectView(List<Version> liveVersions, int maxVersion, Integer existingId, int maxId,
                       CompatibilityLevel level) {
        /** The live version holding this schema, if any. */
        Optional<Version> liveVersionOf(String schema) {
            return liveVersions.stream().filter(v -> v.schema().equals(schema)).findFirst();
        }
    }

    private static final class Subject {
        final List<Version> versions = new ArrayList<>();
        final List<Boolean> deleted = new ArrayList<>();

        int maxVersion() {
            return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).version();
        }

        List<Version> live() {
            List<Version> live = new ArrayList<>();
            for (int i = 0; i < versions.size(); i++) {
                if (!deleted.get(i)) {
                    live.add(versions.get(i));
                }
            }
            return live;
        }
    }

    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, Subject> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = DEFAULT_LEVEL;
    private int maxId;

    /**
     * Applies one log record. A schema registration is accepted only if its id is free or already this schema's,
     * the schema has no other id, its version is the subject's next one, and the subject does not hold the schema
     * live already; otherwise it is ignored (a concurrent writer got there first, and the proposer retries).
     *
     * @return whether the record changed the state as proposed
     */
    synchronized boolean apply(RegistryRecord record) {
        if (record instanceof RegistryRecord.SchemaRegistered schema) {
            return applySchema(schema);
        }
        if (record instanceof RegistryRecord.CompatibilitySet config) {
            if (config.subject() == null) {
                globalLevel = config.level();
            } else {
                subjectLevels.put(config.subject(), config.level());
            }
            return true;
        }
        RegistryRecord.SubjectDeleted deletion = (RegistryRecord.SubjectDeleted) record;
        Subject subject = subjects.get(deletion.subject());
        if (subject != null) {
            for (int i = 0; i < subject.versions.size(); i++) {
                if (deletion.versions().contains(subject.versions.get(i).version())) {
                    subject.deleted.set(i, true);
                }
            }
        }
        return true;
    }

    private boolean applySchema(RegistryRecord.SchemaRegistered proposal) {
        Integer existingId = idsBySchema.get(proposal.schema());
        String existingSchema = schemasById.get(proposal.id());
        Subject subject = subjects.computeIfAbsent(proposal.subject(), s -> new Subject());
        boolean consistent = (existingId == null || existingId == proposal.id())
                && (existingSchema == null || existingSchema.equals(proposal.schema()))
                && proposal.version() == subject.maxVersion() + 1
                && subject.live().stream().noneMatch(v -> v.schema().equals(proposal.schema()));
        if (!consistent) {
            if (subject.versions.isEmpty()) {
                subjects.remove(proposal.subject());
            }
            return false;
        }
        schemasById.put(proposal.id(), proposal.schema());
        idsBySchema.put(proposal.schema(), proposal.id());
        subject.versions.add(new Version(proposal.subject(), proposal.version(), proposal.id(), proposal.schema()));
        subject.deleted.add(false);
        maxId = Math.max(maxId, proposal.id());
        return true;
    }

    /** A consistent view of a subject and of the ids, for planning a registration of {@code schema}. */
    synchronized SubjectView view(String subjectName, String schema) {
        Subject subject = subjects.get(subjectName);
        return new SubjectView(subject == null ? List.of() : subject.live(),
                subject == null ? 0 : subject.maxVersion(), idsBySchema.get(schema), maxId, level(subjectName));
    }

    /** Subjects with at least one live version, sorted. */
    synchronized List<String> subjects() {
        return subjects.entrySet().stream().filter(e -> !e.getValue().live().isEmpty()).map(Map.Entry::getKey)
                .toList();
    }

    /** The subject's live versions, oldest first; empty if the subject is unknown or deleted. */
    synchronized List<Version> liveVersions(String subjectName) {
        Subject subject = subjects.get(subjectName);
        return subject == null ? List.of() : subject.live();
    }

    /** The schema text with an id. */
    synchronized Optional<String> schemaById(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    /** The level in effect for a subject: its own, else the global one. */
    synchronized CompatibilityLevel level(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    /** The subject's own level, if set. */
    synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    /** The global level. */
    synchronized CompatibilityLevel globalLevel() {
        return globalLevel;
    }

}
