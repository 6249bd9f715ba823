package io.fer.model;

import java.util.Arrays;

/**
 * A named float32 tensor in row-major (C) order: the unit both engines exchange weights in.
 *
 * @param shape the dimensions
 * @param data  the values, {@code product(shape)} of them
 */
public record Tensor(long[] shape, float[] data) {
    public Tensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    /** The number of values. */
    public int size() {
        return data.length;
    }
}
