package io.fer.model.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.fer.model.Architecture;
import io.fer.model.Initialiser;
import io.fer.model.NetworkSpec;
import io.fer.model.ParameterLayout;
import io.fer.model.Tensor;
import io.fer.model.data.FaceSet;
import io.fer.model.data.RealFaces;
import io.fer.model.preprocess.Batches;
import io.fer.model.preprocess.Normalisation;
import io.fer.model.preprocess.Preprocessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stage II of every clique block reuses stage I's filter banks: one tensor per bank, whose gradient is the sum of
 * both stages' contributions. Checked against a network where stage II gets separate copies, and against finite
 * differences.
 */
class CliqueNetSharingTest {

    private static final NetworkSpec SPEC = new NetworkSpec(Architecture.CLIQUENET, 8);
    private static final int N = 6;
    private static final String COPY = "#stage2";

    private static Map<String, Tensor> weights;
    private static float[] input;
    private static float[] targets;

    @BeforeAll
    static void data() {
        weights = Initialiser.initialise(SPEC, 11);
        FaceSet faces = RealFaces.ferPlusTraining(N);
        int[] idx = Batches.ordered(N);
        input = new Preprocessor(Normalisation.of(faces)).input(faces, idx, 0, N);
        targets = Batches.targets(faces, idx, 0, N);
    }

    /** Banks W(j->i) with 1 <= j < i: used by both stages. */
    private static List<String> sharedBanks() {
        List<String> out = new ArrayList<>();
        for (int b = 1; b <= 3; b++) {
            for (int i = 1; i <= 5; i++) for (int j = 1; j < i; j++) out.add("block" + b + ".w" + j + "_" + i);
        }
        return out;
    }

    @Test
    void sharedBankGradientIsTheSumOfBothStagesGradients() {
        List<String> shared = sharedBanks();
        assertEquals(30, shared.size());
        try (NDManager m = PyTorchRuntime.engine().newBaseManager()) {
            PtParameters one = new PtParameters(m.newSubManager(), SPEC, weights);
            PtParameters two = new PtParameters(m.newSubManager(), SPEC, weights);
            for (String name : shared) two.addTrainable(name + COPY, weights.get(name));
            backward(one, new CliqueNetForward(), m);
            backward(two, new CliqueNetForward(n -> shared.contains(n) ? n + COPY : n), m);
            for (String name : shared) {
                float[] sum = grad(one, name);
                float[] stage1 = grad(two, name);
                float[] stage2 = grad(two, name + COPY);
                assertTrue(maxAbs(stage1) > 0 && maxAbs(stage2) > 0, name + ": both stages must contribute");
                float[] expected = new float[sum.length];
                for (int k = 0; k < sum.length; k++) expected[k] = stage1[k] + stage2[k];
                assertClose(expected, sum, 1e-4, name);
            }
            // every other tensor gets the same gradient in both networks
            for (ParameterLayout.Entry e : ParameterLayout.of(SPEC).entries()) {
                if (!e.kind().isStatistic() && !shared.contains(e.name())) {
                    assertClose(grad(two, e.name()), grad(one, e.name()), 1e-4, e.name());
                }
            }
        }
    }

    @Test
    void sharedBankGradientMatchesFiniteDifferences() {
        String name = "block2.w2_4";
        try (NDManager m = PyTorchRuntime.engine().newBaseManager()) {
            PtParameters p = new PtParameters(m.newSubManager(), SPEC, weights);
            backward(p, new CliqueNetForward(), m);
            float[] g = grad(p, name);
            int k = 0;
            for (int i = 1; i < g.length; i++) if (Math.abs(g[i]) > Math.abs(g[k])) k = i;
            double h = 2e-2;
            double up = lossWith(name, k, h, m);
            double down = lossWith(name, k, -h, m);
            double numeric = (up - down) / (2 * h);
            assertEquals(g[k], numeric, 0.05 * Math.abs(g[k]), "d loss / d " + name + "[" + k + "]");
        }
    }

    private static double lossWith(String name, int index, double delta, NDManager m) {
        Tensor t = weights.get(name);
        float[] changed = t.data().clone();
        changed[index] += (float) delta;
        Map<String, Tensor> w = new java.util.HashMap<>(weights);
        w.put(name, new Tensor(t.shape(), changed));
        PtParameters p = new PtParameters(m.newSubManager(), SPEC, w);
        try (NDManager step = m.newSubManager()) {
            return loss(p, new CliqueNetForward(), step).getFloat();
        }
    }

    /** Cross-entropy of the test batch in training mode (batch statistics) without dropout: deterministic. */
    private static NDArray loss(PtParameters p, PtForward forward, NDManager step) {
        NDArray x = step.create(input, new Shape(N, 1, 48, 48));
        NDArray t = step.create(targets, new Shape(N, 8));
        NDArray logits = forward.forward(p, x, true, 0);
        return JniUtils.logSoftmax((PtNDArray) logits, 1, DataType.FLOAT32).mul(t).sum().neg().div(N);
    }

    private static void backward(PtParameters p, PtForward forward, NDManager m) {
        try (NDManager step = m.newSubManager()) {
            JniUtils.setGradMode(true);
            try {
                NDArray l = loss(p, forward, step);
                JniUtils.backward((PtNDArray) l, (PtNDArray) step.ones(new Shape()), false, false);
            } finally {
                JniUtils.setGradMode(false);
            }
        }
    }

    private static float[] grad(PtParameters p, String name) {
        try (PtNDArray g = JniUtils.getGradient(p.get(name))) {
            return g.toFloatArray();
        }
    }

    private static float maxAbs(float[] v) {
        float m = 0;
        for (float x : v) m = Math.max(m, Math.abs(x));
        return m;
    }

    private static void assertClose(float[] expected, float[] actual, double rel, String what) {
        double scale = Math.max(maxAbs(expected), 1e-12);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], rel * scale, what + "[" + k + "]");
        }
    }
}
