package io.fer.model.pytorch;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import io.fer.model.NetworkSpec;
import io.fer.model.ParameterLayout;
import io.fer.model.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's named tensors on libtorch: trainable parameters (with gradients) and running statistics, in
 * {@link ParameterLayout} order. One tensor per name, so a name used twice in a forward pass shares storage and
 * accumulates both gradients.
 */
final class PtParameters implements AutoCloseable {

    private final NDManager manager;
    private final Map<String, PtNDArray> tensors = new LinkedHashMap<>();
    private final Map<String, PtNDArray> trainable = new LinkedHashMap<>();
    private final Map<String, PtNDArray> statistics = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException if a tensor of the layout is missing or has the wrong shape
     */
    PtParameters(NDManager manager, NetworkSpec spec, Map<String, Tensor> weights) {
        this.manager = manager;
        List<ParameterLayout.Entry> entries = ParameterLayout.of(spec).entries();
        for (ParameterLayout.Entry e : entries) {
            Tensor t = weights.get(e.name());
            if (t == null) throw new IllegalArgumentException("weights lack tensor '" + e.name() + "' of " + spec);
            if (!Arrays.equals(t.shape(), e.shape())) {
                throw new IllegalArgumentException("tensor '" + e.name() + "' has shape " + Arrays.toString(t.shape())
                        + ", " + spec + " needs " + Arrays.toString(e.shape()));
            }
            PtNDArray a = (PtNDArray) manager.create(t.data(), new Shape(t.shape()));
            tensors.put(e.name(), a);
            if (e.kind().isStatistic()) {
                statistics.put(e.name(), a);
            } else {
                a.setRequiresGradient(true);
                trainable.put(e.name(), a);
            }
        }
    }

    /** For tests: adds a trainable tensor that is not part of the layout (e.g. a separate copy of a shared bank). */
    void addTrainable(String name, Tensor value) {
        if (tensors.containsKey(name)) throw new IllegalArgumentException("tensor " + name + " exists");
        PtNDArray a = (PtNDArray) manager.create(value.data(), new Shape(value.shape()));
        a.setRequiresGradient(true);
        tensors.put(name, a);
        trainable.put(name, a);
    }

    /** The tensor of a name; throws on an unknown name (a bug in a forward pass). */
    PtNDArray get(String name) {
        PtNDArray a = tensors.get(name);
        if (a == null) throw new IllegalStateException("no tensor named " + name);
        return a;
    }

    Map<String, PtNDArray> trainable() {
        return trainable;
    }

    Map<String, PtNDArray> statistics() {
        return statistics;
    }

    NDManager manager() {
        return manager;
    }

    /** Copies of the given tensors as engine-neutral {@link Tensor}s. */
    static Map<String, Tensor> export(Map<String, PtNDArray> arrays) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        arrays.forEach((name, a) -> out.put(name, toTensor(a)));
        return out;
    }

    static Tensor toTensor(PtNDArray a) {
        return new Tensor(a.getShape().getShape(), a.toFloatArray());
    }

    @Override
    public void close() {
        manager.close();
    }
}
