package io.fer.model.nd4j;

import io.fer.model.InferenceModel;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * A {@link TrainableNetwork} on ND4J. Training runs a {@link TrainingGraph} (built on the first step) and
 * {@link Nd4jOptimiser}; prediction runs a separate inference model built from the current weights on first use and
 * rebuilt after training changed them. {@link #predict} is thread-safe; {@link #trainStep} is not.
 */
final class Nd4jNetwork implements TrainableNetwork {
    private final NetworkSpec spec;
    private final TrainingOptions options;
    private final Nd4jWeights weights;
    private final Nd4jOptimiser optimiser;
    private TrainingGraph training;
    private volatile InferenceModel inference;

    Nd4jNetwork(NetworkSpec spec, Nd4jWeights weights, TrainingOptions options) {
        this.spec = spec;
        this.options = options;
        this.weights = weights;
        this.optimiser = new Nd4jOptimiser(options, weights.trainable());
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public float[][] predict(float[] input, int batch) {
        InferenceModel model = inference;
        if (model == null) {
            synchronized (this) {
                model = inference;
                if (model == null) inference = model = InferenceModels.create(spec, weights);
            }
        }
        return model.predict(input, batch);
    }

    @Override
    public StepResult trainStep(float[] input, float[] targets, int batch, double learningRate) {
        INDArray x = Inputs.faces(input, batch);
        INDArray t = Inputs.targets(targets, batch, spec.numClasses());
        TrainingGraph.Pass pass = trainingGraph().run(x, t);
        optimiser.update(weights.trainable(), pass.gradients(), learningRate);
        for (TrainingParameters.BatchNormSite site : training.batchNorms()) {
            updateRunning(site.prefix() + BatchNorms.RUNNING_MEAN, pass.outputs().get(site.batchMean()));
            updateRunning(site.prefix() + BatchNorms.RUNNING_VAR, pass.outputs().get(site.batchVar()));
        }
        inference = null;
        return new StepResult(pass.loss(), correct(pass.logits(), t));
    }

    /** The training graph, built on first use; its variables hold the live trainable arrays. */
    TrainingGraph trainingGraph() {
        if (training == null) {
            training = new TrainingGraph(spec, weights, true, options.dropout());
            weights.trainable().replaceAll((name, a) -> training.array(name));
        }
        return training;
    }

    private void updateRunning(String name, INDArray batchValue) {
        weights.statistics().get(name).muli(1 - BatchNorms.MOMENTUM).addi(batchValue.mul(BatchNorms.MOMENTUM));
    }

    private static int correct(INDArray logits, INDArray targets) {
        INDArray predicted = logits.argMax(1);
        INDArray expected = targets.argMax(1);
        int correct = 0;
        for (long n = 0; n < predicted.length(); n++) {
            if (predicted.getLong(n) == expected.getLong(n)) correct++;
        }
        return correct;
    }

    @Override
    public Map<String, Tensor> parameters() {
        return Nd4jWeights.export(weights.trainable());
    }

    @Override
    public Map<String, Tensor> statistics() {
        return Nd4jWeights.export(weights.statistics());
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
        InferenceModel model = inference;
        if (model != null) model.close();
    }
}
