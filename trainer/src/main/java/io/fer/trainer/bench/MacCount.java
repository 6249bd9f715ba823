package io.fer.trainer.bench;

import io.fer.model.NetworkSpec;

import static io.fer.model.ParameterLayout.BLOCK_OUT;
import static io.fer.model.ParameterLayout.CLIQUE_BLOCKS;
import static io.fer.model.ParameterLayout.CLIQUE_K;
import static io.fer.model.ParameterLayout.CLIQUE_LAYERS;
import static io.fer.model.ParameterLayout.HEAD_FEATURES;
import static io.fer.model.ParameterLayout.STEM_CHANNELS;
import static io.fer.model.ParameterLayout.cliqueBlockInput;

/**
 * Multiply-accumulates of one forward pass of one face, counting convolutions and fully connected layers (batch
 * norm, activations and pooling are left out, as is usual). One MAC is two floating-point operations.
 */
public final class MacCount {

    private MacCount() {
    }

    /** MACs per face of a network's forward pass. */
    public static long perFace(NetworkSpec spec) {
        return switch (spec.architecture()) {
            case CLIQUENET -> cliqueNet(spec.numClasses());
            case LENET7 -> leNet7(spec.numClasses());
        };
    }

    /** Floating-point operations per face of a forward pass: two per MAC. */
    public static double forwardFlops(NetworkSpec spec) {
        return 2.0 * perFace(spec);
    }

    /**
     * Floating-point operations per face of a training step: the forward pass plus the backward pass, which computes
     * both the input and the weight gradients of every layer (twice the forward work), so three times the forward.
     */
    public static double trainingFlops(NetworkSpec spec) {
        return 3 * forwardFlops(spec);
    }

    /** The layers of {@code model/README.md}: stem at 24x24, blocks at 12, 6 and 3, transitions, head. */
    private static long cliqueNet(int classes) {
        long macs = conv(24, STEM_CHANNELS, 1, 3);
        int side = 12;
        for (int block = 1; block <= CLIQUE_BLOCKS; block++) {
            int c0 = cliqueBlockInput(block);
            // stage I: layer i reads X0 and X1..X(i-1); stage II: layer i reads the four other layers
            for (int i = 1; i <= CLIQUE_LAYERS; i++) {
                macs += conv(side, CLIQUE_K, c0 + CLIQUE_K * (i - 1), 3);
                macs += conv(side, CLIQUE_K, CLIQUE_K * (CLIQUE_LAYERS - 1), 3);
            }
            if (block < CLIQUE_BLOCKS) {
                macs += conv(side, BLOCK_OUT, BLOCK_OUT, 1);
                macs += fc(BLOCK_OUT, BLOCK_OUT / 2) + fc(BLOCK_OUT / 2, BLOCK_OUT);
                side /= 2;
            }
        }
        return macs + fc(HEAD_FEATURES, classes);
    }

    /** conv 5x5 at 48, 5x5 at 24, 3x3 at 12 (each followed by a 2x2 max-pool), then 4608 -> 144 -> 64 -> classes. */
    private static long leNet7(int classes) {
        return conv(48, 32, 1, 5) + conv(24, 64, 32, 5) + conv(12, 128, 64, 3)
                + fc(128 * 6 * 6, 144) + fc(144, 64) + fc(64, classes);
    }

    /** A same-padded convolution producing {@code side x side x out} from {@code in} channels. */
    private static long conv(int side, int out, int in, int kernel) {
        return (long) side * side * out * in * kernel * kernel;
    }

    private static long fc(int in, int out) {
        return (long) in * out;
    }
}
