package io.fer.model.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.fer.model.Tensor;
import io.fer.model.TrainingOptions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SGD (momentum, Nesterov), Adam and AdamW with PyTorch's update rules (see {@link TrainingOptions}), applied in
 * place to the parameters after a backward pass; it then zeroes the gradients.
 */
final class PtOptimiser {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private static final String STEP = "optimiser.step";

    private final TrainingOptions options;
    private final Map<String, PtNDArray> params;
    private final NDManager manager;
    /** Momentum buffer (SGD) or first moment (Adam), by parameter name. */
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    /** Second moment (Adam), by parameter name. */
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long step;

    PtOptimiser(TrainingOptions options, Map<String, PtNDArray> params, NDManager manager) {
        this.options = options;
        this.params = params;
        this.manager = manager;
        boolean adam = options.optimiser() != TrainingOptions.Optimiser.SGD;
        for (Map.Entry<String, PtNDArray> e : params.entrySet()) {
            Shape shape = e.getValue().getShape();
            if (adam || options.momentum() > 0) first.put(e.getKey(), manager.zeros(shape));
            if (adam) second.put(e.getKey(), manager.zeros(shape));
        }
    }

    /** Applies one update at learning rate {@code lr} from the accumulated gradients, then zeroes them. */
    void update(double lr) {
        step++;
        try (NDManager scratch = manager.newSubManager()) {
            for (Map.Entry<String, PtNDArray> e : params.entrySet()) {
                PtNDArray w = e.getValue();
                PtNDArray g = JniUtils.getGradient(w);
                if (g == null) continue; // unused in this pass
                g.attach(scratch);
                if (options.optimiser() == TrainingOptions.Optimiser.SGD) {
                    sgd(scratch, e.getKey(), w, g, lr);
                } else {
                    adam(scratch, e.getKey(), w, g, lr);
                }
                JniUtils.zeroGrad(w);
            }
        }
    }

    private void sgd(NDManager s, String name, NDArray w, NDArray g, double lr) {
        double wd = options.weightDecay();
        double m = options.momentum();
        NDArray d = wd > 0 ? g.add(tmp(s, w.mul(wd))) : g;
        if (m > 0) {
            NDArray buf = first.get(name);
            buf.muli(m).addi(d);
            d = options.nesterov() ? tmp(s, d.add(tmp(s, buf.mul(m)))) : buf;
        }
        w.subi(tmp(s, d.mul(lr)));
    }

    private void adam(NDManager s, String name, NDArray w, NDArray g, double lr) {
        double wd = options.weightDecay();
        NDArray d = g;
        if (options.optimiser() == TrainingOptions.Optimiser.ADAMW) {
            if (wd > 0) w.muli(1 - lr * wd);
        } else if (wd > 0) {
            d = g.add(tmp(s, w.mul(wd)));
        }
        NDArray m = first.get(name);
        NDArray v = second.get(name);
        m.muli(BETA1).addi(tmp(s, d.mul(1 - BETA1)));
        v.muli(BETA2).addi(tmp(s, d.mul(d)).muli(1 - BETA2));
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2 = 1 - Math.pow(BETA2, step);
        NDArray denom = tmp(s, v.sqrt()).divi(Math.sqrt(bc2)).addi(EPS);
        w.subi(tmp(s, m.div(denom)).muli(lr / bc1));
    }

    /** Moves a temporary created by an operation on a long-lived array into the scratch manager. */
    private static NDArray tmp(NDManager scratch, NDArray a) {
        a.attach(scratch);
        return a;
    }

    /** The step count and the moment buffers, as {@code <param>.m1} / {@code <param>.m2}. */
    Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(STEP, new Tensor(new long[] {1}, new float[] {step}));
        first.forEach((k, a) -> out.put(k + ".m1", PtParameters.toTensor((PtNDArray) a)));
        second.forEach((k, a) -> out.put(k + ".m2", PtParameters.toTensor((PtNDArray) a)));
        return out;
    }

    /** Restores {@link #state()}; buffers absent from {@code state} keep their current values. */
    void load(Map<String, Tensor> state) {
        Tensor s = state.get(STEP);
        if (s != null) step = (long) s.data()[0];
        restore(first, state, ".m1");
        restore(second, state, ".m2");
    }

    private static void restore(Map<String, NDArray> buffers, Map<String, Tensor> state, String suffix) {
        buffers.forEach((name, a) -> {
            Tensor t = state.get(name + suffix);
            if (t != null) {
                if (t.size() != a.size()) {
                    throw new IllegalArgumentException("optimiser state " + name + suffix + " has " + t.size()
                            + " values, expected " + a.size());
                }
                a.set(t.data());
            }
        });
    }
}
