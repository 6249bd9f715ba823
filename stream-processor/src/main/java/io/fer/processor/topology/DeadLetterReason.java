package io.fer.processor.topology;

/** Why a record went to the dead-letter topic; the value of the {@code dlq.reason} header. */
public enum DeadLetterReason {
    /** No value, or a zero-length one. */
    EMPTY,
    /** Not in the Confluent wire format, or the Avro body cannot be read with the writer's schema. */
    UNDECODABLE,
    /** The schema id is not in the registry, or its schema is not a FaceFrame. */
    UNKNOWN_SCHEMA,
    /** Width or height is not what the model takes (48 x 48). */
    WRONG_DIMENSIONS,
    /** The pixel bytes do not number width x height. */
    PIXEL_COUNT_MISMATCH,
    /** The frame id or the stream id is missing or blank. */
    MISSING_ID
}
