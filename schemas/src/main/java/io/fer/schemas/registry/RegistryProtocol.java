package io.fer.schemas.registry;

/**
 * Constants of the Confluent Schema Registry REST protocol shared by the client and the server: media types and the
 * {@code error_code} values of error bodies {@code {"error_code": ..., "message": ...}}.
 */
public final class RegistryProtocol {
    /** Content type of requests and responses. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    /** What the client accepts, in order of preference. */
    public static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
    /** The only schema type this project uses; a missing {@code schemaType} means AVRO. */
    public static final String AVRO = "AVRO";

    /** Subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Schema not found (unknown id, or schema not registered under the subject). */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** The subject has no subject-level compatibility level. */
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    /** The schema is incompatible with earlier schemas of the subject (Confluent uses the HTTP status as code). */
    public static final int INCOMPATIBLE_SCHEMA = 409;
    /** The schema (or schema type) is invalid. */
    public static final int INVALID_SCHEMA = 42201;
    /** The version is not a valid version id. */
    public static final int INVALID_VERSION = 42202;
    /** The compatibility level is invalid. */
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    /** Error in the backend data store. */
    public static final int STORE_ERROR = 50001;
    /** An operation timed out. */
    public static final int OPERATION_TIMEOUT = 50002;

    private RegistryProtocol() {
    }
}
