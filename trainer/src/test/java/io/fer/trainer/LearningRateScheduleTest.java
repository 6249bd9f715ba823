package io.fer.trainer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningRateScheduleTest {

    @Test
    void cosineWarmsUpPeaksAndDecaysToZero() {
        LearningRateSchedule s = new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 0.1, 11, 1, 10, 0.1);
        assertTrue(s.at(0, 0) < 0.001);
        assertEquals(0.05, s.at(0, 0.5), 1e-3);
        assertEquals(0.1, s.at(1, 0), 1e-9);
        assertEquals(0.05, s.at(6, 0), 1e-9);
        assertEquals(0, s.at(10, 0.9999), 1e-6);
    }

    @Test
    void stepAndConstant() {
        LearningRateSchedule step = new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.1, 30, 0, 10, 0.1);
        assertEquals(0.1, step.at(9, 0.9), 1e-12);
        assertEquals(0.01, step.at(10, 0), 1e-12);
        assertEquals(0.001, step.at(25, 0), 1e-12);
        LearningRateSchedule c = new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 0.2, 5, 0, 1, 1);
        assertEquals(0.2, c.at(4, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 0.1, 5, 5, 1, 1));
    }
}
