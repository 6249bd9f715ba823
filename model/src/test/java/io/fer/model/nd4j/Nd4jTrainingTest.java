package io.fer.model.nd4j;

import io.fer.model.Architecture;
import io.fer.model.Initialiser;
import io.fer.model.NetworkSpec;
import io.fer.model.ParameterLayout;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training on the ND4J engine: the graph's size, weight sharing in the clique blocks, and overfitting real faces. */
class Nd4jTrainingTest {
    private static final NetworkSpec CLIQUENET = new NetworkSpec(Architecture.CLIQUENET, 8);
    private static Faces faces;

    @BeforeAll
    static void readFaces() throws Exception {
        faces = Faces.firstRows(32);
    }

    @Test
    void cliqueNetGraphHasTheSpecifiedParameterCounts() {
        Nd4jNetwork net = (Nd4jNetwork) new Nd4jEngine().create(CLIQUENET, TrainingOptions.inference(), 1);
        TrainingGraph graph = net.trainingGraph();
        long trainable = graph.variables().stream().mapToLong(v -> graph.array(v).length()).sum();
        long statistics = 2 * graph.batchNorms().stream().mapToLong(TrainingParameters.BatchNormSite::channels).sum();
        assertEquals(1_538_652, trainable);
        assertEquals(13_496, statistics);
        assertEquals(ParameterLayout.of(CLIQUENET).trainableCount(), trainable);
    }

    @Test
    void stageTwoSharesStageOneBanksAndTheirGradientIsTheSumOfBothUses() {
        Map<String, Tensor> init = Initialiser.initialise(CLIQUENET, 3);
        TrainingGraph tied = new TrainingGraph(CLIQUENET, new Nd4jWeights(CLIQUENET, init), true, 0);
        TrainingGraph untied = new TrainingGraph(CLIQUENET, new Nd4jWeights(CLIQUENET, init), false, 0);
        int n = 2;
        INDArray x = Inputs.faces(faces.first(n), n);
        INDArray t = Inputs.targets(faces.oneHot(n, 8), n, 8);
        TrainingGraph.Pass shared = tied.run(x, t);
        TrainingGraph.Pass separate = untied.run(x, t);
        assertEquals(shared.loss(), separate.loss(), 1e-5, "both graphs compute the same function");
        assertFalse(tied.variables().stream().anyMatch(v -> v.contains("#")), "one variable per tensor when tied");

        int checked = 0;
        for (int b = 1; b <= 3; b++) {
            for (int i = 2; i <= 5; i++) {
                for (int j = 1; j < i; j++) {
                    String name = CliqueNetGraph.bankName(b, j, i);
                    assertEquals(2, tied.parameters().uses(name), name + " is used in both stages");
                    INDArray stageOne = separate.gradients().get(name);
                    INDArray stageTwo = separate.gradients().get(TrainingParameters.untiedName(name, 2));
                    assertTrue(stageOne.norm2Number().doubleValue() > 0, name + " stage I gradient is zero");
                    assertTrue(stageTwo.norm2Number().doubleValue() > 0, name + " stage II gradient is zero");
                    assertClose(stageOne.add(stageTwo), shared.gradients().get(name), name);
                    checked++;
                }
            }
        }
        assertEquals(30, checked);
    }

    @Test
    void leNet7OverfitsThirtyTwoFaces() {
        TrainableNetwork net = train(new NetworkSpec(Architecture.LENET7, 8), 32, 30);
        float[][] p = net.predict(faces.first(32), 32);
        int correct = 0;
        for (int row = 0; row < 32; row++) if (argMax(p[row]) == faces.labels()[row]) correct++;
        assertTrue(correct >= 31, correct + " of 32 training faces recognised in inference mode");
        net.close();
    }

    @Test
    void aStepAtLearningRateZeroOnlyMovesTheRunningStatistics() {
        TrainingOptions sgd = new TrainingOptions(0.1, TrainingOptions.Optimiser.SGD, 0.9, true, 5e-4);
        try (TrainableNetwork net = new Nd4jEngine().create(new NetworkSpec(Architecture.LENET7, 8), sgd, 5)) {
            float[] x = faces.first(16);
            float[] t = faces.oneHot(16, 8);
            net.trainStep(x, t, 16, 0.01); // non-zero momentum buffers
            Map<String, Tensor> before = net.weights();
            net.trainStep(x, t, 16, 0);
            Map<String, Tensor> after = net.weights();
            net.parameters().keySet().forEach(k -> assertArrayEquals(before.get(k).data(), after.get(k).data(), k));
            String mean = after.keySet().stream().filter(k -> k.endsWith("running_mean")).findFirst().orElseThrow();
            assertFalse(java.util.Arrays.equals(before.get(mean).data(), after.get(mean).data()), mean);
        }
    }

    @Test
    void cliqueNetLearnsEightFaces() {
        train(CLIQUENET, 8, 10).close();
    }

    /**
     * Trains with Adam and dropout on the first {@code n} faces and checks that the training loss fell below a
     * quarter of its start and that the last step got at least three quarters of the faces right.
     */
    private static TrainableNetwork train(NetworkSpec spec, int n, int steps) {
        TrainingOptions adam = new TrainingOptions(0.1, TrainingOptions.Optimiser.ADAM, 0, false, 0);
        TrainableNetwork net = new Nd4jEngine().create(spec, adam, 5);
        float[] x = faces.first(n);
        float[] t = faces.oneHot(n, spec.numClasses());
        TrainableNetwork.StepResult first = net.trainStep(x, t, n, 1e-3);
        TrainableNetwork.StepResult last = first;
        for (int s = 1; s < steps; s++) last = net.trainStep(x, t, n, 1e-3);
        assertTrue(last.loss() < 0.25 * first.loss(), "loss went from " + first.loss() + " to " + last.loss());
        assertTrue(last.correct() >= 0.75 * n, last.correct() + " of " + n + " right in the last step");
        return net;
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
        return best;
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        double scale = expected.amaxNumber().doubleValue();
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-4 * scale + 1e-8, what + ": max difference " + diff + " at scale " + scale);
    }
}
