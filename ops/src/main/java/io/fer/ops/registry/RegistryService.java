package io.fer.ops.registry;

import io.fer.schemas.registry.CompatibilityLevel;
import io.fer.schemas.registry.RegistryProtocol;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.avro.AvroRuntimeException;

/**
 * The registry's operations, with Confluent's semantics and errors: reads come from the state this instance has
 * replayed; writes catch up with the log, decide, append, and retry when a concurrent writer's record won.
 */
final class RegistryService {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryService.class);
    private static final int MAX_WRITE_ATTEMPTS = 10;

    /**
     * A schema as sent in a request body.
     *
     * @param schema        the schema text
     * @param schemaType    the declared type, null for AVRO
     * @param hasReferences whether the body named schema references
     */
    record SchemaRequest(String schema, String schemaType, boolean hasReferences) {
    }

    private final RegistryState state;
    private final KafkaRegistryLog log;
    /** One write at a time per instance; other instances are reconciled through the log. */
    private final ReentrantLock writes = new ReentrantLock();

    RegistryService(RegistryState state, KafkaRegistryLog log) {
        this.state = state;
        this.log = log;
    }

    List<String> subjects() {
        return state.subjects();
    }

    List<Integer> versions(String subject) {
        return liveVersions(subject).stream().map(RegistryState.Version::version).toList();
    }

    /** A version by number, or "latest" (also -1). */
    RegistryState.Version version(String subject, String versionSpec) {
        int version = parseVersion(versionSpec);
        List<RegistryState.Version> live = liveVersions(subject);
        if (version == -1) {
            return live.get(live.size() - 1);
        }
        return live.stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, versionSpec));
    }

    String schemaById(String idText) {
        int id;
        try {
            id = Integer.parseInt(idText);
        } catch (NumberFormatException e) {
            throw RegistryError.schemaIdNotFound(idText);
        }
        return state.schemaById(id).orElseThrow(() -> RegistryError.schemaIdNotFound(idText));
    }

    /** Registers a schema under a subject, or returns the id it already has there. */
    int register(String subject, SchemaRequest request) {
        Schema schema = parse(request);
        String canonical = schema.toString();
        writes.lock();
        try {
            for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
                log.awaitEnd();
                RegistryState.SubjectView view = state.view(subject, canonical);
                var existing = view.liveVersionOf(canonical);
                if (existing.isPresent()) {
                    return existing.get().id();
                }
                List<String> problems = CompatibilityChecker.incompatibilities(schema, view.liveVersions(),
                        view.level());
                if (!problems.isEmpty()) {
                    throw RegistryError.incompatible(subject, problems);
                }
                int id = view.existingId() != null ? view.existingId() : view.maxId() + 1;
                if (log.appendAndApply(new RegistryRecord.SchemaRegistered(UUID.randomUUID().toString(), subject,
                        view.maxVersion() + 1, id, canonical))) {
                    return id;
                }
                LOG.debug("proposal of id {} as version {} of {} lost to a concurrent writer; retrying", id,
                        view.maxVersion() + 1, subject);
            }
            throw RegistryError.storeError("could not register under subject '" + subject + "' after "
                    + MAX_WRITE_ATTEMPTS + " attempts: concurrent writers kept winning");
        } finally {
            writes.unlock();
        }
    }

    /** The live version of a subject holding this schema. */
    RegistryState.Version lookup(String subject, SchemaRequest request) {
        String canonical = parse(request).toString();
        return liveVersions(subject).stream().filter(v -> v.schema().equals(canonical)).findFirst()
                .orElseThrow(() -> RegistryError.schemaNotRegistered(subject));
    }

    /**
     * Tests a schema against one version ("latest" or a number) under the subject's level, or against what
     * registration would check when {@code versionSpec} is null; returns the reasons it is incompatible.
     */
    List<String> testCompatibility(String subject, String versionSpec, SchemaRequest request) {
        Schema schema = parse(request);
        CompatibilityLevel level = state.level(subject);
        if (versionSpec == null) {
            return CompatibilityChecker.incompatibilities(schema, state.liveVersions(subject), level);
        }
        return CompatibilityChecker.incompatibilities(schema, List.of(version(subject, versionSpec)), level);
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    /** The subject's own level, or the global one when {@code defaultToGlobal}. */
    CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return state.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return state.globalLevel();
            }
            throw RegistryError.subjectCompatibilityNotConfigured(subject);
        });
    }

    /** Sets the level of a subject, or the global one when {@code subject} is null. */
    CompatibilityLevel setLevel(String subject, String levelName) {
        CompatibilityLevel level = CompatibilityLevel.parse(levelName)
                .orElseThrow(() -> RegistryError.invalidCompatibilityLevel(levelName));
        writes.lock();
        try {
            log.appendAndApply(new RegistryRecord.CompatibilitySet(UUID.randomUUID().toString(), subject, level));
            return level;
        } finally {
            writes.unlock();
        }
    }

    /** Soft-deletes every live version of a subject; ids stay readable. Returns the deleted versions. */
    List<Integer> deleteSubject(String subject) {
        writes.lock();
        try {
            log.awaitEnd();
            List<Integer> versions = versions(subject);
            log.appendAndApply(new RegistryRecord.SubjectDeleted(UUID.randomUUID().toString(), subject, versions));
            return versions;
        } finally {
            writes.unlock();
        }
    }

    private List<RegistryState.Version> liveVersions(String subject) {
        List<RegistryState.Version> live = state.liveVersions(subject);
        if (live.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return live;
    }

    private static int parseVersion(String versionSpec) {
        if ("latest".equals(versionSpec)) {
            return -1;
        }
        try {
            int version = Integer.parseInt(versionSpec);
            if (version == -1 || version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RegistryError.invalidVersion(versionSpec);
    }

    private static Schema parse(SchemaRequest request) {
        if (request.schemaType() != null && !RegistryProtocol.AVRO.equalsIgnoreCase(request.schemaType())) {
            throw RegistryError.invalidSchema("schema type " + request.schemaType() + " is not supported; this "
                    + "registry serves AVRO only");
        }
        if (request.hasReferences()) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
        if (request.schema() == null || request.schema().isBlank()) {
            throw RegistryError.invalidSchema("the request has no 'schema' string");
        }
        try {
            return new Schema.Parser().parse(request.schema());
        } catch (AvroRuntimeException e) {
            throw RegistryError.invalidSchema(e.getMessage());
        }
    }
}
