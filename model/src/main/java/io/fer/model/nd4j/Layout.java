package io.fer.model.nd4j;

/**
 * The memory layout of activations inside a graph. Inputs and weights always arrive in PyTorch's NCHW / OIHW; a
 * graph may compute in NHWC, which oneDNN's convolutions run faster on (no reordering of every input).
 */
enum Layout {
    NCHW, NHWC;

    int channelAxis() {
        return this == NCHW ? 1 : 3;
    }

    int[] spatialAxes() {
        return this == NCHW ? new int[] {2, 3} : new int[] {1, 2};
    }

    /** The shape that broadcasts a per-channel vector over a batch of activations. */
    long[] perChannel(long channels) {
        return this == NCHW ? new long[] {1, channels, 1, 1} : new long[] {1, 1, 1, channels};
    }

    /** One face's activations with {@code c} channels on an {@code h x w} grid. */
    long[] perFace(long c, long h, long w) {
        return this == NCHW ? new long[] {c, h, w} : new long[] {h, w, c};
    }
}
