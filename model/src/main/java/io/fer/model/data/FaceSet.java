package io.fer.model.data;

import io.fer.model.NetworkSpec;

import java.util.Arrays;

/**
 * Labelled 48x48 8-bit faces held compactly in memory: pixels, a target distribution per face (one-hot for hard
 * labels, vote shares for soft labels), and each face's split.
 */
public final class FaceSet {

    private final byte[] pixels;
    private final float[] targets;
    private final Usage[] usages;
    private final int numClasses;

    /**
     * @param pixels     {@code size * 2304} pixels, face after face, row-major
     * @param targets    {@code size * numClasses} target probabilities
     * @param usages     each face's split
     * @param numClasses classes per target
     */
    public FaceSet(byte[] pixels, float[] targets, Usage[] usages, int numClasses) {
        int n = usages.length;
        if (pixels.length != (long) n * NetworkSpec.PIXELS || targets.length != (long) n * numClasses) {
            throw new IllegalArgumentException("inconsistent face set: " + n + " faces, " + pixels.length
                    + " pixels, " + targets.length + " targets for " + numClasses + " classes");
        }
        this.pixels = pixels;
        this.targets = targets;
        this.usages = usages;
        this.numClasses = numClasses;
    }

    /** The number of faces. */
    public int size() {
        return usages.length;
    }

    /** Classes per target. */
    public int numClasses() {
        return numClasses;
    }

    /** Copies face {@code i}'s 2304 pixels (0..255 as unsigned bytes) into {@code dst} at {@code offset}. */
    public void copyPixels(int i, byte[] dst, int offset) {
        System.arraycopy(pixels, i * NetworkSpec.PIXELS, dst, offset, NetworkSpec.PIXELS);
    }

    /** Face {@code i}'s pixels, a copy. */
    public byte[] pixels(int i) {
        byte[] out = new byte[NetworkSpec.PIXELS];
        copyPixels(i, out, 0);
        return out;
    }

    /** Copies face {@code i}'s target distribution into {@code dst} at {@code offset}. */
    public void copyTarget(int i, float[] dst, int offset) {
        System.arraycopy(targets, i * numClasses, dst, offset, numClasses);
    }

    /** Face {@code i}'s hard label: the class with the largest target (the first on ties). */
    public int label(int i) {
        int best = 0;
        int base = i * numClasses;
        for (int k = 1; k < numClasses; k++) if (targets[base + k] > targets[base + best]) best = k;
        return best;
    }

    /** Face {@code i}'s split. */
    public Usage usage(int i) {
        return usages[i];
    }

    /** Faces per class, by hard label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int i = 0; i < size(); i++) counts[label(i)]++;
        return counts;
    }

    /** The faces of one split, in order. */
    public FaceSet filter(Usage usage) {
        return subset(java.util.stream.IntStream.range(0, size()).filter(i -> usages[i] == usage).toArray());
    }

    /** The faces at the given indices, in that order. */
    public FaceSet subset(int[] indices) {
        byte[] p = new byte[indices.length * NetworkSpec.PIXELS];
        float[] t = new float[indices.length * numClasses];
        Usage[] u = new Usage[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            copyPixels(i, p, k * NetworkSpec.PIXELS);
            copyTarget(i, t, k * numClasses);
            u[k] = usages[i];
        }
        return new FaceSet(p, t, u, numClasses);
    }

    /** The first {@code n} faces (all if fewer). */
    public FaceSet head(int n) {
        int[] idx = new int[Math.min(n, size())];
        Arrays.setAll(idx, k -> k);
        return subset(idx);
    }
}
