package io.fer.schemas.serde;

/** The registry could not be used: unreachable after retries, a server error, or an unexpected answer. */
public class SchemaRegistryAccessException extends AvroSerdeException {
    /**
     * @param problem  what was attempted
     * @param topic    topic of the record
     * @param schemaId schema id involved, or null
     * @param cause    the registry client's failure
     */
    public SchemaRegistryAccessException(String problem, String topic, Integer schemaId, Throwable cause) {
        super(problem + ": " + cause.getMessage(), topic, schemaId, cause);
    }
}
