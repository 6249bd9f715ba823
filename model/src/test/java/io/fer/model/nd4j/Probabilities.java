package io.fer.model.nd4j;

/** Comparing rows of class probabilities element by element. */
final class Probabilities {
    private Probabilities() {
    }

    /** The largest {@code |a - b| / max(|a|, |b|)} over all elements; the arrays must have the same shape. */
    static double largestRelativeDifference(float[][] a, float[][] b) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " rows vs " + b.length);
        double worst = 0;
        for (int row = 0; row < a.length; row++) {
            if (a[row].length != b[row].length) throw new IllegalArgumentException("row " + row + " differs in length");
            for (int c = 0; c < a[row].length; c++) {
                double x = a[row][c];
                double y = b[row][c];
                double scale = Math.max(Math.abs(x), Math.abs(y));
                if (scale > 0) worst = Math.max(worst, Math.abs(x - y) / scale);
            }
        }
        return worst;
    }
}
