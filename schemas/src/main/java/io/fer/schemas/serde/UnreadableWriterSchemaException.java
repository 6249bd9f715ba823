package io.fer.schemas.serde;

/** The writer schema cannot be read into the reader class: the schemas are incompatible, or no class fits. */
public class UnreadableWriterSchemaException extends AvroSerdeException {
    /**
     * @param problem  why the writer schema cannot be read
     * @param topic    topic of the record
     * @param schemaId writer schema id
     */
    public UnreadableWriterSchemaException(String problem, String topic, int schemaId) {
        super(problem, topic, schemaId, null);
    }
}
