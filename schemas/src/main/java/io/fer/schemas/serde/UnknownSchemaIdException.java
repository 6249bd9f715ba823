package io.fer.schemas.serde;

/** The registry has no schema with the id in the record's header (error 40403). */
public class UnknownSchemaIdException extends AvroSerdeException {
    /**
     * @param topic    topic of the record
     * @param schemaId the id the registry does not know
     * @param cause    the registry's answer
     */
    public UnknownSchemaIdException(String topic, int schemaId, Throwable cause) {
        super("the schema registry has no schema with id " + schemaId, topic, schemaId, cause);
    }
}
