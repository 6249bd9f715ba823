package io.fer.trainer;

import io.fer.model.NetworkSpec;
import io.fer.model.preprocess.Preprocessor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test-time augmentation for {@code fer evaluate --tta}: the views of each face whose class probabilities are
 * averaged. Shifts stay inside the training augmentation's range (up to 4 pixels), with edge pixels repeated.
 */
public enum TestTimeAugmentation {
    /** The face as it is. */
    NONE(false, new int[][] {{0, 0}}),
    /** The face and its mirror image. */
    FLIP(true, new int[][] {{0, 0}}),
    /** The face shifted 2 pixels left, right, up and down, and not shifted; each also mirrored: 10 views. */
    CROPS(true, new int[][] {{0, 0}, {2, 0}, {-2, 0}, {0, 2}, {0, -2}});

    private final boolean mirror;
    private final int[][] shifts;

    TestTimeAugmentation(boolean mirror, int[][] shifts) {
        this.mirror = mirror;
        this.shifts = shifts;
    }

    /** By name, any case: {@code none}, {@code flip} or {@code crops}. */
    public static TestTimeAugmentation parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown test-time augmentation '" + name
                    + "': expected none, flip or crops");
        }
    }

    /** How many views of each face are averaged. */
    public int viewCount() {
        return shifts.length * (mirror ? 2 : 1);
    }

    /** The views of a batch of network inputs (N x 48 x 48, row-major): the batch itself first. */
    public List<float[]> views(float[] batch) {
        List<float[]> out = new ArrayList<>(viewCount());
        for (int[] s : shifts) {
            float[] shifted = s[0] == 0 && s[1] == 0 ? batch : shift(batch, s[0], s[1]);
            out.add(shifted);
            if (mirror) out.add(Preprocessor.flipHorizontal(shifted));
        }
        return out;
    }

    /** The name as the options and the JSON report spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Each face moved {@code dx} pixels right and {@code dy} down; the edge row or column fills the gap. */
    static float[] shift(float[] batch, int dx, int dy) {
        int side = NetworkSpec.SIDE;
        int plane = side * side;
        float[] out = new float[batch.length];
        for (int base = 0; base < batch.length; base += plane) {
            for (int y = 0; y < side; y++) {
                int from = base + Math.min(Math.max(y - dy, 0), side - 1) * side;
                for (int x = 0; x < side; x++) {
                    out[base + y * side + x] = batch[from + Math.min(Math.max(x - dx, 0), side - 1)];
                }
            }
        }
        return out;
    }
}
