package io.fer.model.data;

import io.fer.model.NetworkSpec;

import java.util.Arrays;

/** Accumulates faces for a {@link FaceSet}: pixels are parsed straight into its growing buffer. */
final class FaceSetBuilder {

    private final int numClasses;
    private byte[] pixels = new byte[1024 * NetworkSpec.PIXELS];
    private float[] targets;
    private Usage[] usages = new Usage[1024];
    private int size;

    FaceSetBuilder(int numClasses) {
        this.numClasses = numClasses;
        this.targets = new float[1024 * numClasses];
    }

    /** Reserves the next face's slot and returns its pixel offset; {@link #commit} keeps it. */
    int reserve() {
        if (size == usages.length) {
            int cap = size * 2;
            pixels = Arrays.copyOf(pixels, cap * NetworkSpec.PIXELS);
            targets = Arrays.copyOf(targets, cap * numClasses);
            usages = Arrays.copyOf(usages, cap);
        }
        return size * NetworkSpec.PIXELS;
    }

    byte[] pixelBuffer() {
        return pixels;
    }

    /** Keeps the reserved face with this target distribution (copied) and split. */
    void commit(float[] target, Usage usage) {
        System.arraycopy(target, 0, targets, size * numClasses, numClasses);
        usages[size] = usage;
        size++;
    }

    int size() {
        return size;
    }

    FaceSet build() {
        return new FaceSet(Arrays.copyOf(pixels, size * NetworkSpec.PIXELS), Arrays.copyOf(targets, size * numClasses),
                Arrays.copyOf(usages, size), numClasses);
    }
}
