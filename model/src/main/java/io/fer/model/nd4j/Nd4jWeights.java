package io.fer.model.nd4j;

import io.fer.model.NetworkSpec;
import io.fer.model.ParameterLayout;
import io.fer.model.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A network's current tensors as ND4J arrays, by README name: the trainable parameters and the batch-norm running
 * statistics, checked against {@link ParameterLayout} on the way in.
 */
final class Nd4jWeights {
    static {
        NativeBuild.select(); // every network starts here: choose the native build before ND4J loads
    }

    private final Map<String, INDArray> trainable = new LinkedHashMap<>();
    private final Map<String, INDArray> statistics = new LinkedHashMap<>();

    /**
     * @throws IllegalArgumentException if a tensor of the layout is missing or has another shape, or if
     *                                  {@code weights} holds a name the layout does not have
     */
    Nd4jWeights(NetworkSpec spec, Map<String, Tensor> weights) {
        if (weights == null) throw new IllegalArgumentException("weights are required");
        Map<String, ParameterLayout.Entry> layout = ParameterLayout.of(spec).byName();
        Set<String> unknown = new TreeSet<>(weights.keySet());
        unknown.removeAll(layout.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("tensors that are not part of " + spec.architecture() + ": " + unknown);
        }
        for (ParameterLayout.Entry e : layout.values()) {
            Tensor t = weights.get(e.name());
            if (t == null) throw new IllegalArgumentException("missing tensor '" + e.name() + "'");
            if (!Arrays.equals(t.shape(), e.shape())) {
                throw new IllegalArgumentException("tensor '" + e.name() + "' has shape " + Arrays.toString(t.shape())
                        + ", expected " + Arrays.toString(e.shape()));
            }
            (e.kind().isStatistic() ? statistics : trainable).put(e.name(), TensorArrays.toArray(t));
        }
    }

    /** Trainable arrays by name; live, updated in place by training. */
    Map<String, INDArray> trainable() {
        return trainable;
    }

    /** Running statistics by name; live, updated in place by training. */
    Map<String, INDArray> statistics() {
        return statistics;
    }

    /** The array of any tensor, trainable or statistic. */
    INDArray get(String name) {
        INDArray a = trainable.get(name);
        return a != null ? a : statistics.get(name);
    }

    static Map<String, Tensor> export(Map<String, INDArray> arrays) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        arrays.forEach((name, a) -> out.put(name, TensorArrays.toTensor(a)));
        return out;
    }
}
