package io.fer.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.fer.model.ParameterLayout.BLOCK_OUT;
import static io.fer.model.ParameterLayout.CLIQUE_BLOCKS;
import static io.fer.model.ParameterLayout.CLIQUE_K;
import static io.fer.model.ParameterLayout.CLIQUE_LAYERS;
import static io.fer.model.ParameterLayout.STEM_CHANNELS;

/**
 * CliqueNet as specified in {@code shared/docs/models.md}, with the tensor names of {@code model/README.md}: a stem,
 * three clique blocks of 5 layers x 36 channels in two alternately updated stages (stage II reusing stage I's filter
 * banks), two transitions with channel attention, and a multi-scale head. Each clique layer is one convolution of
 * ReLU(BN(concat(sources))) with the sources' filter banks concatenated.
 */
final class CliqueNetGraph {
    private final SameDiff sd;
    private final GraphParameters p;
    private final Layout layout;

    private CliqueNetGraph(SameDiff sd, GraphParameters p) {
        this.sd = sd;
        this.p = p;
        this.layout = p.layout();
    }

    /** Builds the logits {@code [n, classes]} of a batch of faces in the graph's layout. */
    static SDVariable logits(SameDiff sd, GraphParameters p, SDVariable faces, int classes) {
        return new CliqueNetGraph(sd, p).build(faces, classes);
    }

    private SDVariable build(SDVariable faces, int classes) {
        SDVariable x = SdOps.conv(sd, p, faces, "stem.conv.weight", new long[] {STEM_CHANNELS, 1, 3, 3}, 2, 1);
        x = relu(p.batchNorm("stem.bn", x, STEM_CHANNELS));
        x = SdOps.maxPool(sd, layout, x, 3, 2, 1);
        long c0 = STEM_CHANNELS;
        int side = 12;
        List<SDVariable> features = new ArrayList<>();
        long featureCount = 0;
        for (int b = 1; b <= CLIQUE_BLOCKS; b++) {
            SDVariable[] layers = block(b, x, c0, side);
            SDVariable out = concat(Arrays.copyOfRange(layers, 1, CLIQUE_LAYERS + 1));
            SDVariable all = concat(layers[0], out);
            SDVariable feature = relu(p.batchNorm("block" + b + ".feat.bn", all, c0 + BLOCK_OUT));
            features.add(SdOps.globalAvgPool(layout, feature));
            featureCount += c0 + BLOCK_OUT;
            if (b < CLIQUE_BLOCKS) {
                x = transition(b, out, side);
                side /= 2;
                c0 = BLOCK_OUT;
            }
        }
        SDVariable head = sd.concat(1, features.toArray(new SDVariable[0]));
        return SdOps.linear(sd, p, "head.fc", head, featureCount, classes);
    }

    /** Returns X0 and the stage-II layers X1'..X5'. */
    private SDVariable[] block(int b, SDVariable x0, long c0, int side) {
        SDVariable[] x = new SDVariable[CLIQUE_LAYERS + 1];
        x[0] = x0;
        for (int i = 1; i <= CLIQUE_LAYERS; i++) {
            List<Integer> sources = new ArrayList<>();
            for (int j = 0; j < i; j++) sources.add(j);
            x[i] = cliqueLayer(b, "s1", i, sources, x, c0, side);
        }
        for (int i = 1; i <= CLIQUE_LAYERS; i++) {
            List<Integer> sources = new ArrayList<>();
            for (int j = 1; j <= CLIQUE_LAYERS; j++) if (j != i) sources.add(j);
            x[i] = cliqueLayer(b, "s2", i, sources, x, c0, side);
        }
        return x;
    }

    private SDVariable cliqueLayer(int b, String stage, int i, List<Integer> sources, SDVariable[] x, long c0,
                                   int side) {
        List<String> names = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        SDVariable[] inputs = new SDVariable[sources.size()];
        long channels = 0;
        for (int s = 0; s < inputs.length; s++) {
            int j = sources.get(s);
            long cj = j == 0 ? c0 : CLIQUE_K;
            names.add(bankName(b, j, i));
            shapes.add(new long[] {CLIQUE_K, cj, 3, 3});
            inputs[s] = x[j];
            channels += cj;
        }
        SDVariable act = relu(p.batchNorm("block" + b + "." + stage + ".bn" + i, concat(inputs), channels));
        SDVariable y = SdOps.conv(sd, p, act, names, shapes, 1, 1);
        return p.dropout("block" + b + "." + stage + ".layer" + i, y, layout.perFace(CLIQUE_K, side, side));
    }

    /** BN, ReLU, 1x1 convolution, dropout, channel attention, 2x2 average pooling. */
    private SDVariable transition(int t, SDVariable x, int side) {
        String n = "trans" + t;
        SDVariable y = relu(p.batchNorm(n + ".bn", x, BLOCK_OUT));
        y = SdOps.conv(sd, p, y, n + ".conv.weight", new long[] {BLOCK_OUT, BLOCK_OUT, 1, 1}, 1, 0);
        y = p.dropout(n + ".conv", y, layout.perFace(BLOCK_OUT, side, side));
        SDVariable a = relu(SdOps.linear(sd, p, n + ".att.fc1", SdOps.globalAvgPool(layout, y), BLOCK_OUT,
                BLOCK_OUT / 2));
        a = sd.nn().sigmoid(SdOps.linear(sd, p, n + ".att.fc2", a, BLOCK_OUT / 2, BLOCK_OUT));
        long[] perChannel = layout.perChannel(BLOCK_OUT);
        perChannel[0] = -1;
        y = y.mul(sd.reshape(a, perChannel));
        return SdOps.avgPool(sd, layout, y, 2, 2);
    }

    /** The contract name of filter bank W(j->i) in block b. */
    static String bankName(int b, int j, int i) {
        return "block" + b + ".w" + j + "_" + i;
    }

    private SDVariable concat(SDVariable... xs) {
        return xs.length == 1 ? xs[0] : sd.concat(layout.channelAxis(), xs);
    }

    private SDVariable relu(SDVariable x) {
        return sd.nn().relu(x, 0);
    }
}
