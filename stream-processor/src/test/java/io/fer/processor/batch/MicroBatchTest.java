package io.fer.processor.batch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicroBatchTest {

    private static PendingFrame frame(long offset) {
        return new PendingFrame(offset, "f" + offset, "s", 0, 0, 0, null, new byte[0]);
    }

    @Test
    void dueAtMaxSizeOrMaxDelayAfterTheFirstFrameWhicheverComesFirst() {
        MicroBatch batch = new MicroBatch(3, 50);
        assertFalse(batch.isDue(0), "an empty batch is never due");
        batch.add(frame(0), 100);
        batch.add(frame(1), 140);
        assertFalse(batch.isDue(149));
        assertTrue(batch.isDue(150), "50 ms after the first frame, not the last");
        batch.add(frame(2), 141);
        assertTrue(batch.isDue(101), "full");
    }

    @Test
    void takeRemovesAtMostMaxSizeOldestFirst() {
        MicroBatch batch = new MicroBatch(2, 1000);
        for (int i = 0; i < 5; i++) batch.add(frame(i), 0);
        assertEquals(List.of(0L, 1L), batch.take().stream().map(PendingFrame::offset).toList());
        assertEquals(List.of(2L, 3L), batch.take().stream().map(PendingFrame::offset).toList());
        assertEquals(1, batch.size());
        assertFalse(batch.isDue(10));
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThrows(IllegalArgumentException.class, () -> new MicroBatch(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new MicroBatch(1, -1));
    }
}
