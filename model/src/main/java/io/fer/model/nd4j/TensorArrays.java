package io.fer.model.nd4j;

import io.fer.model.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between engine-neutral {@link Tensor}s and ND4J float arrays. */
final class TensorArrays {
    private TensorArrays() {
    }

    static INDArray toArray(Tensor t) {
        return Nd4j.create(t.data(), t.shape(), 'c');
    }

    static Tensor toTensor(INDArray a) {
        INDArray c = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        return new Tensor(a.shape().clone(), c.dup('c').data().asFloat());
    }
}
