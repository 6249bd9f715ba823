package io.fer.model.nd4j;

import io.fer.model.Architecture;
import io.fer.model.InferenceModel;
import io.fer.model.NetworkSpec;
import io.fer.model.PaddedBatches;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Padding passes to powers of two: the network sees only those sizes, and the real faces' rows do not change. */
class PaddedBatchesTest {

    @Test
    void paddedSizeIsTheNextPowerOfTwo() {
        assertEquals(List.of(1, 2, 4, 4, 8, 8, 32, 32, 64, 256),
                List.of(1, 2, 3, 4, 5, 8, 17, 32, 33, 129).stream().map(PaddedBatches::paddedSize).toList());
        assertThrows(IllegalArgumentException.class, () -> PaddedBatches.paddedSize(0));
    }

    @Test
    void theNetworkSeesOnlyPowersOfTwoAndRealRowsAreUnchanged() throws Exception {
        Faces faces = Faces.firstRows(21);
        try (TrainableNetwork net = new Nd4jEngine().create(new NetworkSpec(Architecture.LENET7, 8),
                TrainingOptions.inference(), 3)) {
            List<Integer> seen = new ArrayList<>();
            InferenceModel recording = new InferenceModel() {
                @Override
                public NetworkSpec spec() {
                    return net.spec();
                }

                @Override
                public float[][] predict(float[] input, int batch) {
                    seen.add(batch);
                    return net.predict(input, batch);
                }

                @Override
                public void close() {
                }
            };
            PaddedBatches padded = new PaddedBatches(recording, 6);
            assertEquals(List.of(1, 2, 4, 8), padded.sizes());
            for (int n : new int[]{1, 3, 5, 8, 21}) {
                float[] input = Arrays.copyOf(faces.pixels(), n * NetworkSpec.PIXELS);
                float[][] alone = new float[n][];
                for (int i = 0; i < n; i++) {
                    alone[i] = net.predict(Arrays.copyOfRange(input, i * NetworkSpec.PIXELS,
                            (i + 1) * NetworkSpec.PIXELS), 1)[0];
                }
                seen.clear();
                float[][] rows = padded.predict(input, n);
                assertEquals(n, rows.length);
                for (int i = 0; i < n; i++) assertArrayEquals(alone[i], rows[i], 1e-5f, n + " faces, row " + i);
                for (int size : seen) assertEquals(0, size & (size - 1), "pass of " + size + " faces");
                assertEquals(n == 21 ? List.of(8, 8, 8) : List.of(PaddedBatches.paddedSize(n)), seen);
            }
        }
    }
}
