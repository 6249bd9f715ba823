package io.fer.model.nd4j;

import io.fer.model.Architecture;
import io.fer.model.Initialiser;
import io.fer.model.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The serving graph keeps no per-pass state: ND4J's session would remember every freed array id forever (a heap leak
 * the soak found); {@link ForgetfulSession} forgets them after each pass, and the outputs stay the same.
 */
class ForgetfulSessionTest {

    @Test
    void manyPassesFromTwoThreadsLeaveNoFreedIdsAndTheSameOutputs() throws Exception {
        NetworkSpec spec = new NetworkSpec(Architecture.LENET7, 8);
        Faces faces = Faces.firstRows(3);
        try (InferenceGraph graph = new InferenceGraph(spec, new Nd4jWeights(spec, Initialiser.initialise(spec, 4)),
                Layout.NHWC)) {
            float[][] first = graph.predict(faces.pixels(), 3);
            for (int pass = 0; pass < 300; pass++) graph.predict(faces.pixels(), 3);
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                other.submit(() -> graph.predict(faces.pixels(), 3)).get(1, TimeUnit.MINUTES);
            } finally {
                other.shutdownNow();
            }
            float[][] last = graph.predict(faces.pixels(), 3);
            assertEquals(0L, graph.rememberedFreedIds(), "freed-array ids kept between passes");
            for (int i = 0; i < 3; i++) assertArrayEquals(first[i], last[i], 0f, "face " + i);
        }
    }
}
