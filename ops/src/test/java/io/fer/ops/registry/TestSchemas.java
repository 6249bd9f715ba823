package io.fer.ops.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** Small schemas and schema evolutions for the registry tests. */
public final class TestSchemas {
    private TestSchemas() {
    }

    /** A record {@code test.<name>} with a required string {@code id} and the given optional int fields. */
    public static Schema record(String name, String... optionalFields) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(name).namespace("test").fields()
                .requiredString("id");
        for (String field : optionalFields) {
            fields = fields.optionalInt(field);
        }
        return fields.endRecord();
    }

    /** The schema plus one field; {@code defaultValue} null means the field has no default (a required field). */
    public static Schema withField(Schema schema, String name, Schema type, Object defaultValue) {
        List<Schema.Field> fields = new ArrayList<>(schema.getFields().stream()
                .map(f -> new Schema.Field(f, f.schema())).toList());
        fields.add(defaultValue == null ? new Schema.Field(name, type, "added later")
                : new Schema.Field(name, type, "added later", defaultValue));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
