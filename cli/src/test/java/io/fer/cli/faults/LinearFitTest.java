package io.fer.cli.faults;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LinearFitTest {

    @Test
    void recoversAnExactLine() {
        LinearFit f = LinearFit.of(new double[]{0, 1, 2, 3}, new double[]{10, 12.5, 15, 17.5});
        assertEquals(2.5, f.slope(), 1e-12);
        assertEquals(10, f.intercept(), 1e-12);
    }

    @Test
    void aSawtoothAroundAFlatLevelHasASlopeNearZero() {
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i] = i;
            y[i] = 500 + (i % 2 == 0 ? 30 : -30);
        }
        assertEquals(-0.113, LinearFit.of(x, y).slope(), 0.001, "alternating +-30 MB: -600 / 5330");
    }

    @Test
    void refusesTooFewOrDegeneratePoints() {
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[]{1}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[]{1, 1}, new double[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> LinearFit.of(new double[]{1, 2}, new double[]{1}));
    }
}
