package io.fer.model.pytorch;

import io.fer.model.Architecture;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import io.fer.model.data.FaceSet;
import io.fer.model.data.RealFaces;
import io.fer.model.preprocess.Batches;
import io.fer.model.preprocess.Normalisation;
import io.fer.model.preprocess.Preprocessor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The networks on the PyTorch engine: sizes, learning on real faces, weight export. */
class PyTorchNetworkTest {

    private final PyTorchEngine engine = new PyTorchEngine();

    private static long count(Map<String, Tensor> tensors) {
        return tensors.values().stream().mapToLong(Tensor::size).sum();
    }

    @Test
    void cliqueNetHasTheSpecifiedParameterCount() {
        try (TrainableNetwork net = engine.create(new NetworkSpec(Architecture.CLIQUENET, 8),
                TrainingOptions.inference(), 1)) {
            assertEquals(1_538_652, count(net.parameters()));
            assertEquals(13_496, count(net.statistics()));
            float[][] p = net.predict(new float[2 * NetworkSpec.PIXELS], 2);
            assertEquals(8, p[0].length);
            assertEquals(1.0, p[0][0] + p[0][1] + p[0][2] + p[0][3] + p[0][4] + p[0][5] + p[0][6] + p[0][7], 1e-5);
        }
        try (TrainableNetwork net = engine.create(new NetworkSpec(Architecture.CLIQUENET, 7),
                TrainingOptions.inference(), 1)) {
            assertEquals(1_538_652 - 965, count(net.parameters()));
            assertEquals(7, net.predict(new float[NetworkSpec.PIXELS], 1)[0].length);
        }
    }

    @Test
    void leNet7OverfitsAFewHundredRealFaces() {
        FaceSet faces = RealFaces.ferPlusTraining(256);
        TrainingOptions sgd = new TrainingOptions(0, TrainingOptions.Optimiser.SGD, 0.9, true, 0);
        try (TrainableNetwork net = engine.create(new NetworkSpec(Architecture.LENET7, 8), sgd, 3)) {
            double firstLoss = train(net, faces, 40, 0.02);
            double accuracy = accuracy(net, faces);
            assertTrue(accuracy > 0.95, "training accuracy after 40 epochs: " + accuracy + " (first loss " + firstLoss + ")");
        }
    }

    @Test
    void cliqueNetFitsAFewBatchesOfRealFaces() {
        FaceSet faces = RealFaces.ferPlusTraining(64);
        TrainingOptions adam = new TrainingOptions(0, TrainingOptions.Optimiser.ADAMW, 0, false, 1e-4);
        try (TrainableNetwork net = engine.create(new NetworkSpec(Architecture.CLIQUENET, 8), adam, 3)) {
            double before = accuracy(net, faces);
            train(net, faces, 25, 2e-3);
            double after = accuracy(net, faces);
            assertTrue(after > 0.9, "training accuracy after 25 steps: " + after + " (before " + before + ")");
        }
    }

