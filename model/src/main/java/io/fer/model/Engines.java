package io.fer.model;

import java.util.List;

/** Finds an {@link Engine} by its command-line name. */
public final class Engines {

    /** Engine names and their classes; looked up reflectively so an engine's native stack loads only when used. */
    private static final List<String[]> KNOWN = List.of(
            new String[] {"pytorch", "io.fer.model.pytorch.PyTorchEngine"},
            new String[] {"nd4j", "io.fer.model.nd4j.Nd4jEngine"});

    private Engines() {
    }

    /** The names accepted by {@link #byName}. */
    public static List<String> names() {
        return KNOWN.stream().map(k -> k[0]).toList();
    }

    /**
     * The engine called {@code name} ({@code pytorch} or {@code nd4j}, case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws IllegalStateException    if the engine's classes are not on the class path
     */
    public static Engine byName(String name) {
        for (String[] k : KNOWN) {
            if (k[0].equalsIgnoreCase(name)) {
                try {
                    return (Engine) Class.forName(k[1]).getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new IllegalStateException("engine " + k[0] + " (" + k[1] + ") is not available: " + e, e);
                }
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "'; choose one of " + names());
    }
}
