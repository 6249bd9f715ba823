package io.fer.processor.smoothing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SmoothingWindowTest {

    @Test
    void meanOfTheLastNVectorsSurvivesEncoding() {
        SmoothingWindow w = new SmoothingWindow(2);
        assertArrayEquals(new float[]{1, 0}, w.add(new float[]{1, 0}));
        assertArrayEquals(new float[]{0.5f, 0.5f}, w.add(new float[]{0, 1}));
        w.emitted(3);
        SmoothingWindow restored = SmoothingWindow.decode(w.encode(), 2);
        assertEquals(3, restored.lastEmitted());
        assertArrayEquals(new float[]{0.25f, 0.75f}, restored.add(new float[]{0.5f, 0.5f}), "the oldest vector left");
    }

    @Test
    void aVectorOfAnotherLengthStartsAfresh() {
        SmoothingWindow w = new SmoothingWindow(3);
        w.add(new float[]{1, 0});
        assertArrayEquals(new float[]{0, 0, 1}, w.add(new float[]{0, 0, 1}));
    }

    @Test
    void garbageIsRefusedWithAClearException() {
        assertThrows(IllegalArgumentException.class, () -> SmoothingWindow.decode(new byte[]{9, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> SmoothingWindow.decode(new byte[]{1, 0}, 2));
    }
}