    @Test
    void loadedWeightsGiveIdenticalOutputsAndShapesAreChecked() {
        NetworkSpec spec = new NetworkSpec(Architecture.CLIQUENET, 8);
        FaceSet faces = RealFaces.ferPlusTraining(64);
        float[] input = new Preprocessor(Normalisation.of(faces)).input(faces, Batches.ordered(8), 0, 8);
        TrainingOptions sgd = new TrainingOptions(0.1, TrainingOptions.Optimiser.SGD, 0.9, false, 5e-4);
        try (TrainableNetwork net = engine.create(spec, sgd, 5)) {
            train(net, faces, 2, 0.01); // moves weights and running statistics away from their initial values
            Map<String, Tensor> weights = net.weights();
            try (TrainableNetwork copy = engine.load(spec, weights, TrainingOptions.inference())) {
                float[][] a = net.predict(input, 8);
                float[][] b = copy.predict(input, 8);
                for (int i = 0; i < 8; i++) assertArrayEquals(a[i], b[i]);
            }
            weights.put("block2.w3_1", new Tensor(new long[] {36, 35, 3, 3}, new float[36 * 35 * 9]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> engine.load(spec, weights, TrainingOptions.inference()));
            assertTrue(e.getMessage().contains("block2.w3_1"), e.getMessage());
        }
    }

    @Test
    void aStepAtLearningRateZeroOnlyMovesTheRunningStatistics() {
        NetworkSpec spec = new NetworkSpec(Architecture.CLIQUENET, 8);
        FaceSet faces = RealFaces.ferPlusTraining(64);
        TrainingOptions sgd = new TrainingOptions(0.1, TrainingOptions.Optimiser.SGD, 0.9, true, 5e-4);
        try (TrainableNetwork net = engine.create(spec, sgd, 5)) {
            train(net, faces, 1, 0.01); // non-zero momentum buffers
            Map<String, Tensor> before = net.weights();
            train(net, faces, 1, 0);
            Map<String, Tensor> after = net.weights();
            net.parameters().keySet().forEach(k -> assertArrayEquals(before.get(k).data(), after.get(k).data(), k));
            float[] mean = after.get("stem.bn.running_mean").data();
            assertTrue(!java.util.Arrays.equals(before.get("stem.bn.running_mean").data(), mean));
        }
    }

    @Test
    void optimiserStateRoundTrips() {
        NetworkSpec spec = new NetworkSpec(Architecture.LENET7, 8);
        FaceSet faces = RealFaces.ferPlusTraining(64);
        TrainingOptions adam = new TrainingOptions(0, TrainingOptions.Optimiser.ADAM, 0, false, 0);
        try (TrainableNetwork a = engine.create(spec, adam, 1)) {
            train(a, faces, 2, 1e-3);
            try (TrainableNetwork b = engine.load(spec, a.weights(), adam)) {
                b.loadOptimiserState(a.optimiserState());
                train(a, faces, 1, 1e-3);
                train(b, faces, 1, 1e-3);
                assertArrayEquals(a.parameters().get("fc1.weight").data(), b.parameters().get("fc1.weight").data(),
                        1e-6f);
            }
        }
    }

    @Test
    void badInputIsRejected() {
        try (TrainableNetwork net = engine.create(new NetworkSpec(Architecture.LENET7, 8), TrainingOptions.inference(), 1)) {
            assertThrows(IllegalArgumentException.class, () -> net.predict(new float[100], 1));
            assertThrows(IllegalArgumentException.class, () -> net.trainStep(new float[2 * 2304], new float[3], 2, 0.1));
        }
    }

    /** Full-batch-ish epochs over the faces in order of a seeded shuffle; returns the first step's loss. */
    private static double train(TrainableNetwork net, FaceSet faces, int epochs, double lr) {
        Preprocessor pre = new Preprocessor(Normalisation.of(faces));
        SplittableRandom random = new SplittableRandom(9);
        int batch = Math.min(64, faces.size());
        double first = Double.NaN;
        for (int e = 0; e < epochs; e++) {
            int[] order = Batches.shuffled(faces.size(), random);
            for (int s = 0; s + batch <= faces.size(); s += batch) {
                double loss = net.trainStep(pre.input(faces, order, s, batch), Batches.targets(faces, order, s, batch),
                        batch, lr).loss();
                if (Double.isNaN(first)) first = loss;
            }
        }
        return first;
    }

    private static double accuracy(TrainableNetwork net, FaceSet faces) {
        Preprocessor pre = new Preprocessor(Normalisation.of(faces));
        float[][] p = net.predict(pre.input(faces, Batches.ordered(faces.size()), 0, faces.size()), faces.size());
        int correct = 0;
        for (int i = 0; i < faces.size(); i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) if (p[i][c] > p[i][best]) best = c;
            if (best == faces.label(i)) correct++;
        }
        return (double) correct / faces.size();
    }
}
