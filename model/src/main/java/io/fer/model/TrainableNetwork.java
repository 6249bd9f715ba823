package io.fer.model;

import java.util.Map;

/*
 * CONTRACT between the engines and the trainer (see Engine.java). Keep it small and stable.
 */

/**
 * A network that can be trained one batch at a time and exported as named tensors.
 *
 * <p>Modes are per call, not a switch: {@link #trainStep} runs in training mode (batch statistics, running statistics
 * updated with momentum 0.1, dropout on), {@link #predict} in inference mode (running statistics, no dropout).
 * Not thread-safe for {@link #trainStep}.
 */
public interface TrainableNetwork extends InferenceModel {

    /**
     * One optimisation step on a batch: forward in training mode, cross-entropy against {@code targets}
     * ({@code -sum t log softmax(z)}, averaged over the batch), backward, and an update of every trainable parameter
     * with the optimiser of {@link TrainingOptions} at the given learning rate. At learning rate 0 no parameter
     * changes, only the running statistics: the trainer re-estimates those of averaged weights that way.
     *
     * @param input        normalised pixels NCHW {@code [batch, 1, 48, 48]} flattened
     * @param targets      {@code batch * numClasses} target probabilities: one-hot for hard labels, vote
     *                     distributions for soft labels (each row sums to 1)
     * @param batch        the number of faces
     * @param learningRate this step's learning rate (from the schedule)
     * @return the batch's mean loss and how many faces the pre-update scores got right (argmax of scores equals
     *         argmax of targets)
     */
    StepResult trainStep(float[] input, float[] targets, int batch, double learningRate);

    /** Copies of the trainable parameters by README name (all float32, PyTorch layouts). */
    Map<String, Tensor> parameters();

    /** Copies of the batch-norm running statistics ({@code *.running_mean}, {@code *.running_var}) by README name. */
    Map<String, Tensor> statistics();

    /** Parameters and running statistics together: what a bundle stores and {@link Engine#load} takes. */
    default Map<String, Tensor> weights() {
        Map<String, Tensor> all = new java.util.LinkedHashMap<>(parameters());
        all.putAll(statistics());
        return all;
    }

    /**
     * The optimiser's state (e.g. momentum buffers as {@code <param>.momentum}), for checkpoints. Engines that do not
     * export it return an empty map; a resumed run then rebuilds the state from zero.
     */
    default Map<String, Tensor> optimiserState() {
        return Map.of();
    }

    /** Restores what {@link #optimiserState()} returned; ignored by engines that do not export it. */
    default void loadOptimiserState(Map<String, Tensor> state) {
    }

    /**
     * The result of one training step.
     *
     * @param loss    mean cross-entropy over the batch
     * @param correct faces whose top score matched the top target
     */
    record StepResult(double loss, int correct) {
    }
}
