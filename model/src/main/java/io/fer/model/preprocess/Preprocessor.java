package io.fer.model.preprocess;

import io.fer.model.NetworkSpec;
import io.fer.model.data.FaceSet;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Turns 8-bit 48x48 faces into the network input: NCHW float {@code [n, 1, 48, 48]}, normalised, optionally
 * augmented.
 */
public final class Preprocessor {

    private final Normalisation normalisation;

    public Preprocessor(Normalisation normalisation) {
        this.normalisation = normalisation;
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    /** One face (2304 unsigned bytes, row-major) as a batch of one. */
    public float[] input(byte[] face) {
        return input(List.of(face));
    }

    /**
     * Faces as one batch.
     *
     * @throws IllegalArgumentException if a face does not have 2304 pixels
     */
    public float[] input(List<byte[]> faces) {
        float[] out = new float[faces.size() * NetworkSpec.PIXELS];
        for (int n = 0; n < faces.size(); n++) {
            byte[] face = faces.get(n);
            if (face == null || face.length != NetworkSpec.PIXELS) {
                throw new IllegalArgumentException("face " + n + " must have " + NetworkSpec.PIXELS + " pixels, has "
                        + (face == null ? "none" : face.length));
            }
            normalise(face, 0, out, n * NetworkSpec.PIXELS);
        }
        return out;
    }

    /** Faces {@code indices[from .. from+n)} of a set as one batch, without augmentation. */
    public float[] input(FaceSet faces, int[] indices, int from, int n) {
        return input(faces, indices, from, n, Augmentation.NONE, null);
    }

    /** Faces {@code indices[from .. from+n)} of a set as one batch, each randomly augmented. */
    public float[] input(FaceSet faces, int[] indices, int from, int n, Augmentation augmentation,
                         RandomGenerator random) {
        float[] out = new float[n * NetworkSpec.PIXELS];
        byte[] face = new byte[NetworkSpec.PIXELS];
        for (int k = 0; k < n; k++) {
            faces.copyPixels(indices[from + k], face, 0);
            int offset = k * NetworkSpec.PIXELS;
            if (augmentation == Augmentation.NONE) {
                normalise(face, 0, out, offset);
            } else {
                augmentation.apply(face, 0, out, offset, random);
                for (int p = offset; p < offset + NetworkSpec.PIXELS; p++) out[p] = normalisation.apply(out[p]);
            }
        }
        return out;
    }

    private void normalise(byte[] face, int from, float[] dst, int offset) {
        for (int p = 0; p < NetworkSpec.PIXELS; p++) dst[offset + p] = normalisation.apply(face[from + p] & 0xff);
    }

    /** A copy of a batch with every face mirrored left to right (test-time augmentation). */
    public static float[] flipHorizontal(float[] batch) {
        int side = NetworkSpec.SIDE;
        float[] out = new float[batch.length];
        for (int row = 0; row < batch.length / side; row++) {
            int base = row * side;
            for (int x = 0; x < side; x++) out[base + x] = batch[base + side - 1 - x];
        }
        return out;
    }
}
