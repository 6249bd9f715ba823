package io.fer.schemas.serde;

/** The bytes are not Confluent wire format: empty, shorter than the 5-byte header, or a magic byte other than 0. */
public class InvalidWireFormatException extends AvroSerdeException {
    /**
     * @param problem what is wrong with the framing
     * @param topic   topic of the record
     */
    public InvalidWireFormatException(String problem, String topic) {
        super(problem, topic, null, null);
    }
}
