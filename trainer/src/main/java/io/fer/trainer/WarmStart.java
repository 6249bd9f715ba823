package io.fer.trainer;

import io.fer.model.Initialiser;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.bundle.ModelBundle;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The starting weights of a warm-started run. A bundle of the same network and class count starts as it is; one of
 * the same network with another class count (FER+ 8 classes to FER2013 7, say) keeps every tensor whose name and
 * shape carry over and starts the rest (the classifier head) from the usual initialisation.
 */
final class WarmStart {
    private WarmStart() {
    }

    /** The weights to start {@code spec} from, and the names of the tensors that had to be initialised afresh. */
    record Weights(Map<String, Tensor> weights, List<String> initialised) {
    }

    static Weights from(ModelBundle start, NetworkSpec spec, long seed) {
        NetworkSpec from = start.spec();
        if (from.architecture() != spec.architecture()) {
            throw new IllegalArgumentException("warm start " + start.directory() + " is " + from.architecture()
                    + ", not " + spec.architecture());
        }
        if (from.equals(spec)) return new Weights(start.weights(), List.of());
        Map<String, Tensor> merged = new LinkedHashMap<>(Initialiser.initialise(spec, seed));
        List<String> fresh = merged.keySet().stream()
                .filter(name -> !sameShape(start.weights().get(name), merged.get(name)))
                .toList();
        merged.replaceAll((name, init) -> fresh.contains(name) ? init : start.weights().get(name));
        return new Weights(merged, fresh);
    }

    private static boolean sameShape(Tensor a, Tensor b) {
        return a != null && Arrays.equals(a.shape(), b.shape());
    }
}
