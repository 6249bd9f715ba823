package io.fer.trainer;

import io.fer.model.InferenceModel;
import io.fer.model.data.FaceSet;
import io.fer.model.preprocess.Batches;
import io.fer.model.preprocess.Preprocessor;

import java.util.List;

/** Runs a model over every face of a set, in batches, optionally averaging over test-time augmented views. */
public final class Predictions {

    /** Faces per forward pass. */
    public static final int BATCH = 128;

    private Predictions() {
    }

    /** The top class of every face. */
    public static int[] predict(InferenceModel model, Preprocessor preprocessor, FaceSet faces) {
        return predict(model, preprocessor, faces, TestTimeAugmentation.NONE);
    }

    /** The top class of every face, from the sum of the class probabilities of its test-time views. */
    public static int[] predict(InferenceModel model, Preprocessor preprocessor, FaceSet faces,
                                TestTimeAugmentation tta) {
        return topClasses(probabilitySums(model, preprocessor, faces, tta));
    }

    /**
     * Every face's class probabilities summed over its test-time views ({@code [face][class]}); the sums of several
     * models over the same views add up to an ensemble's.
     */
    public static float[][] probabilitySums(InferenceModel model, Preprocessor preprocessor, FaceSet faces,
                                            TestTimeAugmentation tta) {
        int[] idx = Batches.ordered(faces.size());
        return probabilitySums(model, faces.size(), (from, n) -> preprocessor.input(faces, idx, from, n), tta);
    }

    /** The top class of each row of scores. */
    public static int[] topClasses(float[][] scores) {
        int[] out = new int[scores.length];
        for (int k = 0; k < out.length; k++) out[k] = argMax(scores[k]);
        return out;
    }

    /**
     * The top class of every face given as 2304 pixel bytes, in the same batches and with the same preprocessing as
     * for a face set: the same faces in the same order give the same answers bit for bit.
     */
    public static int[] predict(InferenceModel model, Preprocessor preprocessor, List<byte[]> faces) {
        return topClasses(probabilitySums(model, faces.size(),
                (from, n) -> preprocessor.input(faces.subList(from, from + n)), TestTimeAugmentation.NONE));
    }

    /** The network input of faces {@code from .. from+n-1}. */
    private interface BatchInput {
        float[] of(int from, int n);
    }

    private static float[][] probabilitySums(InferenceModel model, int size, BatchInput batches,
                                             TestTimeAugmentation tta) {
        float[][] out = new float[size][];
        for (int from = 0; from < size; from += BATCH) {
            int n = Math.min(BATCH, size - from);
            for (float[] view : tta.views(batches.of(from, n))) {
                float[][] p = model.predict(view, n);
                for (int k = 0; k < n; k++) out[from + k] = add(out[from + k], p[k]);
            }
        }
        return out;
    }

    /** {@code sum + p} element-wise, in place in {@code sum}; {@code p} itself when there is no sum yet. */
    static float[] add(float[] sum, float[] p) {
        if (sum == null) return p;
        for (int c = 0; c < p.length; c++) sum[c] += p[c];
        return sum;
    }

    /** The true (hard) labels of every face. */
    public static int[] labels(FaceSet faces) {
        int[] out = new int[faces.size()];
        for (int i = 0; i < out.length; i++) out[i] = faces.label(i);
        return out;
    }

    static int argMax(float[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
        return best;
    }
}
