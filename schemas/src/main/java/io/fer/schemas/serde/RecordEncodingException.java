package io.fer.schemas.serde;

/** A record could not be written with its schema, e.g. a required field is null. */
public class RecordEncodingException extends AvroSerdeException {
    /**
     * @param problem  what failed
     * @param topic    topic of the record
     * @param schemaId id of the schema it was written with
     * @param cause    the encoder's failure
     */
    public RecordEncodingException(String problem, String topic, int schemaId, Throwable cause) {
        super(problem, topic, schemaId, cause);
    }
}
