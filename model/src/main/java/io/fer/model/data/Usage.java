package io.fer.model.data;

/** The FER2013 split a row belongs to (the {@code Usage} column). */
public enum Usage {
    TRAINING("Training"), PUBLIC_TEST("PublicTest"), PRIVATE_TEST("PrivateTest");

    private final String label;

    Usage(String label) {
        this.label = label;
    }

    /** The spelling in the CSV files. */
    public String label() {
        return label;
    }

    /**
     * The usage spelled {@code text} in a CSV file or on the command line (case-insensitive).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static Usage parse(String text) {
        for (Usage u : values()) if (u.label.equalsIgnoreCase(text.trim())) return u;
        throw new IllegalArgumentException("unknown Usage '" + text + "' (expected Training, PublicTest or PrivateTest)");
    }
}
