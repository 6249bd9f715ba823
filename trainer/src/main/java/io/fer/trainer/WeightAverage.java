package io.fer.trainer;

import io.fer.model.Tensor;
import io.fer.model.bundle.SafeTensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic weight averaging over the last epochs of a run (Izmailov et al., 2018, "Averaging Weights Leads to Wider
 * Optima and Better Generalization"). Each epoch of the window leaves its weights in the run directory as
 * {@code epoch-<n>.safetensors}, so a killed run resumes with its window intact; {@link #mean} then averages them
 * tensor by tensor. Batch-norm running statistics do not average meaningfully: the trainer re-estimates them on
 * training batches before it evaluates the mean.
 */
final class WeightAverage {

    private WeightAverage() {
    }

    /** The 1-based epochs averaged when a run of {@code epochs} epochs averages its last {@code last}. */
    static boolean inWindow(int epoch, int epochs, int last) {
        return last > 0 && epoch > epochs - last && epoch <= epochs;
    }

    /** Keeps one epoch's weights for the average (replacing that epoch's earlier copy, if a resumed run redid it). */
    static void keep(Path runDir, int epoch, Map<String, Tensor> weights) throws IOException {
        Checkpoint.writeAtomically(file(runDir, epoch), weights);
    }

    /** The epochs of the window whose weights the run directory holds, in order. */
    static List<Integer> kept(Path runDir, int epochs, int last) {
        List<Integer> out = new ArrayList<>();
        for (int e = Math.max(1, epochs - last + 1); e <= epochs; e++) {
            if (Files.isRegularFile(file(runDir, e))) out.add(e);
        }
        return out;
    }

    /** The element-wise mean of the kept weights of {@code epochs}. */
    static Map<String, Tensor> mean(Path runDir, List<Integer> epochs) throws IOException {
        if (epochs.isEmpty()) throw new IllegalArgumentException("no epochs to average");
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (int e : epochs) {
            Map<String, Tensor> w = SafeTensors.read(file(runDir, e)).tensors();
            if (!sums.isEmpty() && !sums.keySet().equals(w.keySet())) {
                throw new IllegalStateException(file(runDir, e) + " holds other tensors than the epochs before it");
            }
            for (Map.Entry<String, Tensor> t : w.entrySet()) {
                double[] sum = sums.computeIfAbsent(t.getKey(), k -> new double[t.getValue().size()]);
                shapes.putIfAbsent(t.getKey(), t.getValue().shape());
                float[] v = t.getValue().data();
                for (int i = 0; i < v.length; i++) sum[i] += v[i];
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        sums.forEach((name, sum) -> {
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) mean[i] = (float) (sum[i] / epochs.size());
            out.put(name, new Tensor(shapes.get(name), mean));
        });
        return out;
    }

    private static Path file(Path runDir, int epoch) {
        return runDir.resolve("epoch-" + epoch + ".safetensors");
    }
}
