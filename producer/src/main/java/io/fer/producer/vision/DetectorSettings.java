package io.fer.producer.vision;

import java.util.List;

/**
 * How faces are found and cropped.
 *
 * @param cascades          cascades shipped in the OpenCV jar, e.g. {@code haarcascades/haarcascade_frontalface_alt2.xml};
 *                          each searches every angle, and a face needs their agreement (see {@link FaceVote})
 * @param extraAngles       rotations in degrees searched besides upright, for tilted faces
 * @param scaleFactor       step between detection scales (> 1; smaller finds more faces, slower)
 * @param minFaceSize       smallest face side in pixels
 * @param minNeighbours     neighbours each cascade must give a face for their agreement to keep it
 * @param minNeighboursAlone neighbours that keep a face however few cascades found it
 * @param margin            extra context around the detected box, as a fraction of its side on each side
 */
public record DetectorSettings(List<String> cascades, List<Double> extraAngles, double scaleFactor, int minFaceSize,
                               int minNeighbours, int minNeighboursAlone, double margin) {

    /** The defaults, measured on dataset faces placed on synthetic backgrounds (see the producer README). */
    public static DetectorSettings defaults() {
        return new DetectorSettings(List.of("haarcascades/haarcascade_frontalface_alt2.xml", "lbpcascades/lbpcascade_frontalface_improved.xml"),
                List.of(-14.0, 14.0, -28.0, 28.0), 1.05, 64, 3, 20, 0.15);
    }

    public DetectorSettings {
        cascades = List.copyOf(cascades);
        extraAngles = List.copyOf(extraAngles);
        if (cascades.isEmpty() || cascades.stream().anyMatch(String::isBlank)) throw new IllegalArgumentException("cascades must be named");
        if (extraAngles.stream().anyMatch(a -> !(Math.abs(a) < 90))) throw new IllegalArgumentException("angles must be within (-90, 90) degrees, got " + extraAngles);
        if (!(scaleFactor > 1.0)) throw new IllegalArgumentException("scale factor must be > 1, got " + scaleFactor);
        if (minFaceSize < 1) throw new IllegalArgumentException("min face size must be >= 1, got " + minFaceSize);
        if (minNeighbours < 1 || minNeighboursAlone < 1) throw new IllegalArgumentException("min neighbours must be >= 1, got " + minNeighbours + " and " + minNeighboursAlone);
        if (!(margin >= 0 && margin <= 1)) throw new IllegalArgumentException("margin must be in [0, 1], got " + margin);
    }
}
