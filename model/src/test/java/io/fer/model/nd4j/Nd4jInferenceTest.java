package io.fer.model.nd4j;

import io.fer.model.Architecture;
import io.fer.model.Initialiser;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inference on the ND4J engine: output shapes, probabilities, concurrent callers, and clear errors on bad input. */
class Nd4jInferenceTest {
    private final Nd4jEngine engine = new Nd4jEngine();

    @ParameterizedTest
    @CsvSource({"CLIQUENET, 8", "CLIQUENET, 7", "LENET7, 8", "LENET7, 7"})
    void givesOneProbabilityRowPerFace(Architecture architecture, int classes) throws Exception {
        Faces faces = Faces.firstRows(3);
        try (TrainableNetwork net = engine.create(new NetworkSpec(architecture, classes), TrainingOptions.inference(), 1)) {
            float[][] p = net.predict(faces.first(3), 3);
            assertEquals(3, p.length);
            for (float[] row : p) {
                assertEquals(classes, row.length);
                double sum = 0;
                for (float v : row) {
                    assertTrue(v >= 0 && v <= 1, "probability out of range: " + v);
                    sum += v;
                }
                assertEquals(1.0, sum, 1e-5);
            }
            float[][] single = net.predict(faces.first(1), 1);
            for (int c = 0; c < classes; c++) assertEquals(p[0][c], single[0][c], 1e-5, "batch-independent");
        }
    }

    @Test
    void concurrentCallersGetTheSameProbabilitiesAsOneCaller() throws Exception {
        Faces faces = Faces.firstRows(4);
        try (TrainableNetwork net = engine.create(new NetworkSpec(Architecture.CLIQUENET, 8), TrainingOptions.inference(), 2)) {
            float[][][] expected = new float[4][][];
            for (int k = 0; k < 4; k++) expected[k] = net.predict(faceAt(faces, k), 1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<float[][]>> results = new ArrayList<>();
                for (int call = 0; call < 16; call++) {
                    int k = call % 4;
                    results.add(pool.submit(() -> net.predict(faceAt(faces, k), 1)));
                }
                for (int call = 0; call < 16; call++) {
                    assertArrayEquals(expected[call % 4][0], results.get(call).get(2, TimeUnit.MINUTES)[0], 1e-6f);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static float[] faceAt(Faces faces, int k) {
        return Arrays.copyOfRange(faces.pixels(), k * NetworkSpec.PIXELS, (k + 1) * NetworkSpec.PIXELS);
    }

    @Test
    void rejectsInputOfTheWrongSize() {
        try (TrainableNetwork net = engine.create(new NetworkSpec(Architecture.LENET7, 8), TrainingOptions.inference(), 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.predict(new float[NetworkSpec.PIXELS + 1], 1));
            assertTrue(e.getMessage().contains("2304"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> net.predict(new float[0], 0));
        }
    }

    @Test
    void rejectsMissingMisshapenAndForeignTensors() {
        NetworkSpec spec = new NetworkSpec(Architecture.CLIQUENET, 8);
        Map<String, Tensor> weights = new HashMap<>(Initialiser.initialise(spec, 1));

        Map<String, Tensor> missing = new HashMap<>(weights);
        missing.remove("block2.w3_1");
        assertMessage(missing, spec, "block2.w3_1");

        Map<String, Tensor> misshapen = new HashMap<>(weights);
        misshapen.put("head.fc.bias", new Tensor(new long[] {7}, new float[7]));
        assertMessage(misshapen, spec, "head.fc.bias");

        Map<String, Tensor> foreign = new HashMap<>(weights);
        foreign.put("fc1.weight", new Tensor(new long[] {1}, new float[1]));
        assertMessage(foreign, spec, "fc1.weight");
    }

    private void assertMessage(Map<String, Tensor> weights, NetworkSpec spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.load(spec, weights, TrainingOptions.inference()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
