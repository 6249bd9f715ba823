package io.fer.producer.watch;

import io.fer.schemas.Emotion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmotionWindowTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void countsPerStreamAndEvictsEventsOlderThanTheWindow() {
        EmotionWindow window = new EmotionWindow(Duration.ofSeconds(10));
        window.add("a", T0, Emotion.HAPPINESS);
        window.add("a", T0.plusSeconds(2), Emotion.HAPPINESS);
        window.add("a", T0.plusSeconds(5), Emotion.ANGER);
        window.add("b", T0.plusSeconds(1), Emotion.NEUTRAL);

        assertEquals(2, window.counts().get("a").get(Emotion.HAPPINESS));
        assertEquals(1, window.counts().get("a").get(Emotion.ANGER));
        assertEquals(1, window.counts().get("b").get(Emotion.NEUTRAL));

        // 11 s after T0: the event at T0 leaves stream a's window; stream b is not affected
        window.add("a", T0.plusSeconds(11), Emotion.SADNESS);
        Map<Emotion, Integer> a = window.counts().get("a");
        assertEquals(1, a.get(Emotion.HAPPINESS));
        assertEquals(1, a.get(Emotion.ANGER));
        assertEquals(1, a.get(Emotion.SADNESS));
        assertEquals(0, a.get(Emotion.CONTEMPT));
        assertEquals(1, window.counts().get("b").get(Emotion.NEUTRAL));
    }

    @Test
    void lateEventsInsideTheWindowCountAndOlderOnesDoNot() {
        EmotionWindow window = new EmotionWindow(Duration.ofSeconds(10));
        window.add("a", T0.plusSeconds(20), Emotion.SURPRISE);
        assertTrue(window.add("a", T0.plusSeconds(15), Emotion.FEAR));
        assertFalse(window.add("a", T0.plusSeconds(5), Emotion.FEAR));
        assertEquals(1, window.counts().get("a").get(Emotion.FEAR));

        // the late event is evicted by time, not by arrival order
        window.add("a", T0.plusSeconds(26), Emotion.SURPRISE);
        assertEquals(0, window.counts().get("a").get(Emotion.FEAR));
        assertEquals(2, window.counts().get("a").get(Emotion.SURPRISE));
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> new EmotionWindow(Duration.ZERO));
    }
}
