package io.fer.trainer.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the trainer service retrains: a 5-field cron expression ({@link CronSchedule}), a fixed interval, or never
 * (runs only on request).
 */
public interface Schedule {

    /** The next time after {@code after} a run is due; empty when none ever is. */
    Optional<Instant> next(Instant after);

    /**
     * Parses a schedule: empty text is never; text with spaces is a cron expression (minute hour day-of-month month
     * day-of-week, in {@code zone}); otherwise an interval: a whole number with {@code s}, {@code m}, {@code h} or
     * {@code d} ({@code 30m}, {@code 6h}), or an ISO-8601 duration ({@code PT6H}).
     *
     * @throws IllegalArgumentException on anything else, naming what is wrong
     */
    static Schedule parse(String text, ZoneId zone) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return new Never();
        if (t.contains(" ") || t.contains("\t")) return CronSchedule.parse(t, zone);
        return new Interval(interval(t));
    }

    private static Duration interval(String text) {
        Matcher m = Pattern.compile("(\\d{1,9})([smhd])").matcher(text.toLowerCase(Locale.ROOT));
        Duration d;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("schedule '" + text + "' is neither a cron expression (5 fields) "
                        + "nor an interval (30m, 6h, 1d, PT6H)", e);
            }
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("schedule interval '" + text + "' must be at least 1 second");
        }
        return d;
    }

    /** A run every {@code every}, counted from the given time (the service's start, then each run's end). */
    record Interval(Duration every) implements Schedule {
        @Override
        public Optional<Instant> next(Instant after) {
            return Optional.of(after.plus(every));
        }

        @Override
        public String toString() {
            return "every " + every.toString().substring(2).toLowerCase(Locale.ROOT);
        }
    }

    /** No scheduled runs: only on request. */
    record Never() implements Schedule {
        @Override
        public Optional<Instant> next(Instant after) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "only on request";
        }
    }
}
