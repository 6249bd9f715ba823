package io.fer.producer.vision;

/**
 * How faces are found and cropped.
 *
 * @param cascade       name of a cascade shipped in the OpenCV jar, e.g. {@code haarcascades/haarcascade_frontalface_alt2.xml}
 * @param scaleFactor   step between detection scales (> 1; smaller finds more faces, slower)
 * @param minNeighbours overlapping detections a face needs (higher: fewer false faces, more missed faces)
 * @param minFaceSize   smallest face side in pixels
 * @param margin        extra context around the detected box, as a fraction of its side on each side
 */
public record DetectorSettings(String cascade, double scaleFactor, int minNeighbours, int minFaceSize, double margin) {

    /** The defaults, tuned on dataset faces placed on synthetic backgrounds (see the producer README). */
    public static DetectorSettings defaults() {
        return new DetectorSettings("haarcascades/haarcascade_frontalface_alt2.xml", 1.05, 3, 40, 0.15);
    }

    /** The same settings with another cascade. */
    public DetectorSettings withCascade(String otherCascade) {
        return new DetectorSettings(otherCascade, scaleFactor, minNeighbours, minFaceSize, margin);
    }

    public DetectorSettings {
        if (cascade == null || cascade.isBlank()) throw new IllegalArgumentException("cascade must be named");
        if (!(scaleFactor > 1.0)) throw new IllegalArgumentException("scale factor must be > 1, got " + scaleFactor);
        if (minNeighbours < 0) throw new IllegalArgumentException("min neighbours must be >= 0, got " + minNeighbours);
        if (minFaceSize < 1) throw new IllegalArgumentException("min face size must be >= 1, got " + minFaceSize);
        if (margin < 0 || margin > 1) throw new IllegalArgumentException("margin must be in [0, 1], got " + margin);
    }
}
