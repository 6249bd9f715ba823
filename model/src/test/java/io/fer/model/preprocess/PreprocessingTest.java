package io.fer.model.preprocess;

import io.fer.model.NetworkSpec;
import io.fer.model.data.FaceSet;
import io.fer.model.data.Usage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreprocessingTest {

    /** A face whose pixel (x, y) is {@code 5 * x} (a horizontal ramp). */
    private static byte[] ramp() {
        byte[] face = new byte[NetworkSpec.PIXELS];
        for (int y = 0; y < 48; y++) for (int x = 0; x < 48; x++) face[y * 48 + x] = (byte) (5 * x);
        return face;
    }

    @Test
    void normalisationAppliesMeanAndStdToPixelOver255() {
        Normalisation n = new Normalisation(0.5, 0.25);
        assertEquals(-2f, n.apply(0), 1e-6);
        assertEquals(2f, n.apply(255), 1e-6);
        float[] in = new Preprocessor(n).input(List.of(ramp()));
        assertEquals((5 * 47 / 255.0 - 0.5) / 0.25, in[47], 1e-5);
        assertThrows(IllegalArgumentException.class, () -> new Normalisation(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new Preprocessor(n).input(List.of(new byte[10])));

        FaceSet two = new FaceSet(new byte[2 * NetworkSpec.PIXELS], new float[] {1, 0, 0, 1},
                new Usage[] {Usage.TRAINING, Usage.TRAINING}, 2);
        two.pixels(0); // all zero
        Normalisation zero = Normalisation.of(two);
        assertEquals(0, zero.mean(), 1e-12);
    }

    @Test
    void flipMirrorsEachRow() {
        float[] in = new Preprocessor(new Normalisation(0, 1)).input(List.of(ramp()));
        float[] flipped = Preprocessor.flipHorizontal(in);
        assertEquals(in[47], flipped[0]);
        assertEquals(in[48 * 10], flipped[48 * 10 + 47]);
        assertArrayEquals(in, Preprocessor.flipHorizontal(flipped));
    }

    @Test
    void randomErasingReplacesOneRectangleOfTwoToTwentyFivePercentOfTheFace() {
        byte[] face = new byte[NetworkSpec.PIXELS]; // all black: erased pixels are the non-zero ones
        Augmentation eraseAlways = new Augmentation(false, 0, 0, 0, 1);
        SplittableRandom r = new SplittableRandom(3);
        for (int k = 0; k < 50; k++) {
            float[] out = new float[NetworkSpec.PIXELS];
            eraseAlways.apply(face, 0, out, 0, r);
            int minX = NetworkSpec.SIDE, maxX = -1, minY = NetworkSpec.SIDE, maxY = -1, erased = 0;
            for (int p = 0; p < out.length; p++) {
                if (out[p] == 0) continue;
                erased++;
                minX = Math.min(minX, p % NetworkSpec.SIDE);
                maxX = Math.max(maxX, p % NetworkSpec.SIDE);
                minY = Math.min(minY, p / NetworkSpec.SIDE);
                maxY = Math.max(maxY, p / NetworkSpec.SIDE);
            }
            int box = (maxX - minX + 1) * (maxY - minY + 1);
            assertTrue(erased >= box * 0.95, "noise fills the rectangle: " + erased + " of " + box);
            assertTrue(box >= 0.015 * NetworkSpec.PIXELS && box <= 0.3 * NetworkSpec.PIXELS, "area " + box);
            for (float v : out) assertTrue(v >= 0 && v <= 255);
        }
        float[] untouched = new float[NetworkSpec.PIXELS];
        new Augmentation(false, 0, 0, 0, 0).apply(face, 0, untouched, 0, r);
        for (float v : untouched) assertEquals(0, v);
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(false, 0, 0, 0, 1.5));
    }

    @Test
    void augmentationWithoutRangesIsTheIdentityAndOtherwiseVaries() {
        byte[] face = ramp();
        float[] out = new float[NetworkSpec.PIXELS];
        new Augmentation(false, 0, 0, 0).apply(face, 0, out, 0, new SplittableRandom(1));
        for (int p = 0; p < out.length; p++) assertEquals(face[p] & 0xff, out[p], 1e-4);
        float[] a = new float[NetworkSpec.PIXELS];
        float[] b = new float[NetworkSpec.PIXELS];
        SplittableRandom r = new SplittableRandom(2);
        Augmentation.DEFAULT.apply(face, 0, a, 0, r);
        Augmentation.DEFAULT.apply(face, 0, b, 0, r);
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        for (float v : a) assertEquals(127.5, v, 127.5 + 1e-3); // stays within 0..255
        // a pure flip reverses the ramp
        Augmentation flipOnly = new Augmentation(true, 0, 0, 0);
        float[] f = new float[NetworkSpec.PIXELS];
        boolean flippedSeen = false;
        for (int k = 0; k < 10 && !flippedSeen; k++) {
            flipOnly.apply(face, 0, f, 0, r);
            flippedSeen = f[0] == 5 * 47;
        }
        assertEquals(true, flippedSeen);
    }

    @Test
    void batchesShuffleEveryFaceOnce() {
        int[] s = Batches.shuffled(100, new SplittableRandom(3));
        int[] sorted = s.clone();
        java.util.Arrays.sort(sorted);
        assertArrayEquals(Batches.ordered(100), sorted);
        assertNotEquals(java.util.Arrays.toString(Batches.ordered(100)), java.util.Arrays.toString(s));
    }
}
