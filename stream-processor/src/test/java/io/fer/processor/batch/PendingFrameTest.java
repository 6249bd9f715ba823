package io.fer.processor.batch;

import io.fer.processor.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingFrameTest {

    @Test
    void aStoredFrameReadsBackUnchanged() {
        PendingFrame f = new PendingFrame(42, "frame-1", "cam-7", 1_000, 1_001, 1_002, 5, Fixtures.face(3));
        PendingFrame back = PendingFrame.decode(f.encode());
        assertEquals(f.offset(), back.offset());
        assertEquals(f.frameId(), back.frameId());
        assertEquals(f.streamId(), back.streamId());
        assertEquals(f.captureTimestamp(), back.captureTimestamp());
        assertEquals(f.recordTimestamp(), back.recordTimestamp());
        assertEquals(f.ingestTimestamp(), back.ingestTimestamp());
        assertEquals(5, back.groundTruth());
        assertArrayEquals(f.pixels(), back.pixels());
        assertNull(PendingFrame.decode(new PendingFrame(1, "a", "b", 0, 0, 0, null, new byte[1]).encode()).groundTruth());
    }

    @Test
    void keysSortInOffsetOrder() {
        assertTrue(Arrays.compareUnsigned(PendingFrame.key(255), PendingFrame.key(256)) < 0);
        assertTrue(Arrays.compareUnsigned(PendingFrame.key(9), PendingFrame.key(1L << 40)) < 0);
    }

    @Test
    void corruptBytesAreRefusedWithAClearException() {
        byte[] encoded = new PendingFrame(1, "a", "b", 0, 0, 0, null, new byte[10]).encode();
        assertThrows(IllegalArgumentException.class, () -> PendingFrame.decode(Arrays.copyOf(encoded, 20)));
        assertThrows(IllegalArgumentException.class, () -> PendingFrame.decode(new byte[]{7}));
    }
}
