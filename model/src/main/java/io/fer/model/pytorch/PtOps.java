package io.fer.model.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The neural-network operations the networks are written in, on libtorch through DJL's JNI layer. Every result
 * belongs to the NDManager of the first (input) argument, so a forward pass is freed by closing its step manager.
 */
final class PtOps {

    /** Batch-norm epsilon of model/README.md. */
    static final double BN_EPS = 1e-5;
    /** Batch-norm running-statistics momentum, PyTorch convention ({@code new = (1 - m) old + m batch}). */
    static final double BN_MOMENTUM = 0.1;

    private static final Shape ONE = new Shape(1, 1);

    private PtOps() {
    }

    static PtNDArray conv(NDArray x, NDArray w, int stride, int padding) {
        return JniUtils.convolution((PtNDArray) x, (PtNDArray) w, null, new Shape(stride, stride),
                new Shape(padding, padding), ONE, 1);
    }

    static PtNDArray batchNorm(NDArray x, PtParameters p, String prefix, boolean training) {
        // JniUtils names its arguments (gamma, beta, mean, var) but the native call takes (mean, var, gamma, beta)
        return JniUtils.batchNorm((PtNDArray) x, p.get(prefix + ".running_mean"), p.get(prefix + ".running_var"),
                p.get(prefix + ".gamma"), p.get(prefix + ".beta"), training, BN_MOMENTUM, BN_EPS);
    }

    static PtNDArray bnRelu(NDArray x, PtParameters p, String prefix, boolean training) {
        return JniUtils.relu(batchNorm(x, p, prefix, training));
    }

    static PtNDArray relu(NDArray x) {
        return JniUtils.relu((PtNDArray) x);
    }

    static PtNDArray dropout(NDArray x, double rate, boolean training) {
        if (!training || rate == 0) return (PtNDArray) x;
        return JniUtils.dropout((PtNDArray) x, rate, true);
    }

    static PtNDArray linear(NDArray x, PtParameters p, String prefix) {
        return JniUtils.linear((PtNDArray) x, p.get(prefix + ".weight"), p.get(prefix + ".bias"));
    }

    static PtNDArray maxPool(NDArray x, int kernel, int stride, int padding) {
        return JniUtils.maxPool((PtNDArray) x, new Shape(kernel, kernel), new Shape(stride, stride),
                new Shape(padding, padding), false);
    }

    static PtNDArray avgPool(NDArray x, int kernel, int stride) {
        return JniUtils.avgPool((PtNDArray) x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0),
                false, true);
    }

    /** Global average pool NCHW -> NC. */
    static PtNDArray globalAvgPool(NDArray x) {
        return JniUtils.flatten(JniUtils.adaptiveAvgPool((PtNDArray) x, ONE), 1, -1);
    }

    /** Concatenates along the channel axis; the result belongs to the first array's manager. */
    static PtNDArray concatChannels(NDArray... parts) {
        if (parts.length == 1) return (PtNDArray) parts[0];
        PtNDArray[] arrays = new PtNDArray[parts.length];
        for (int k = 0; k < parts.length; k++) arrays[k] = (PtNDArray) parts[k];
        return JniUtils.cat(arrays, 1);
    }
}
