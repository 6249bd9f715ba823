package io.fer.trainer.replay;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicRangeTest {

    @Test
    void boundsAreOffsetsPerTopicOrPartitionOrTimes() {
        assertInstanceOf(TopicRange.Open.class, TopicRange.parse("--from", null));
        assertInstanceOf(TopicRange.Open.class, TopicRange.parse("--from", " "));
        assertEquals(new TopicRange.Offset(1200), TopicRange.parse("--from", "1200"));
        assertEquals(new TopicRange.PartitionOffsets(Map.of(0, 1200L, 3, 7L)), TopicRange.parse("--to", "0:1200,3:7"));
        assertEquals(new TopicRange.Time(Instant.parse("2026-11-28T18:00:00Z")),
                TopicRange.parse("--from", "2026-11-28T18:00:00Z"));
        assertEquals(new TopicRange.Time(Instant.parse("2026-11-28T17:00:00Z")),
                TopicRange.parse("--from", "2026-11-28T18:00:00+01:00"), "any zone offset");
    }

    @Test
    void anythingElseIsAClearError() {
        for (String bad : new String[] {"yesterday", "-5", "2026-11-28T18:00:00", "0:1,0:2", "99999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopicRange.parse("--from", bad));
            assertTrue(e.getMessage().startsWith("--from"), e.getMessage());
        }
    }

    @Test
    void aRangeIsHalfOpen() {
        assertEquals(100, new TopicRange.PartitionRange(0, 100, 200).size());
        assertEquals(0, new TopicRange.PartitionRange(0, 200, 200).size());
        assertEquals("partition 2 [5, 9)", new TopicRange.PartitionRange(2, 5, 9).toString());
    }
}
