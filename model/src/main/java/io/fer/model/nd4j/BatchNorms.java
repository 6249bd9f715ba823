package io.fer.model.nd4j;

/** The batch-norm conventions of the weight contract (PyTorch's). */
final class BatchNorms {
    static final double EPSILON = 1e-5;
    /** Weight of the newest batch in the running statistics. */
    static final double MOMENTUM = 0.1;

    static final String GAMMA = ".gamma";
    static final String BETA = ".beta";
    static final String RUNNING_MEAN = ".running_mean";
    static final String RUNNING_VAR = ".running_var";

    private BatchNorms() {
    }
}
