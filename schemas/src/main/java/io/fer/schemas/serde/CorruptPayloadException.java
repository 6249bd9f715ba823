package io.fer.schemas.serde;

/** The Avro binary after the header does not decode with its writer schema: truncated, trailing bytes, bad values. */
public class CorruptPayloadException extends AvroSerdeException {
    /**
     * @param problem  what failed while decoding
     * @param topic    topic of the record
     * @param schemaId writer schema id from the header
     * @param cause    the decoder's failure, may be null
     */
    public CorruptPayloadException(String problem, String topic, int schemaId, Throwable cause) {
        super(problem, topic, schemaId, cause);
    }
}
