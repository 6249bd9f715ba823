package io.fer.model.nd4j;

import io.fer.model.Tensor;
import io.fer.model.TrainingOptions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD (momentum, Nesterov), Adam and AdamW with PyTorch's update rules (see {@link TrainingOptions}), applied in
 * place to the parameter arrays. Its state uses the same names as the PyTorch engine's ({@code optimiser.step},
 * {@code <param>.m1}, {@code <param>.m2}), so a checkpoint's optimiser state moves between engines.
 */
final class Nd4jOptimiser {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private static final String STEP = "optimiser.step";

    private final TrainingOptions options;
    private final Map<String, INDArray> first = new LinkedHashMap<>();
    private final Map<String, INDArray> second = new LinkedHashMap<>();
    private long step;

    Nd4jOptimiser(TrainingOptions options, Map<String, INDArray> params) {
        this.options = options;
        boolean adam = options.optimiser() != TrainingOptions.Optimiser.SGD;
        params.forEach((name, w) -> {
            if (adam || options.momentum() > 0) first.put(name, w.ulike().assign(0));
            if (adam) second.put(name, w.ulike().assign(0));
        });
    }

    /** Updates every parameter that has a gradient, at learning rate {@code lr}. */
    void update(Map<String, INDArray> params, Map<String, INDArray> gradients, double lr) {
        step++;
        params.forEach((name, w) -> {
            INDArray g = gradients.get(name);
            if (g == null) return;
            if (options.optimiser() == TrainingOptions.Optimiser.SGD) sgd(name, w, g, lr);
            else adam(name, w, g, lr);
        });
    }

    private void sgd(String name, INDArray w, INDArray g, double lr) {
        double wd = options.weightDecay();
        double m = options.momentum();
        INDArray d = wd > 0 ? g.add(w.mul(wd)) : g;
        if (m > 0) {
            INDArray buf = first.get(name);
            buf.muli(m).addi(d);
            d = options.nesterov() ? d.add(buf.mul(m)) : buf;
        }
        w.subi(d.mul(lr));
    }

    private void adam(String name, INDArray w, INDArray g, double lr) {
        double wd = options.weightDecay();
        INDArray d = g;
        if (options.optimiser() == TrainingOptions.Optimiser.ADAMW) {
            if (wd > 0) w.muli(1 - lr * wd);
        } else if (wd > 0) {
            d = g.add(w.mul(wd));
        }
        INDArray m = first.get(name);
        INDArray v = second.get(name);
        m.muli(BETA1).addi(d.mul(1 - BETA1));
        v.muli(BETA2).addi(d.mul(d).muli(1 - BETA2));
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2 = 1 - Math.pow(BETA2, step);
        INDArray denom = Transforms.sqrt(v, true).divi(Math.sqrt(bc2)).addi(EPS);
        w.subi(m.div(denom).muli(lr / bc1));
    }

    /** The step count and the moment buffers. */
    Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(STEP, new Tensor(new long[] {1}, new float[] {step}));
        first.forEach((k, a) -> out.put(k + ".m1", TensorArrays.toTensor(a)));
        second.forEach((k, a) -> out.put(k + ".m2", TensorArrays.toTensor(a)));
        return out;
    }

    /** Restores {@link #state()}; buffers absent from {@code state} keep their values. */
    void load(Map<String, Tensor> state) {
        Tensor s = state.get(STEP);
        if (s != null) step = (long) s.data()[0];
        restore(first, state, ".m1");
        restore(second, state, ".m2");
    }

    private static void restore(Map<String, INDArray> buffers, Map<String, Tensor> state, String suffix) {
        buffers.forEach((name, a) -> {
            Tensor t = state.get(name + suffix);
            if (t == null) return;
            if (t.size() != a.length()) {
                throw new IllegalArgumentException("optimiser state " + name + suffix + " has " + t.size()
                        + " values, expected " + a.length());
            }
            a.assign(TensorArrays.toArray(t).reshape(a.shape()));
        });
    }
}
