package io.fer.trainer.lifecycle;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A 5-field cron expression, as in crontab(5): minute (0-59), hour (0-23), day of month (1-31), month (1-12 or
 * JAN-DEC), day of week (0-7 or SUN-SAT, 0 and 7 both Sunday). Each field is {@code *} or a comma-separated list of
 * values, ranges {@code a-b}, and steps {@code a-b/n}, {@code a/n} (from a to the end), {@code *}{@code /n}. As in cron, when
 * both day fields are restricted a day matching either one fires; otherwise both must match. Times are in a zone.
 */
public final class CronSchedule implements Schedule {
    private static final List<String> MONTHS =
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Searching further than this for a matching minute means the expression never fires (e.g. 30 February). */
    private static final int HORIZON_YEARS = 9;

    private final String text;
    private final ZoneId zone;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean bothDaysRestricted;

    private CronSchedule(String text, ZoneId zone, String[] f) {
        this.text = text;
        this.zone = zone;
        minutes = field(f[0], "minute", 0, 59, List.of(), 0);
        hours = field(f[1], "hour", 0, 23, List.of(), 0);
        daysOfMonth = field(f[2], "day of month", 1, 31, List.of(), 0);
        months = field(f[3], "month", 1, 12, MONTHS, 1);
        BitSet dow = field(f[4], "day of week", 0, 7, DAYS, 0);
        if (dow.get(7)) dow.set(0);
        daysOfWeek = dow;
        bothDaysRestricted = !f[2].startsWith("*") && !f[4].startsWith("*");
    }

    /**
     * Parses an expression of 5 fields.
     *
     * @throws IllegalArgumentException naming the bad field, or when the expression never fires
     */
    public static CronSchedule parse(String text, ZoneId zone) {
        String[] f = text.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("cron expression '" + text + "' has " + f.length
                    + " fields; expected 5: minute hour day-of-month month day-of-week");
        }
        CronSchedule cron = new CronSchedule(text.trim(), zone, f);
        if (cron.next(Instant.now()).isEmpty()) {
            throw new IllegalArgumentException("cron expression '" + text + "' never fires");
        }
        return cron;
    }

    @Override
    public Optional<Instant> next(Instant after) {
        ZonedDateTime t = after.atZone(zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int lastYear = t.getYear() + HORIZON_YEARS;
        while (t.getYear() <= lastYear) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return Optional.of(t.toInstant());
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        return bothDaysRestricted ? dom || dow : dom && dow;
    }

    private static BitSet field(String text, String name, int min, int max, List<String> names, int firstName) {
        BitSet bits = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), name, item);
                if (step < 1) throw bad(name, item, "a step must be at least 1");
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                from = value(dash < 0 ? range : range.substring(0, dash), name, item, names, firstName);
                to = dash < 0 ? (slash >= 0 ? max : from) : value(range.substring(dash + 1), name, item, names, firstName);
            }
            if (from < min || to > max || from > to) {
                throw bad(name, item, "values must be " + min + ".." + max + ", ascending");
            }
            for (int v = from; v <= to; v += step) bits.set(v);
        }
        return bits;
    }

    private static int value(String text, String name, String item, List<String> names, int firstName) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        return named >= 0 ? named + firstName : number(text, name, item);
    }

    private static int number(String text, String name, String item) {
        if (!text.matches("\\d{1,2}")) throw bad(name, item, "'" + text + "' is not a number");
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException bad(String name, String item, String why) {
        return new IllegalArgumentException("cron " + name + " field '" + item + "': " + why);
    }

    @Override
    public String toString() {
        return "cron '" + text + "' (" + zone + ")";
    }
}
