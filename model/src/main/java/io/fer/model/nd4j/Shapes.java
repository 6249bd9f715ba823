package io.fer.model.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Guards the agreement between the graph builders and {@link io.fer.model.ParameterLayout}. */
final class Shapes {
    private Shapes() {
    }

    /** {@code array} if the graph's expected shape matches; a mismatch is a bug in a graph builder. */
    static INDArray checked(String name, INDArray array, long... shape) {
        if (array == null) throw new IllegalStateException("the graph uses '" + name + "', which the layout lacks");
        if (!Arrays.equals(array.shape(), shape)) {
            throw new IllegalStateException("the graph expects '" + name + "' as " + Arrays.toString(shape)
                    + ", the layout has " + Arrays.toString(array.shape()));
        }
        return array;
    }
}
