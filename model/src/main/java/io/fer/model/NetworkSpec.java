package io.fer.model;

/**
 * What a network is: its architecture and how many classes its head has (8 for FER+, 7 for FER2013).
 *
 * @param architecture the architecture
 * @param numClasses   the number of output classes
 */
public record NetworkSpec(Architecture architecture, int numClasses) {
    /** Faces are square, grayscale, this many pixels a side. */
    public static final int SIDE = 48;
    /** Pixels in one face. */
    public static final int PIXELS = SIDE * SIDE;

    public NetworkSpec {
        if (architecture == null) throw new IllegalArgumentException("architecture is required");
        if (numClasses < 2) throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses);
    }
}
