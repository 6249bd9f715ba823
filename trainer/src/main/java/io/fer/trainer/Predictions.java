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
        int[] idx = Batches.ordered(faces.size());
        return predict(model, faces.size(), (from, n) -> preprocessor.input(faces, idx, from, n), tta);
    }

    /**
     * The top class of every face given as 2304 pixel bytes, in the same batches and with the same preprocessing as
     * for a face set: the same faces in the same order give the same answers bit for bit.
     */
    public static int[] predict(InferenceModel model, Preprocessor preprocessor, List<byte[]> faces) {
        return predict(model, faces.size(), (from, n) -> preprocessor.input(faces.subList(from, from + n)),
                TestTimeAugmentation.NONE);
    }

    /** The network input of faces {@code from .. from+n-1}. */
    private interface BatchInput {
        float[] of(int from, int n);
    }

    private static int[] predict(InferenceModel model, int size, BatchInput batches, TestTimeAugmentation tta) {
        int[] out = new int[size];
        for (int from = 0; from < size; from += BATCH) {
            int n = Math.min(BATCH, size - from);
            float[][] sum = null;
            for (float[] view : tta.views(batches.of(from, n))) {
                float[][] p = model.predict(view, n);
                if (sum == null) sum = p;
                else for (int k = 0; k < n; k++) for (int c = 0; c < p[k].length; c++) sum[k][c] += p[k][c];
            }
            for (int k = 0; k < n; k++) out[from + k] = argMax(sum[k]);
        }
        return out;
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
