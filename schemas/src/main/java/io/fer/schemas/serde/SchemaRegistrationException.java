package io.fer.schemas.serde;

import io.fer.schemas.registry.SchemaRegistryException;

/**
 * The registry refused the record's schema (incompatible: HTTP 409; invalid: 42201), or, with auto-registration off,
 * the schema is not registered under the subject.
 */
public class SchemaRegistrationException extends AvroSerdeException {
    /**
     * @param subject subject the schema was registered or looked up under
     * @param topic   topic of the record
     * @param cause   the registry's answer
     */
    public SchemaRegistrationException(String subject, String topic, SchemaRegistryException cause) {
        super("the schema registry refused the schema for subject '" + subject + "' (HTTP " + cause.httpStatus()
                + ", error code " + cause.errorCode() + "): " + cause.getMessage(), topic, null, cause);
    }
}
