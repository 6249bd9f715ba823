package io.fer.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Graph parameters for training, built so that SameDiff 1.0.0-M2.1 can differentiate them: weights are trainable
 * variables; batch norm normalises with the batch mean and variance computed from mean ops (not {@code batchNorm},
 * whose gradient fails) and exposes them as outputs so the caller can update the running statistics; dropout
 * multiplies by a Bernoulli mask fed as a placeholder (the dropout ops have no gradient).
 *
 * <p>A name asked for twice is the same variable (stage II's use of W(j->i), j &lt; i, is stage I's tensor). With
 * {@code tied = false} every further use gets its own copy instead, which lets a test compare the shared gradient
 * with the sum of the separate ones.
 */
final class TrainingParameters implements GraphParameters {
    /** A batch-norm site: its prefix, its channel count and the graph outputs holding its batch statistics. */
    record BatchNormSite(String prefix, long channels, String batchMean, String batchVar) {
    }

    /** A dropout site: the placeholder of its mask and the shape of one face's activations there. */
    record DropoutSite(String placeholder, long[] perFace) {
    }

    private final SameDiff sd;
    private final Nd4jWeights initial;
    private final boolean tied;
    private final boolean dropout;
    private final Map<String, Integer> uses = new LinkedHashMap<>();
    private final List<BatchNormSite> batchNorms = new ArrayList<>();
    private final List<DropoutSite> dropouts = new ArrayList<>();

    /**
     * @param initial the network's tensors; each trainable one becomes the array of its variable (updated in place)
     * @param dropout whether the graph has dropout masks (false when the dropout rate is 0)
     */
    TrainingParameters(SameDiff sd, Nd4jWeights initial, boolean tied, boolean dropout) {
        this.sd = sd;
        this.initial = initial;
        this.tied = tied;
        this.dropout = dropout;
    }

    @Override
    public Layout layout() {
        return Layout.NCHW;
    }

    @Override
    public SDVariable weight(String name, long... shape) {
        int use = uses.merge(name, 1, Integer::sum);
        if (use > 1 && tied) return sd.getVariable(name);
        INDArray value = Shapes.checked(name, initial.get(name), shape);
        return use == 1 ? sd.var(name, value) : sd.var(untiedName(name, use), value.dup());
    }

    @Override
    public SDVariable filters(List<String> names, List<long[]> shapes) {
        SDVariable[] banks = new SDVariable[names.size()];
        for (int s = 0; s < banks.length; s++) banks[s] = weight(names.get(s), shapes.get(s));
        return sd.permute(banks.length == 1 ? banks[0] : sd.concat(1, banks), 2, 3, 1, 0);
    }

    @Override
    public SDVariable batchNorm(String prefix, SDVariable x, long channels) {
        SDVariable gamma = sd.reshape(weight(prefix + BatchNorms.GAMMA, channels), 1, channels, 1, 1);
        SDVariable beta = sd.reshape(weight(prefix + BatchNorms.BETA, channels), 1, channels, 1, 1);
        SDVariable mean = x.mean(true, 0, 2, 3);
        SDVariable centred = x.sub(mean);
        SDVariable var = centred.mul(centred).mean(true, 0, 2, 3);
        SDVariable normalised = centred.mul(sd.math().rsqrt(var.add(BatchNorms.EPSILON)));
        BatchNormSite site = new BatchNormSite(prefix, channels, prefix + ".batch_mean", prefix + ".batch_var");
        sd.reshape(site.batchMean(), mean, channels);
        // the running variance is the unbiased one, as in PyTorch
        SDVariable count = sd.prod(sd.shape(x).castTo(DataType.FLOAT)).div(channels);
        sd.reshape(site.batchVar(), var.mul(count.div(count.sub(1))), channels);
        batchNorms.add(site);
        return normalised.mul(gamma).add(beta);
    }

    @Override
    public SDVariable dropout(String site, SDVariable x, long... perFace) {
        if (!dropout) return x;
        long[] shape = new long[perFace.length + 1];
        shape[0] = -1;
        System.arraycopy(perFace, 0, shape, 1, perFace.length);
        DropoutSite s = new DropoutSite(site + ".mask", perFace);
        dropouts.add(s);
        return x.mul(sd.placeHolder(s.placeholder(), DataType.FLOAT, shape));
    }

    List<BatchNormSite> batchNorms() {
        return batchNorms;
    }

    List<DropoutSite> dropouts() {
        return dropouts;
    }

    /** How many times the graph uses the tensor {@code name}. */
    int uses(String name) {
        return uses.getOrDefault(name, 0);
    }

    /** The variable name of the {@code use}-th use of {@code name} when weights are untied. */
    static String untiedName(String name, int use) {
        return name + "#" + use;
    }
}
