package io.fer.model.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;

import java.util.Map;

/** A {@link TrainableNetwork} on libtorch: a forward pass over named tensors, autograd, and {@link PtOptimiser}. */
final class PtNetwork implements TrainableNetwork {

    private final NetworkSpec spec;
    private final TrainingOptions options;
    private final PtParameters params;
    private final PtForward forward;
    private final PtOptimiser optimiser;

    PtNetwork(NetworkSpec spec, TrainingOptions options, PtParameters params, PtForward forward) {
        this.spec = spec;
        this.options = options;
        this.params = params;
        this.forward = forward;
        this.optimiser = new PtOptimiser(options, params.trainable(), params.manager());
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public float[][] predict(float[] input, int batch) {
        checkInput(input, batch);
        try (NDManager step = params.manager().newSubManager()) {
            JniUtils.setGradMode(false); // grad mode is per thread in libtorch; callers may be on any thread
            NDArray x = step.create(input, new Shape(batch, 1, NetworkSpec.SIDE, NetworkSpec.SIDE));
            NDArray logits = forward.forward(params, x, false, 0);
            float[] flat = JniUtils.softmax((PtNDArray) logits, 1, DataType.FLOAT32).toFloatArray();
            return rows(flat, batch, spec.numClasses());
        }
    }

    @Override
    public StepResult trainStep(float[] input, float[] targets, int batch, double learningRate) {
        checkInput(input, batch);
        int classes = spec.numClasses();
        if (targets.length != batch * classes) {
            throw new IllegalArgumentException("targets need " + batch * classes + " values, got " + targets.length);
        }
        double loss;
        float[] scores;
        try (NDManager step = params.manager().newSubManager()) {
            JniUtils.setGradMode(true);
            try {
                NDArray x = step.create(input, new Shape(batch, 1, NetworkSpec.SIDE, NetworkSpec.SIDE));
                NDArray t = step.create(targets, new Shape(batch, classes));
                NDArray logits = forward.forward(params, x, true, options.dropout());
                NDArray logp = JniUtils.logSoftmax((PtNDArray) logits, 1, DataType.FLOAT32);
                NDArray l = logp.mul(t).sum().neg().div(batch);
                JniUtils.backward((PtNDArray) l, (PtNDArray) step.ones(new Shape()), false, false);
                loss = l.getFloat();
                scores = logits.toFloatArray();
            } finally {
                JniUtils.setGradMode(false);
            }
            optimiser.update(learningRate);
        }
        return new StepResult(loss, countCorrect(scores, targets, batch, classes));
    }

    @Override
    public Map<String, Tensor> parameters() {
        return PtParameters.export(params.trainable());
    }

    @Override
    public Map<String, Tensor> statistics() {
        return PtParameters.export(params.statistics());
    }

    @Override
    public Map<String, Tensor> optimiserState() {
        return optimiser.state();
    }

    @Override
    public void loadOptimiserState(Map<String, Tensor> state) {
        optimiser.load(state);
    }

    @Override
    public void close() {
        params.close();
    }

    private static void checkInput(float[] input, int batch) {
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (input.length != batch * NetworkSpec.PIXELS) {
            throw new IllegalArgumentException("input needs " + batch * NetworkSpec.PIXELS + " values for batch "
                    + batch + ", got " + input.length);
        }
    }

    private static float[][] rows(float[] flat, int batch, int classes) {
        float[][] out = new float[batch][classes];
        for (int n = 0; n < batch; n++) System.arraycopy(flat, n * classes, out[n], 0, classes);
        return out;
    }

    static int countCorrect(float[] scores, float[] targets, int batch, int classes) {
        int correct = 0;
        for (int n = 0; n < batch; n++) {
            if (argMax(scores, n * classes, classes) == argMax(targets, n * classes, classes)) correct++;
        }
        return correct;
    }

    private static int argMax(float[] v, int from, int length) {
        int best = 0;
        for (int k = 1; k < length; k++) if (v[from + k] > v[from + best]) best = k;
        return best;
    }
}
