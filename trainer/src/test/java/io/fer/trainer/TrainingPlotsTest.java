package io.fer.trainer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingPlotsTest {

    // a 400 x 320 panel at (60, 50): points on the right run from x 360 to 460; the legend is 90 wide, 40 high
    private static final int[] XS = {60, 160, 260, 360, 410, 460};

    @Test
    void aFallingCurveLeavesTheTopRightCornerToTheLegend() {
        int[][] ys = {{60, 200, 300, 340, 355, 360}};
        assertTrue(TrainingPlots.legendOnTop(XS, ys, 370, 50, 370, 40));
    }

    @Test
    void aRisingCurveMovesTheLegendToTheBottomRightCorner() {
        int[][] ys = {{360, 200, 120, 80, 70, 60}};
        assertFalse(TrainingPlots.legendOnTop(XS, ys, 370, 50, 370, 40));
    }
}
