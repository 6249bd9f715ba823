package io.fer.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Base of the serde failures: each subclass names one problem, and every message names the topic and the schema id
 * (when one was read or assigned), so a dead-letter record or a log line says what went wrong where.
 */
public abstract class AvroSerdeException extends SerializationException {
    private final String topic;
    private final Integer schemaId;

    /**
     * @param problem  what went wrong
     * @param topic    topic of the record
     * @param schemaId schema id involved, or null when none was known
     * @param cause    underlying failure, may be null
     */
    protected AvroSerdeException(String problem, String topic, Integer schemaId, Throwable cause) {
        super(problem + " [topic '" + topic + "', schema id " + (schemaId == null ? "none" : schemaId) + "]", cause);
        this.topic = topic;
        this.schemaId = schemaId;
    }

    /** Topic of the record that failed. */
    public String topic() {
        return topic;
    }

    /** Schema id involved, or null when none was known. */
    public Integer schemaId() {
        return schemaId;
    }
}
