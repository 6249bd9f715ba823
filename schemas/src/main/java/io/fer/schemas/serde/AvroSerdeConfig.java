package io.fer.schemas.serde;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.avro.specific.SpecificRecord;

/**
 * Serde settings beyond the registry client's (see
 * {@link io.fer.schemas.registry.SchemaRegistryClientConfig}), named as in Confluent's Avro serdes.
 *
 * @param autoRegisterSchemas whether the serializer registers a record's schema (true) or only looks it up
 * @param readerClass         generated class to read into, or null to take it from the writer schema's full name
 */
public record AvroSerdeConfig(boolean autoRegisterSchemas, Class<? extends SpecificRecord> readerClass) {

    /** Serializer: register the schema (default true) or only look it up. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** Deserializer: class name of the generated record keys are read into. */
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    /** Deserializer: class name of the generated record values are read into. */
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Register the record's schema under the subject; when false it must already be registered.")
            .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, Importance.LOW, "Generated class for keys.")
            .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, Importance.LOW, "Generated class for values.");

    /**
     * Reads the settings for keys or values; unknown keys are ignored.
     *
     * @throws ConfigException on an invalid value or a reader class that is not a generated Avro record
     */
    public static AvroSerdeConfig fromConfigs(Map<String, ?> configs, boolean isKey) {
        AbstractConfig config = new AbstractConfig(DEFINITION, configs, false);
        String typeKey = isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE;
        Class<?> type = config.getClass(typeKey);
        if (type != null && !SpecificRecord.class.isAssignableFrom(type)) {
            throw new ConfigException(typeKey, type.getName(), "not a generated Avro SpecificRecord class");
        }
        return new AvroSerdeConfig(config.getBoolean(AUTO_REGISTER_SCHEMAS),
                type == null ? null : type.asSubclass(SpecificRecord.class));
    }
}
