package io.fer.ops.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fer.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JSON form of {@link RegistryRecord}s in the compacted log topic. Schema and deletion entries have unique keys (their
 * proposal id), so compaction never removes them and replay always sees the same sequence; compatibility entries are
 * keyed by subject, so compaction keeps only the last one, which is also the one replay ends with.
 */
final class RegistryRecordCodec {
    private static final String SCHEMA = "SCHEMA";
    private static final String CONFIG = "CONFIG";
    private static final String DELETE_SUBJECT = "DELETE_SUBJECT";

    private final ObjectMapper json = new ObjectMapper();

    String key(RegistryRecord record) {
        ObjectNode key = json.createObjectNode();
        if (record instanceof RegistryRecord.CompatibilitySet config) {
            key.put("keytype", CONFIG).put("subject", config.subject());
        } else {
            key.put("keytype", record instanceof RegistryRecord.SchemaRegistered ? SCHEMA : DELETE_SUBJECT)
                    .put("proposal", record.proposal());
        }
        return key.toString();
    }

    String value(RegistryRecord record) {
        ObjectNode value = json.createObjectNode().put("proposal", record.proposal());
        if (record instanceof RegistryRecord.SchemaRegistered schema) {
            value.put("type", SCHEMA).put("subject", schema.subject()).put("version", schema.version())
                    .put("id", schema.id()).put("schema", schema.schema());
        } else if (record instanceof RegistryRecord.CompatibilitySet config) {
            value.put("type", CONFIG).put("subject", config.subject())
                    .put("compatibilityLevel", config.level().name());
        } else if (record instanceof RegistryRecord.SubjectDeleted deleted) {
            value.put("type", DELETE_SUBJECT).put("subject", deleted.subject());
            deleted.versions().forEach(value.putArray("versions")::add);
        }
        return value.toString();
    }

    /**
     * Decodes a log value; empty for a value this registry did not write (a tombstone, another registry's format).
     *
     * @throws IllegalArgumentException when the value is not JSON or misses fields
     */
    Optional<RegistryRecord> decode(String value) {
        if (value == null) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!node.path("proposal").isTextual()) {
            return Optional.empty();
        }
        String proposal = node.path("proposal").asText();
        return switch (node.path("type").asText()) {
            case SCHEMA -> Optional.of(new RegistryRecord.SchemaRegistered(proposal, text(node, "subject"),
                    integer(node, "version"), integer(node, "id"), text(node, "schema")));
            case CONFIG -> Optional.of(new RegistryRecord.CompatibilitySet(proposal,
                    node.path("subject").isTextual() ? node.path("subject").asText() : null,
                    CompatibilityLevel.parse(node.path("compatibilityLevel").asText()).orElseThrow(
                            () -> new IllegalArgumentException("unknown compatibility level in " + value))));
            case DELETE_SUBJECT -> Optional.of(new RegistryRecord.SubjectDeleted(proposal, text(node, "subject"),
                    integers(node.path("versions"))));
            default -> Optional.empty();
        };
    }

    private static String text(JsonNode node, String field) {
        if (!node.path(field).isTextual()) {
            throw new IllegalArgumentException("missing string '" + field + "'");
        }
        return node.path(field).asText();
    }

    private static int integer(JsonNode node, String field) {
        if (!node.path(field).canConvertToInt()) {
            throw new IllegalArgumentException("missing integer '" + field + "'");
        }
        return node.path(field).asInt();
    }

    private static List<Integer> integers(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asInt()));
        return values;
    }
}
