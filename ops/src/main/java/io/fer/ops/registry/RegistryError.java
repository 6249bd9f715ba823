package io.fer.ops.registry;

import io.fer.schemas.registry.RegistryProtocol;
import java.util.List;

/**
 * A request the registry refuses, answered as Confluent does: an HTTP status and a body
 * {@code {"error_code": ..., "message": ...}}.
 */
final class RegistryError extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    RegistryError(int httpStatus, int errorCode, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryError subjectNotFound(String subject) {
        return new RegistryError(404, RegistryProtocol.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryError versionNotFound(String subject, String version) {
        return new RegistryError(404, RegistryProtocol.VERSION_NOT_FOUND,
                "Version " + version + " not found for subject '" + subject + "'.");
    }

    static RegistryError schemaIdNotFound(String id) {
        return new RegistryError(404, RegistryProtocol.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }

    static RegistryError schemaNotRegistered(String subject) {
        return new RegistryError(404, RegistryProtocol.SCHEMA_NOT_FOUND,
                "Schema not found under subject '" + subject + "'");
    }

    static RegistryError subjectCompatibilityNotConfigured(String subject) {
        return new RegistryError(404, RegistryProtocol.SUBJECT_COMPATIBILITY_NOT_CONFIGURED,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryError incompatible(String subject, List<String> details) {
        return new RegistryError(409, RegistryProtocol.INCOMPATIBLE_SCHEMA, "Schema being registered is "
                + "incompatible with an earlier schema for subject \"" + subject + "\", details: " + details);
    }

    static RegistryError invalidSchema(String problem) {
        return new RegistryError(422, RegistryProtocol.INVALID_SCHEMA, "Invalid schema: " + problem);
    }

    static RegistryError invalidVersion(String version) {
        return new RegistryError(422, RegistryProtocol.INVALID_VERSION, "The specified version '" + version
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryError invalidCompatibilityLevel(String level) {
        return new RegistryError(422, RegistryProtocol.INVALID_COMPATIBILITY_LEVEL, "Invalid compatibility level '"
                + level + "'. Valid values are none, backward, forward, full, backward_transitive, "
                + "forward_transitive, and full_transitive");
    }

    static RegistryError badRequest(String problem) {
        return new RegistryError(400, 400, problem);
    }

    static RegistryError storeError(String problem) {
        return new RegistryError(500, RegistryProtocol.STORE_ERROR, "Error in the backend data store: " + problem);
    }

    static RegistryError timeout(String problem) {
        return new RegistryError(500, RegistryProtocol.OPERATION_TIMEOUT, "Operation timed out: " + problem);
    }
}
