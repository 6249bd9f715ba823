package io.fer.cli.faults;

/**
 * An ordinary least-squares line {@code y = intercept + slope x} through points, as used for memory drift: the slope
 * of heap or off-heap bytes over time.
 *
 * @param slope     change of y per unit of x
 * @param intercept y at x = 0
 */
record LinearFit(double slope, double intercept) {

    /**
     * Fits the points {@code (x[i], y[i])}.
     *
     * @throws IllegalArgumentException with fewer than two points, unequal lengths or all x equal
     */
    static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("x and y differ in length");
        if (x.length < 2) throw new IllegalArgumentException("a line needs at least two points, got " + x.length);
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        if (sxx == 0) throw new IllegalArgumentException("all points have the same x");
        double slope = sxy / sxx;
        return new LinearFit(slope, my - slope * mx);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }
}
