package io.fer.model.nd4j;

import io.fer.model.Architecture;
import io.fer.model.InferenceModel;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import io.fer.model.pytorch.PyTorchEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same named weights give the same probabilities on the ND4J engine, in every inference mode, as on the PyTorch
 * engine, on real faces. Both engines run in this one JVM.
 */
class CrossEngineTest {
    private static final int FACES = 8;
    private static float[] faces;

    @BeforeAll
    static void readFaces() throws Exception {
        faces = Faces.firstRows(FACES).first(FACES);
    }

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (InferenceModels.Mode mode : InferenceModels.Mode.values()) {
            cases.add(Arguments.of(new NetworkSpec(Architecture.CLIQUENET, 8), mode));
            cases.add(Arguments.of(new NetworkSpec(Architecture.LENET7, 7), mode));
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sameWeightsGiveTheSameProbabilities(NetworkSpec spec, InferenceModels.Mode mode) {
        Map<String, Tensor> weights = RandomWeights.of(spec, 11);
        float[][] pytorch;
        try (TrainableNetwork net = new PyTorchEngine().load(spec, weights, TrainingOptions.inference())) {
            pytorch = net.predict(faces, FACES);
        }
        float[][] nd4j;
        try (InferenceModel model = InferenceModels.create(spec, new Nd4jWeights(spec, weights), mode)) {
            nd4j = model.predict(faces, FACES);
        }
        double worst = Probabilities.largestRelativeDifference(nd4j, pytorch);
        assertTrue(worst <= 1e-4, "largest relative difference " + worst);
    }
}
