package io.fer.trainer;

import io.fer.model.Architecture;
import io.fer.model.InferenceModel;
import io.fer.model.NetworkSpec;
import io.fer.model.TrainingOptions;
import io.fer.model.data.FaceSet;
import io.fer.model.data.Usage;
import io.fer.model.preprocess.Batches;
import io.fer.model.preprocess.Normalisation;
import io.fer.model.preprocess.Preprocessor;
import io.fer.model.pytorch.PyTorchEngine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestTimeAugmentationTest {

    private static final int SIDE = NetworkSpec.SIDE;

    /** Two faces: pixel (x, y) of face f is {@code 1000 f + 48 y + x}, so every pixel says where it came from. */
    private static float[] twoFaces() {
        float[] batch = new float[2 * SIDE * SIDE];
        for (int i = 0; i < batch.length; i++) batch[i] = (i / (SIDE * SIDE)) * 1000 + i % (SIDE * SIDE);
        return batch;
    }

    private static float at(float[] batch, int face, int x, int y) {
        return batch[face * SIDE * SIDE + y * SIDE + x];
    }

    @Test
    void shiftMovesEachFaceAndRepeatsTheEdge() {
        float[] in = twoFaces();
        float[] right = TestTimeAugmentation.shift(in, 2, 0);
        assertEquals(at(in, 1, 10, 7), at(right, 1, 12, 7));
        assertEquals(at(in, 0, 0, 5), at(right, 0, 0, 5)); // the gap on the left repeats column 0
        assertEquals(at(in, 0, 0, 5), at(right, 0, 1, 5));
        assertEquals(at(in, 0, 45, 5), at(right, 0, 47, 5)); // columns 46 and 47 move out
        float[] up = TestTimeAugmentation.shift(in, 0, -2);
        assertEquals(at(in, 1, 3, 20), at(up, 1, 3, 18));
        assertEquals(at(in, 1, 3, 47), at(up, 1, 3, 46)); // the gap at the bottom repeats row 47
        assertEquals(at(in, 1, 3, 47), at(up, 1, 3, 47));
    }

    @Test
    void viewsAreTheBatchThenItsMirrorAndShifts() {
        float[] in = twoFaces();
        assertEquals(List.of(in), TestTimeAugmentation.NONE.views(in));

        List<float[]> flip = TestTimeAugmentation.FLIP.views(in);
        assertEquals(2, flip.size());
        assertSame(in, flip.get(0));
        assertArrayEquals(Preprocessor.flipHorizontal(in), flip.get(1));

        List<float[]> crops = TestTimeAugmentation.CROPS.views(in);
        assertEquals(10, crops.size());
        assertEquals(10, TestTimeAugmentation.CROPS.viewCount());
        assertSame(in, crops.get(0));
        assertArrayEquals(TestTimeAugmentation.shift(in, 2, 0), crops.get(2));
        assertArrayEquals(Preprocessor.flipHorizontal(TestTimeAugmentation.shift(in, 0, -2)), crops.get(9));
    }

    @Test
    void parsesNamesInAnyCaseAndRejectsOthers() {
        assertEquals(TestTimeAugmentation.CROPS, TestTimeAugmentation.parse("Crops"));
        assertEquals("flip", TestTimeAugmentation.parse("flip").label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestTimeAugmentation.parse("rotate"));
        assertEquals("unknown test-time augmentation 'rotate': expected none, flip or crops", e.getMessage());
    }

    /** On real faces, Predictions' answer is the top class of the summed probabilities of the 10 views. */
    @Test
    void predictionsSumTheViewsProbabilities() throws IOException {
        String shared = System.getProperty("fer.data.dir", "../../shared/data/fer");
        FaceSet faces = new DataSpec(Path.of(shared, "ferplus.csv.gz"), null, 8, false)
                .read(Set.of(Usage.PUBLIC_TEST)).faces().head(40);
        Preprocessor pre = new Preprocessor(new Normalisation(0.5, 0.25));
        try (InferenceModel net = new PyTorchEngine().create(new NetworkSpec(Architecture.LENET7, 8),
                TrainingOptions.inference(), 7)) {
            int[] predicted = Predictions.predict(net, pre, faces, TestTimeAugmentation.CROPS);
            float[] input = pre.input(faces, Batches.ordered(faces.size()), 0, faces.size());
            float[][] sum = new float[faces.size()][8];
            for (float[] view : TestTimeAugmentation.CROPS.views(input)) {
                float[][] p = net.predict(view, faces.size());
                for (int k = 0; k < sum.length; k++) for (int c = 0; c < 8; c++) sum[k][c] += p[k][c];
            }
            int differ = 0;
            for (int k = 0; k < sum.length; k++) {
                assertEquals(Predictions.argMax(sum[k]), predicted[k], "face " + k);
                float[] alone = net.predict(pre.input(faces, new int[] {k}, 0, 1), 1)[0];
                if (predicted[k] != Predictions.argMax(alone)) differ++;
            }
            assertTrue(differ > 0, "random weights: the views change some answers");
        }
    }
}
