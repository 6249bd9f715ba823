package io.fer.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;

/**
 * Graph parameters for serving: every weight is a constant, batch norm uses the running statistics fused into one
 * per-channel scale and shift ({@code gamma / sqrt(var + eps)}, {@code beta - mean * scale}), dropout is the identity,
 * and filter banks are concatenated and laid out for the convolution once here, not on every forward pass.
 */
final class InferenceParameters implements GraphParameters {
    private final SameDiff sd;
    private final Nd4jWeights weights;
    private final Layout layout;

    InferenceParameters(SameDiff sd, Nd4jWeights weights, Layout layout) {
        this.sd = sd;
        this.weights = weights;
        this.layout = layout;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public SDVariable weight(String name, long... shape) {
        if (sd.hasVariable(name)) return sd.getVariable(name);
        return sd.constant(name, take(name, shape));
    }

    @Override
    public SDVariable filters(List<String> names, List<long[]> shapes) {
        String name = String.join("+", names);
        if (sd.hasVariable(name)) return sd.getVariable(name);
        INDArray[] banks = new INDArray[names.size()];
        for (int s = 0; s < banks.length; s++) banks[s] = take(names.get(s), shapes.get(s));
        INDArray oihw = banks.length == 1 ? banks[0] : Nd4j.concat(1, banks);
        return sd.constant(name, oihw.permute(2, 3, 1, 0).dup('c'));
    }

    @Override
    public SDVariable batchNorm(String prefix, SDVariable x, long channels) {
        INDArray[] scaleShift = fusedBatchNorm(prefix, channels);
        SDVariable scale = sd.constant(prefix + ".scale", scaleShift[0].reshape(layout.perChannel(channels)));
        SDVariable shift = sd.constant(prefix + ".shift", scaleShift[1].reshape(layout.perChannel(channels)));
        return x.mul(scale).add(shift);
    }

    /** The running-statistics batch norm of {@code prefix} as {scale, shift}, each {@code [channels]}. */
    private INDArray[] fusedBatchNorm(String prefix, long channels) {
        INDArray gamma = take(prefix + BatchNorms.GAMMA, channels);
        INDArray beta = take(prefix + BatchNorms.BETA, channels);
        INDArray mean = take(prefix + BatchNorms.RUNNING_MEAN, channels);
        INDArray var = take(prefix + BatchNorms.RUNNING_VAR, channels);
        INDArray scale = gamma.div(Transforms.sqrt(var.add(BatchNorms.EPSILON), false));
        INDArray shift = beta.sub(mean.mul(scale));
        return new INDArray[] {scale, shift};
    }

    @Override
    public SDVariable dropout(String site, SDVariable x, long... perFace) {
        return x;
    }

    private INDArray take(String name, long... shape) {
        return Shapes.checked(name, weights.get(name), shape);
    }
}
