package io.fer.cli.bench;

import io.fer.model.NetworkSpec;
import io.fer.model.TrainableNetwork;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.nd4j.Nd4jEngine;
import io.fer.trainer.bench.Rate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Model-only inference images/s of the served bundle on the processor's engine (ND4J) at given batch sizes: the
 * ceiling the pipeline is compared with. Measured in the benchmark's own JVM before any processor starts.
 */
final class ModelOnlyRates {
    private ModelOnlyRates() {
    }

    /** Median images/s per batch size. */
    static TreeMap<Integer, Double> measure(Path bundle, Collection<Integer> batches, int rounds, double seconds)
            throws IOException {
        TreeMap<Integer, Double> rates = new TreeMap<>();
        try (TrainableNetwork network = ModelBundle.load(bundle).open(new Nd4jEngine())) {
            for (int batch : batches) {
                if (rates.containsKey(batch)) continue;
                float[] faces = faces(batch);
                rates.put(batch, Rate.measure(batch, () -> network.predict(faces, batch), rounds, seconds).median());
            }
        }
        return rates;
    }

    private static float[] faces(int batch) {
        SplittableRandom r = new SplittableRandom(batch);
        float[] x = new float[batch * NetworkSpec.PIXELS];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return x;
    }
}
