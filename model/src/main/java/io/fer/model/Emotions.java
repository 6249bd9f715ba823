package io.fer.model;

import java.util.List;

/** Class names in the order of both label sets: FER2013 uses the first 7, FER+ all 8. */
public final class Emotions {

    /** The 8 FER+ classes; index = class id. */
    public static final List<String> FER_PLUS =
            List.of("anger", "disgust", "fear", "happiness", "sadness", "surprise", "neutral", "contempt");

    private Emotions() {
    }

    /** The first {@code numClasses} names (7 for FER2013, 8 for FER+). */
    public static List<String> names(int numClasses) {
        if (numClasses < 1 || numClasses > FER_PLUS.size()) {
            throw new IllegalArgumentException("numClasses must be 1..8, got " + numClasses);
        }
        return FER_PLUS.subList(0, numClasses);
    }
}
