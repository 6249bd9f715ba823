package io.fer.schemas.registry;

import java.util.List;

/**
 * Outcome of a registry compatibility test.
 *
 * @param compatible whether the schema is compatible
 * @param messages   the registry's reasons when it gave any (verbose mode); empty otherwise
 */
public record CompatibilityCheck(boolean compatible, List<String> messages) {
    /** Copies the messages. */
    public CompatibilityCheck {
        messages = List.copyOf(messages);
    }
}
