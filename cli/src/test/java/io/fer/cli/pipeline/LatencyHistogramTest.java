package io.fer.cli.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatencyHistogramTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 100; v >= 1; v--) h.record(v);
        assertEquals(100, h.count());
        assertEquals(50, h.percentile(50));
        assertEquals(95, h.percentile(95));
        assertEquals(99, h.percentile(99));
        assertEquals(100, h.max());
        assertEquals(1, h.percentile(0.5));
        assertEquals(50.5, h.mean(), 1e-9);
    }

    @Test
    void aPercentileIsAlwaysARecordedValue() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(40);
        h.record(10);
        h.record(30);
        h.record(-5);
        assertEquals(10, h.percentile(50), "ranks: 0 10 30 40; the 2nd of 4");
        assertEquals(40, h.percentile(99), "ceil(0.99 * 4) = 4th");
        assertEquals(0, h.percentile(25), "a negative latency (clock step) counts as 0");
    }

    @Test
    void growsBeyondItsFirstArray() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 5000; i++) h.record(i % 10);
        assertEquals(5000, h.count());
        assertEquals(9, h.percentile(95));
    }

    @Test
    void refusesNonsense() {
        LatencyHistogram h = new LatencyHistogram();
        assertThrows(IllegalStateException.class, () -> h.percentile(50), "empty");
        h.record(1);
        assertThrows(IllegalArgumentException.class, () -> h.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> h.percentile(101));
    }
}
