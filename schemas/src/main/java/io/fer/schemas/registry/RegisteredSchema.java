package io.fer.schemas.registry;

import org.apache.avro.Schema;

/**
 * A schema as registered under a subject.
 *
 * @param subject    subject name
 * @param version    version under the subject
 * @param id         globally unique schema id
 * @param schemaType schema type, AVRO when the registry omitted it
 * @param schema     the schema text
 */
public record RegisteredSchema(String subject, int version, int id, String schemaType, String schema) {

    /** Parses the schema text as Avro. */
    public Schema avroSchema() {
        return new Schema.Parser().parse(schema);
    }
}
