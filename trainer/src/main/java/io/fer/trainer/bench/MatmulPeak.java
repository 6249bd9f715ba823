package io.fer.trainer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.fer.model.Engines;
import io.fer.model.pytorch.PyTorchRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float32 matrix-multiply rate of an engine: {@code C = A B} for random {@code n x n} matrices, counted as
 * {@code 2 n^3} floating-point operations. The best of the engines is the machine's practical compute peak that
 * the networks' GFLOP/s are compared with.
 */
public final class MatmulPeak {

    private MatmulPeak() {
    }

    /**
     * Measures one engine's sgemm rate.
     *
     * @param engine  {@code nd4j} or {@code pytorch}
     * @param n       matrix side
     * @param rounds  timed rounds
     * @param seconds approximate length of one round
     * @return floating-point operations per second
     */
    public static Rate measure(String engine, int n, int rounds, double seconds) {
        if (n < 1) throw new IllegalArgumentException("the matrix side must be positive, got " + n);
        double flops = 2.0 * n * n * n;
        // Creating the engine first selects its native build (ND4J) or loads it offline (PyTorch).
        String name = Engines.byName(engine).name();
        if (name.equals("nd4j")) {
            INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
            INDArray c = Nd4j.create(DataType.FLOAT, n, n);
            try {
                return Rate.measure(flops, () -> a.mmuli(b, c), rounds, seconds);
            } finally {
                a.close();
                b.close();
                c.close();
            }
        }
        try (NDManager manager = PyTorchRuntime.engine().newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(n, n));
            NDArray b = manager.randomNormal(new Shape(n, n));
            return Rate.measure(flops, () -> a.matMul(b).close(), rounds, seconds);
        }
    }
}
