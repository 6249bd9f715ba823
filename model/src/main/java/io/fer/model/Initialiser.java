package io.fer.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Engine-neutral initial weights: He normal (fan-in) for convolutions, Xavier uniform for fully connected weights,
 * zero biases, batch norm with scale 1, shift 0, running mean 0 and running variance 1. Draws in
 * {@link ParameterLayout} order from one seeded generator, so the same seed gives the same weights on every engine.
 */
public final class Initialiser {

    private Initialiser() {
    }

    /** Initial tensors for every entry of the network's layout. */
    public static Map<String, Tensor> initialise(NetworkSpec spec, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParameterLayout.Entry e : ParameterLayout.of(spec).entries()) {
            float[] v = new float[e.size()];
            switch (e.kind()) {
                case CONV_WEIGHT -> {
                    double std = Math.sqrt(2.0 / e.fanIn());
                    for (int k = 0; k < v.length; k++) v[k] = (float) (random.nextGaussian() * std);
                }
                case FC_WEIGHT -> {
                    double bound = Math.sqrt(6.0 / (e.fanIn() + e.fanOut()));
                    for (int k = 0; k < v.length; k++) v[k] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
                case BN_GAMMA, BN_RUNNING_VAR -> java.util.Arrays.fill(v, 1f);
                case FC_BIAS, BN_BETA, BN_RUNNING_MEAN -> { }
                default -> throw new IllegalStateException("unhandled kind " + e.kind());
            }
            out.put(e.name(), new Tensor(e.shape().clone(), v));
        }
        return out;
    }
}
