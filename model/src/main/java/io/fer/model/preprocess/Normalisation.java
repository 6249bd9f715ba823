package io.fer.model.preprocess;

import io.fer.model.NetworkSpec;
import io.fer.model.data.FaceSet;

/**
 * The input normalisation {@code (pixel / 255 - mean) / std}, recorded in each bundle's manifest.
 *
 * @param mean mean of pixel/255 over the training faces
 * @param std  standard deviation of pixel/255 over the training faces, {@code > 0}
 */
public record Normalisation(double mean, double std) {

    public Normalisation {
        if (!Double.isFinite(mean)) throw new IllegalArgumentException("mean must be finite: " + mean);
        if (!(std > 0) || !Double.isFinite(std)) throw new IllegalArgumentException("std must be > 0: " + std);
    }

    /** The normalised value of a pixel value in 0..255 (fractional after augmentation). */
    public float apply(float pixel) {
        return (float) ((pixel / 255.0 - mean) / std);
    }

    /** Mean and standard deviation of pixel/255 over all faces of a set. */
    public static Normalisation of(FaceSet faces) {
        if (faces.size() == 0) throw new IllegalArgumentException("cannot compute a normalisation of no faces");
        long[] histogram = new long[256];
        byte[] face = new byte[NetworkSpec.PIXELS];
        for (int i = 0; i < faces.size(); i++) {
            faces.copyPixels(i, face, 0);
            for (byte b : face) histogram[b & 0xff]++;
        }
        double n = 0;
        double sum = 0;
        double sumSq = 0;
        for (int v = 0; v < 256; v++) {
            double x = v / 255.0;
            n += histogram[v];
            sum += histogram[v] * x;
            sumSq += histogram[v] * x * x;
        }
        double mean = sum / n;
        return new Normalisation(mean, Math.sqrt(Math.max(sumSq / n - mean * mean, 1e-12)));
    }
}
