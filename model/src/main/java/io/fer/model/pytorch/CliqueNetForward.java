package io.fer.model.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.function.UnaryOperator;

import static io.fer.model.ParameterLayout.CLIQUE_BLOCKS;
import static io.fer.model.ParameterLayout.CLIQUE_LAYERS;
import static io.fer.model.pytorch.PtOps.avgPool;
import static io.fer.model.pytorch.PtOps.bnRelu;
import static io.fer.model.pytorch.PtOps.concatChannels;
import static io.fer.model.pytorch.PtOps.conv;
import static io.fer.model.pytorch.PtOps.dropout;
import static io.fer.model.pytorch.PtOps.globalAvgPool;
import static io.fer.model.pytorch.PtOps.linear;
import static io.fer.model.pytorch.PtOps.maxPool;
import static io.fer.model.pytorch.PtOps.relu;

/**
 * CliqueNet of docs/models.md (pre-activation): stem, three clique blocks with alternately updated layers, two
 * transitions with channel attention, and the 964-feature multi-scale head.
 *
 * <p>Each clique layer is one convolution of ReLU(BN(concat of its sources)) with the concatenation of the sources'
 * filter banks. Stage II takes the banks W(j->i), j &lt; i, by the same names as stage I: the very same tensors, so
 * autograd sums both stages' gradients into them.
 */
final class CliqueNetForward implements PtForward {

    private final UnaryOperator<String> stageTwoBank;

    /** The network as specified: stage II uses stage I's banks by name. */
    CliqueNetForward() {
        this(UnaryOperator.identity());
    }

    /**
     * For tests: stage II looks its banks up under {@code stageTwoBank.apply(name)}, so a test can give stage II
     * separate copies and compare gradients with the shared network.
     */
    CliqueNetForward(UnaryOperator<String> stageTwoBank) {
        this.stageTwoBank = stageTwoBank;
    }

    @Override
    public NDArray forward(PtParameters p, NDArray x, boolean training, double dropout) {
        NDArray h = maxPool(bnRelu(conv(x, p.get("stem.conv.weight"), 2, 1), p, "stem.bn", training), 3, 2, 1);
        NDArray[] features = new NDArray[CLIQUE_BLOCKS];
        for (int b = 1; b <= CLIQUE_BLOCKS; b++) {
            NDArray[] out = block(p, "block" + b, h, training, dropout);
            features[b - 1] = out[1];
            if (b < CLIQUE_BLOCKS) h = transition(p, "trans" + b, out[0], training, dropout);
        }
        return linear(concatChannels(features), p, "head.fc");
    }

    /** Returns {block output concat(X1'..X5'), block feature}. */
    private NDArray[] block(PtParameters p, String prefix, NDArray x0, boolean training, double dropout) {
        NDArray[] x = new NDArray[CLIQUE_LAYERS + 1];
        x[0] = x0;
        for (int i = 1; i <= CLIQUE_LAYERS; i++) {
            int[] sources = new int[i];
            for (int j = 0; j < i; j++) sources[j] = j;
            x[i] = cliqueLayer(p, prefix, prefix + ".s1.bn" + i, x, sources, i, UnaryOperator.identity(), training,
                    dropout);
        }
        // stage II updates x in place: sources j < i are already X_j', sources j > i still the stage-I X_j
        for (int i = 1; i <= CLIQUE_LAYERS; i++) {
            int[] sources = new int[CLIQUE_LAYERS - 1];
            int n = 0;
            for (int j = 1; j <= CLIQUE_LAYERS; j++) if (j != i) sources[n++] = j;
            x[i] = cliqueLayer(p, prefix, prefix + ".s2.bn" + i, x, sources, i, stageTwoBank, training, dropout);
        }
        NDArray[] layers = new NDArray[CLIQUE_LAYERS];
        System.arraycopy(x, 1, layers, 0, CLIQUE_LAYERS);
        NDArray output = concatChannels(layers);
        NDArray feature = globalAvgPool(bnRelu(concatChannels(x0, output), p, prefix + ".feat.bn", training));
        return new NDArray[] {output, feature};
    }

    private static NDArray cliqueLayer(PtParameters p, String prefix, String bn, NDArray[] x, int[] sources, int i,
                                       UnaryOperator<String> bankName, boolean training, double dropout) {
        NDArray[] inputs = new NDArray[sources.length];
        PtNDArray[] banks = new PtNDArray[sources.length];
        for (int k = 0; k < sources.length; k++) {
            inputs[k] = x[sources[k]];
            banks[k] = p.get(bankName.apply(prefix + ".w" + sources[k] + "_" + i));
        }
        NDArray in = concatChannels(inputs);
        NDArray w;
        if (banks.length == 1) {
            w = banks[0];
        } else {
            w = JniUtils.cat(banks, 1);
            w.attach(in.getManager()); // the concatenated bank is per pass; free it with the pass
        }
        return dropout(conv(bnRelu(in, p, bn, training), w, 1, 1), dropout, training);
    }

    private static NDArray transition(PtParameters p, String prefix, NDArray x, boolean training, double dropout) {
        NDArray h = dropout(conv(bnRelu(x, p, prefix + ".bn", training), p.get(prefix + ".conv.weight"), 1, 0),
                dropout, training);
        NDArray a = relu(linear(globalAvgPool(h), p, prefix + ".att.fc1"));
        a = JniUtils.sigmoid((PtNDArray) linear(a, p, prefix + ".att.fc2"));
        h = h.mul(a.reshape(a.getShape().get(0), a.getShape().get(1), 1, 1));
        return avgPool(h, 2, 2);
    }
}
