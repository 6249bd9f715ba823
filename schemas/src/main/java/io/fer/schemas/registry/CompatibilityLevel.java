package io.fer.schemas.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The compatibility levels of a Confluent-compatible schema registry. A new schema is checked against the latest
 * registered one, or against every registered one for the {@code _TRANSITIVE} levels.
 */
public enum CompatibilityLevel {
    /** No check. */
    NONE(false, false, false),
    /** The new schema can read data written with the latest schema. */
    BACKWARD(true, false, false),
    /** The new schema can read data written with every registered schema. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** The latest schema can read data written with the new schema. */
    FORWARD(false, true, false),
    /** Every registered schema can read data written with the new schema. */
    FORWARD_TRANSITIVE(false, true, true),
    /** Both BACKWARD and FORWARD against the latest schema. */
    FULL(true, true, false),
    /** Both BACKWARD and FORWARD against every registered schema. */
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** Whether the new schema must read data written with the old one(s). */
    public boolean backward() {
        return backward;
    }

    /** Whether the old schema(s) must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Whether the check covers every registered version rather than only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level name case-insensitively, as registries accept it; empty when the name is no level. */
    public static Optional<CompatibilityLevel> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(level -> level.name().equals(upper)).findFirst();
    }
}
