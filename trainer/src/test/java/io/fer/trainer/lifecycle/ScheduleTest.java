package io.fer.trainer.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    /** A Wednesday. */
    private static final Instant T = Instant.parse("2025-01-15T10:17:30Z");

    private static Instant next(String cron, Instant after) {
        return Schedule.parse(cron, UTC).next(after).orElseThrow();
    }

    @Test
    void intervalsInShortAndIsoForm() {
        assertEquals(T.plus(Duration.ofMinutes(30)), Schedule.parse("30m", UTC).next(T).orElseThrow());
        assertEquals(T.plus(Duration.ofHours(6)), Schedule.parse("6h", UTC).next(T).orElseThrow());
        assertEquals(T.plus(Duration.ofDays(1)), Schedule.parse("1d", UTC).next(T).orElseThrow());
        assertEquals(T.plus(Duration.ofSeconds(45)), Schedule.parse("45s", UTC).next(T).orElseThrow());
        assertEquals(T.plus(Duration.ofMinutes(90)), Schedule.parse("PT1H30M", UTC).next(T).orElseThrow());
        assertInstanceOf(Schedule.Interval.class, Schedule.parse(" 6H ", UTC));
    }

    @Test
    void emptyMeansOnlyOnRequest() {
        assertEquals(Optional.empty(), Schedule.parse("", UTC).next(T));
        assertEquals(Optional.empty(), Schedule.parse("  ", UTC).next(T));
    }

    @Test
    void cronFieldsValuesRangesListsAndSteps() {
        assertEquals(Instant.parse("2025-01-16T03:00:00Z"), next("0 3 * * *", T), "nightly at 03:00");
        assertEquals(Instant.parse("2025-01-15T10:18:00Z"), next("* * * * *", T), "every minute: the next one");
        assertEquals(Instant.parse("2025-01-15T10:30:00Z"), next("*/15 * * * *", T));
        assertEquals(Instant.parse("2025-01-15T10:20:00Z"), next("5/15 * * * *", Instant.parse("2025-01-15T10:06:00Z")));
        assertEquals(Instant.parse("2025-01-15T12:00:00Z"), next("0 9-17/3 * * *", T), "9, 12, 15");
        assertEquals(Instant.parse("2025-01-15T10:45:00Z"), next("10,45 * * * *", T));
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), next("0 0 1 mar,jun *", T), "month names");
        assertEquals(Instant.parse("2025-01-15T10:17:00Z").plus(Duration.ofMinutes(1)),
                next("* * * * *", Instant.parse("2025-01-15T10:17:00Z")), "strictly after");
    }

    @Test
    void daysOfWeekAndTheCronRuleForBothDayFields() {
        assertEquals(Instant.parse("2025-01-19T02:00:00Z"), next("0 2 * * 0", T), "Sunday as 0");
        assertEquals(Instant.parse("2025-01-19T02:00:00Z"), next("0 2 * * 7", T), "Sunday as 7");
        assertEquals(Instant.parse("2025-01-17T02:00:00Z"), next("0 2 * * mon-fri", Instant.parse("2025-01-16T02:00:00Z")));
        // both restricted: the 20th OR a Friday, whichever comes first (Friday the 17th)
        assertEquals(Instant.parse("2025-01-17T00:00:00Z"), next("0 0 20 * 5", T));
        // only the day of month restricted: the weekday field (*) does not widen it
        assertEquals(Instant.parse("2025-01-20T00:00:00Z"), next("0 0 20 * *", T));
    }

    @Test
    void cronInAZoneAndLeapDays() {
        Instant berlinThree = Schedule.parse("0 3 * * *", ZoneId.of("Europe/Berlin")).next(T).orElseThrow();
        assertEquals(Instant.parse("2025-01-16T02:00:00Z"), berlinThree, "03:00 in Berlin is 02:00 UTC in winter");
        assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next("0 0 29 2 *", T));
    }

    @Test
    void badSchedulesAreRefusedSayingWhy() {
        assertMessage("0 25 * * *", "hour");
        assertMessage("60 * * * *", "minute");
        assertMessage("0 0 0 * *", "day of month");
        assertMessage("0 0 * 13 *", "month");
        assertMessage("0 0 * * funday", "day of week");
        assertMessage("*/0 * * * *", "step");
        assertMessage("0 0 * *", "5");
        assertMessage("0 0 30 2 *", "never fires");
        assertMessage("often", "interval");
        assertMessage("0s", "at least 1 second");
    }

    private static void assertMessage(String schedule, String part) {
        String m = assertThrows(IllegalArgumentException.class, () -> Schedule.parse(schedule, UTC)).getMessage();
        assertTrue(m.contains(part), "'" + schedule + "': " + m);
    }
}
