package io.fer.model;

import java.util.Map;

/*
 * CONTRACT between the engines (io.fer.model.pytorch, io.fer.model.nd4j) and their callers (trainer, serving).
 * Keep it small and stable: other modules code against it. Tensor names and layouts are those of model/README.md,
 * listed in code by ParameterLayout.
 */

/**
 * A deep-learning engine that builds the networks of {@link Architecture}: from fresh weights or from named tensors.
 * Implementations: {@code io.fer.model.pytorch.PyTorchEngine}, {@code io.fer.model.nd4j.Nd4jEngine}.
 */
public interface Engine {

    /** The engine's short name as used on the command line and in manifests: {@code pytorch} or {@code nd4j}. */
    String name();

    /**
     * Builds a network from named tensors: every trainable parameter and running statistic of
     * {@link ParameterLayout#of(NetworkSpec)}, with exactly those shapes.
     *
     * @param spec    architecture and class count
     * @param weights tensors by README name
     * @param options dropout and optimiser used by {@link TrainableNetwork#trainStep}
     * @throws IllegalArgumentException if a tensor is missing or has the wrong shape
     */
    TrainableNetwork load(NetworkSpec spec, Map<String, Tensor> weights, TrainingOptions options);

    /**
     * Builds a freshly initialised network: He (fan-in) for convolutions, Xavier for fully connected layers, as drawn
     * by {@link Initialiser}, so both engines start from the same weights for the same seed.
     */
    default TrainableNetwork create(NetworkSpec spec, TrainingOptions options, long seed) {
        return load(spec, Initialiser.initialise(spec, seed), options);
    }
}
