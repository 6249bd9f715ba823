package io.fer.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * LeNet7 with the tensor names of {@code model/README.md}: three convolution, batch norm, ReLU and 2x2 max-pool
 * stages (48 -> 24 -> 12 -> 6) and three fully connected layers with dropout after the two hidden ones.
 */
final class LeNet7Graph {
    private LeNet7Graph() {
    }

    /** Builds the logits {@code [n, classes]} of a batch of faces in the graph's layout. */
    static SDVariable logits(SameDiff sd, GraphParameters p, SDVariable faces, int classes) {
        SDVariable x = stage(sd, p, faces, 1, 1, 32, 5, 2);
        x = stage(sd, p, x, 2, 32, 64, 5, 2);
        x = stage(sd, p, x, 3, 64, 128, 3, 1);
        if (p.layout() == Layout.NHWC) x = sd.permute(x, 0, 3, 1, 2); // fc1 reads the features in C, H, W order
        x = sd.reshape(x, -1, 128 * 6 * 6);
        x = p.dropout("fc1", sd.nn().relu(SdOps.linear(sd, p, "fc1", x, 128 * 6 * 6, 144), 0), 144);
        x = p.dropout("fc2", sd.nn().relu(SdOps.linear(sd, p, "fc2", x, 144, 64), 0), 64);
        return SdOps.linear(sd, p, "fc3", x, 64, classes);
    }

    private static SDVariable stage(SameDiff sd, GraphParameters p, SDVariable x, int n, long in, long out, int k,
                                    int pad) {
        SDVariable y = SdOps.conv(sd, p, x, "conv" + n + ".weight", new long[] {out, in, k, k}, 1, pad);
        y = sd.nn().relu(p.batchNorm("bn" + n, y, out), 0);
        return SdOps.maxPool(sd, p.layout(), y, 2, 2, 0);
    }
}
