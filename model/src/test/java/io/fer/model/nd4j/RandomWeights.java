package io.fer.model.nd4j;

import io.fer.model.Initialiser;
import io.fer.model.NetworkSpec;
import io.fer.model.ParameterLayout;
import io.fer.model.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Initial weights with every batch norm made non-trivial (random scale, shift, running mean and variance), so that
 * comparisons exercise the inference-mode batch norm and not just the identity it starts as.
 */
final class RandomWeights {
    private RandomWeights() {
    }

    static Map<String, Tensor> of(NetworkSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Map<String, Tensor> weights = new LinkedHashMap<>(Initialiser.initialise(spec, seed));
        for (ParameterLayout.Entry e : ParameterLayout.of(spec).entries()) {
            float[] v = weights.get(e.name()).data();
            for (int k = 0; k < v.length; k++) {
                switch (e.kind()) {
                    case BN_GAMMA -> v[k] = (float) (0.5 + random.nextDouble());
                    case BN_BETA, BN_RUNNING_MEAN, FC_BIAS -> v[k] = (float) (0.2 * (random.nextDouble() - 0.5));
                    case BN_RUNNING_VAR -> v[k] = (float) (0.5 + 1.5 * random.nextDouble());
                    default -> { }
                }
            }
        }
        return weights;
    }
}
