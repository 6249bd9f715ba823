package io.fer.producer.cluster;

import io.fer.schemas.ClusterConfig;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.registry.SchemaRegistryClientConfig;
import io.fer.schemas.registry.SchemaRegistryException;
import io.fer.schemas.serde.AvroSerdeConfig;
import io.fer.schemas.serde.ConfluentWireFormat;
import org.apache.avro.Schema;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.Map;

/**
 * Makes sure, within a bounded time, that the schema registry answers and knows (or accepts) a topic's value
 * schema. The returned client has the schema id cached, so serializers built on it need no further registry call.
 */
public final class RegistryProbe {

    private RegistryProbe() {
    }

    /**
     * Registers {@code schema} under the topic's value subject (or only looks it up when
     * {@code auto.register.schemas=false}) with no retries and {@code timeout} per request.
     */
    public static SchemaRegistryClient requireValueSchema(ClusterConfig config, String topic, Schema schema, Duration timeout)
            throws ClusterUnavailableException {
        Map<String, Object> settings = config.asMap();
        String ms = String.valueOf(Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        settings.put(SchemaRegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS, ms);
        settings.put(SchemaRegistryClientConfig.HTTP_READ_TIMEOUT_MS, ms);
        settings.put(SchemaRegistryClientConfig.MAX_RETRIES, "0");
        String subject = ConfluentWireFormat.subject(topic, false);
        try {
            SchemaRegistryClient client = SchemaRegistryClient.fromConfigs(settings);
            if (AvroSerdeConfig.fromConfigs(settings, false).autoRegisterSchemas()) client.register(subject, schema);
            else client.idOf(subject, schema);
            return client;
        } catch (SchemaRegistryException | KafkaException | IllegalArgumentException e) {
            throw new ClusterUnavailableException("schema registry at " + config.schemaRegistryUrl()
                    + " cannot serve subject " + subject + ": " + e.getMessage(), e);
        }
    }
}
