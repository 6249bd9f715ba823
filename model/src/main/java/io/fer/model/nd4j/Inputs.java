package io.fer.model.nd4j;

import io.fer.model.NetworkSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Checks and wraps the engine-neutral flat inputs. */
final class Inputs {
    private Inputs() {
    }

    /** A batch of normalised faces as {@code [batch, 1, 48, 48]}. */
    static INDArray faces(float[] input, int batch) {
        if (input == null) throw new IllegalArgumentException("input is required");
        if (batch < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        if (input.length != (long) batch * NetworkSpec.PIXELS) {
            throw new IllegalArgumentException("input needs " + (long) batch * NetworkSpec.PIXELS
                    + " values for batch " + batch + ", got " + input.length);
        }
        return Nd4j.create(input, new long[] {batch, 1, NetworkSpec.SIDE, NetworkSpec.SIDE}, 'c');
    }

    /** Target probabilities as {@code [batch, classes]}. */
    static INDArray targets(float[] targets, int batch, int classes) {
        if (targets == null) throw new IllegalArgumentException("targets are required");
        if (targets.length != (long) batch * classes) {
            throw new IllegalArgumentException("targets need " + (long) batch * classes + " values for batch " + batch
                    + ", got " + targets.length);
        }
        return Nd4j.create(targets, new long[] {batch, classes}, 'c');
    }
}
