package io.fer.model.preprocess;

import io.fer.model.data.FaceSet;

import java.util.random.RandomGenerator;

/** Splits a face set into batches of indices: shuffled for training, in order for evaluation. */
public final class Batches {

    private Batches() {
    }

    /** A random permutation of {@code 0..n-1}. */
    public static int[] shuffled(int n, RandomGenerator random) {
        int[] idx = ordered(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    /** {@code 0..n-1}. */
    public static int[] ordered(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    /** Full batches in a training epoch (the last partial batch is left out, as batch norm needs several faces). */
    public static int fullBatches(FaceSet faces, int batchSize) {
        return faces.size() / batchSize;
    }

    /** The targets of faces {@code indices[from .. from+n)}, row after row. */
    public static float[] targets(FaceSet faces, int[] indices, int from, int n) {
        float[] out = new float[n * faces.numClasses()];
        for (int k = 0; k < n; k++) faces.copyTarget(indices[from + k], out, k * faces.numClasses());
        return out;
    }
}
