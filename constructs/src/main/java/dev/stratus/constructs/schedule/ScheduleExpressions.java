package dev.stratus.constructs.schedule;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks EventBridge Scheduler expressions ({@code cron(...)}, {@code rate(...)}, {@code at(...)})
 * and time zones at synth time, so that a typo fails {@code cdk synth} with a useful message instead
 * of a CloudFormation rollback. Each method returns the problem, or empty when the value is valid.
 * {@link #check} looks at the form of an expression; {@link #checkFires} at whether it ever runs.
 */
final class ScheduleExpressions {
    static final String CRON_EXAMPLE = "cron(0 2 * * ? *) runs every day at 02:00";
    static final String RATE_EXAMPLE = "rate(5 minutes)";

    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern RATE = Pattern.compile("rate\\((.*)\\)");
    private static final Pattern RATE_BODY = Pattern.compile("(-?\\d+)\\s+([a-zA-Z]+)");
    private static final Pattern AT = Pattern.compile("at\\((.*)\\)");
    private static final String[] FIELDS = {"minutes", "hours", "day-of-month", "month", "day-of-week", "year"};
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** The last year EventBridge Scheduler's cron accepts. */
    static final int LAST_YEAR = 2199;

    private ScheduleExpressions() {
    }

    static Optional<String> check(String expression) {
        String e = expression.trim();
        Matcher m;
        if ((m = CRON.matcher(e)).matches()) {
            return checkCron(expression, m.group(1).trim());
        }
        if ((m = RATE.matcher(e)).matches()) {
            return checkRate(expression, m.group(1).trim());
        }
        if ((m = AT.matcher(e)).matches()) {
            return checkAt(expression, m.group(1).trim());
        }
        return Optional.of("schedule '" + expression + "' is not a cron(...), rate(...) or at(...) expression; e.g. "
                + CRON_EXAMPLE + ", or " + RATE_EXAMPLE);
    }

    static Optional<String> checkTimeZone(String timeZone) {
        Set<String> zones = ZoneId.getAvailableZoneIds();
        if (zones.contains(timeZone)) {
            return Optional.empty();
        }
        List<String> close = new ArrayList<>();
        String wanted = timeZone.toLowerCase(Locale.ROOT).replace(' ', '_');
        for (String zone : zones) {
            String z = zone.toLowerCase(Locale.ROOT);
            if (z.equals(wanted) || z.endsWith("/" + wanted)) {
                close.add(zone);
            }
        }
        close.sort(null);
        return Optional.of("timeZone '" + timeZone + "' is not a known IANA time zone; "
                + (close.isEmpty() ? "use a name like Europe/Berlin, America/New_York or UTC" : "did you mean " + String.join(" or ", close) + "?"));
    }

    /**
     * Whether a well-formed expression ({@link #check} found nothing) ever runs after {@code clock}'s
     * now in {@code timeZone}: a one-time {@code at()} must lie in the future, and a cron expression
     * must match at least one day from today to the end of {@value #LAST_YEAR} (February has no 30th,
     * and a year in the past does not come back). Hours and minutes are not weighed: a cron that
     * matches today is taken to fire. Forms this check does not model count as firing.
     */
    static Optional<String> checkFires(String expression, String timeZone, Clock clock) {
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (RuntimeException unknownZone) {
            return Optional.empty(); // reported by checkTimeZone
        }
        String e = expression.trim();
        Matcher m;
        if ((m = AT.matcher(e)).matches()) {
            LocalDateTime at = LocalDateTime.parse(m.group(1).trim());
            if (!at.isAfter(LocalDateTime.now(clock.withZone(zone)))) {
                return Optional.of("schedule '" + expression + "' is in the past in time zone " + timeZone
                        + ": a one-time schedule runs only if its time is still to come");
            }
        } else if ((m = CRON.matcher(e)).matches()) {
            String[] f = m.group(1).trim().split("\\s+");
            if (!firesOnSomeDay(f[2], f[3], f[4], f[5], LocalDate.now(clock.withZone(zone)))) {
                return Optional.of("schedule '" + expression + "' never fires: no day from today to the end of " + LAST_YEAR
                        + " matches day-of-month '" + f[2] + "', month '" + f[3] + "', day-of-week '" + f[4] + "' and year '"
                        + f[5] + "' together (e.g. February has no 30th, and a year in the past does not come back)");
            }
        }
        return Optional.empty();
    }

    private static boolean firesOnSomeDay(String dom, String month, String dow, String year, LocalDate today) {
        Predicate<LocalDate> dayOfMonth = dayOfMonth(dom.toUpperCase(Locale.ROOT));
        IntPredicate months = values(month.toUpperCase(Locale.ROOT), 1, 12, MONTHS);
        Predicate<LocalDate> dayOfWeek = dayOfWeek(dow.toUpperCase(Locale.ROOT));
        IntPredicate years = values(year, 1970, LAST_YEAR, List.of());
        for (LocalDate day = today; day.getYear() <= LAST_YEAR; day = day.plusDays(1)) {
            if (!years.test(day.getYear())) {
                day = LocalDate.of(day.getYear(), 12, 31); // skip the year
            } else if (months.test(day.getMonthValue()) && dayOfMonth.test(day) && dayOfWeek.test(day)) {
                return true;
            }
        }
        return false;
    }

    private static Predicate<LocalDate> dayOfMonth(String field) {
        if (field.equals("?") || field.equals("*")) {
            return day -> true;
        }
        List<Predicate<LocalDate>> parts = new ArrayList<>();
        for (String part : field.split(",")) {
            if (part.equals("L")) {
                parts.add(day -> day.getDayOfMonth() == day.lengthOfMonth());
            } else if (part.matches("\\d+W")) {
                int wanted = Integer.parseInt(part.substring(0, part.length() - 1));
                parts.add(day -> wanted <= day.lengthOfMonth() && day.getDayOfMonth() == nearestWeekday(day.withDayOfMonth(wanted)));
            } else {
                IntPredicate values = values(part, 1, 31, List.of());
                parts.add(day -> values.test(day.getDayOfMonth()));
            }
        }
        return day -> parts.stream().anyMatch(p -> p.test(day));
    }

    /** The weekday nearest to {@code day} in its month ({@code 15W}). */
    private static int nearestWeekday(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case SATURDAY -> day.getDayOfMonth() > 1 ? day.getDayOfMonth() - 1 : day.getDayOfMonth() + 2;
            case SUNDAY -> day.getDayOfMonth() < day.lengthOfMonth() ? day.getDayOfMonth() + 1 : day.getDayOfMonth() - 2;
            default -> day.getDayOfMonth();
        };
    }

    private static Predicate<LocalDate> dayOfWeek(String field) {
        if (field.equals("?") || field.equals("*") || field.equals("L")) {
            return day -> true;
        }
        List<Predicate<LocalDate>> parts = new ArrayList<>();
        for (String part : field.split(",")) {
            if (part.endsWith("L")) {
                int wanted = dayNumber(part.substring(0, part.length() - 1));
                parts.add(day -> cronDay(day) == wanted && day.plusWeeks(1).getMonthValue() != day.getMonthValue());
            } else if (part.contains("#")) {
                String[] pieces = part.split("#");
                int wanted = dayNumber(pieces[0]);
                int nth = Integer.parseInt(pieces[1]);
                parts.add(day -> cronDay(day) == wanted && (day.getDayOfMonth() - 1) / 7 + 1 == nth);
            } else {
                IntPredicate values = values(part, 1, 7, DAYS);
                parts.add(day -> values.test(cronDay(day)));
            }
        }
        return day -> parts.stream().anyMatch(p -> p.test(day));
    }

    /** 1 (Sunday) to 7 (Saturday), as cron counts. */
    private static int cronDay(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : day.getDayOfWeek().getValue() + 1;
    }

    private static int dayNumber(String text) {
        int named = DAYS.indexOf(text);
        return named >= 0 ? named + 1 : Integer.parseInt(text);
    }

    /**
     * The values of a list of '*', values, ranges (a range whose start lies after its end wraps
     * around, as in FRI-MON) and steps, between {@code min} and {@code max}.
     */
    private static IntPredicate values(String field, int min, int max, List<String> names) {
        boolean[] allowed = new boolean[max + 1];
        for (String part : field.split(",")) {
            String range = part;
            int step = 1;
            if (part.contains("/")) {
                range = part.substring(0, part.indexOf('/'));
                step = Integer.parseInt(part.substring(part.indexOf('/') + 1));
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                from = number(range.substring(0, range.indexOf('-')), names);
                to = number(range.substring(range.indexOf('-') + 1), names);
            } else {
                from = number(range, names);
                to = part.contains("/") ? max : from;
            }
            int span = to >= from ? to - from : to + (max - min + 1) - from;
            for (int i = 0; i <= span; i += step) {
                int v = from + i > max ? from + i - (max - min + 1) : from + i;
                allowed[v] = true;
            }
        }
        return v -> v >= 0 && v <= max && allowed[v];
    }

    private static int number(String text, List<String> names) {
        int named = names.indexOf(text);
        return named >= 0 ? named + 1 : Integer.parseInt(text);
    }

    /** The interval of a valid {@code rate(...)} expression; empty for cron, at and anything else. */
    static Optional<java.time.Duration> rateInterval(String expression) {
        Matcher rate = expression == null ? null : RATE.matcher(expression.strip());
        if (rate == null || !rate.matches() || checkRate(expression, rate.group(1).strip()).isPresent()) {
            return Optional.empty();
        }
        Matcher m = RATE_BODY.matcher(rate.group(1).strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        return Optional.of(unit.startsWith("minute") ? java.time.Duration.ofMinutes(value)
                : unit.startsWith("hour") ? java.time.Duration.ofHours(value) : java.time.Duration.ofDays(value));
    }

    private static Optional<String> checkRate(String expression, String body) {
        Matcher m = RATE_BODY.matcher(body);
        String prefix = "schedule '" + expression + "': ";
        if (!m.matches()) {
            return Optional.of(prefix + "a rate is 'value unit' with a whole value and a unit of minute(s), hour(s) or "
                    + "day(s), e.g. " + RATE_EXAMPLE);
        }
        long value = Long.parseLong(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        if (unit.startsWith("second") || value < 1) {
            return Optional.of(prefix + "the interval is below one minute, the shortest EventBridge Scheduler allows; "
                    + "e.g. rate(1 minute) or " + RATE_EXAMPLE);
        }
        if (!List.of("minute", "minutes", "hour", "hours", "day", "days").contains(unit)) {
            return Optional.of(prefix + "unit '" + m.group(2) + "' is not minute(s), hour(s) or day(s), e.g. " + RATE_EXAMPLE);
        }
        boolean singular = !unit.endsWith("s");
        if (value == 1 && !singular) {
            return Optional.of(prefix + "a value of 1 takes a singular unit, e.g. rate(1 " + unit.substring(0, unit.length() - 1) + ")");
        }
        if (value != 1 && singular) {
            return Optional.of(prefix + "a value other than 1 takes a plural unit, e.g. rate(" + value + " " + unit + "s)");
        }
        return Optional.empty();
    }

    private static Optional<String> checkAt(String expression, String body) {
        try {
            LocalDateTime.parse(body);
            if (body.length() == 19) {
                return Optional.empty();
            }
        } catch (DateTimeParseException ignored) {
            // reported below with the expected form
        }
        return Optional.of("schedule '" + expression + "': a one-time schedule is at(yyyy-mm-ddThh:mm:ss), "
                + "e.g. at(2026-12-24T18:00:00)");
    }

    private static Optional<String> checkCron(String expression, String body) {
        String[] fields = body.isEmpty() ? new String[0] : body.split("\\s+");
        String prefix = "schedule '" + expression + "': ";
        if (fields.length != 6) {
            return Optional.of(prefix + "has " + fields.length + " field" + (fields.length == 1 ? "" : "s")
                    + ", but EventBridge Scheduler cron expressions have 6 (minutes hours day-of-month month "
                    + "day-of-week year); e.g. " + CRON_EXAMPLE);
        }
        List<String> problems = new ArrayList<>();
        boolean domQ = fields[2].equals("?");
        boolean dowQ = fields[4].equals("?");
        if (domQ == dowQ) {
            problems.add((domQ ? "both day-of-month and day-of-week are '?'" : "day-of-month '" + fields[2]
                    + "' and day-of-week '" + fields[4] + "' are both set")
                    + "; exactly one of them must be '?', e.g. cron(0 2 * * ? *) daily or cron(0 2 ? * MON *) on Mondays");
        }
        check(problems, 0, fields[0], 0, 59, List.of(), "");
        check(problems, 1, fields[1], 0, 23, List.of(), "");
        check(problems, 2, fields[2], 1, 31, List.of(), "?LW");
        check(problems, 3, fields[3], 1, 12, MONTHS, "");
        check(problems, 4, fields[4], 1, 7, DAYS, "?L#");
        check(problems, 5, fields[5], 1970, 2199, List.of(), "");
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(prefix + String.join("; ", problems) + " (e.g. " + CRON_EXAMPLE + ")");
    }

    /**
     * Checks one cron field: comma-separated parts, each '*', a value, a range a-b, with an optional
     * /step; plus the field's special forms ('?', 'L', 'W', '#').
     */
    private static void check(List<String> problems, int index, String field, int min, int max, List<String> names,
                              String specials) {
        String name = FIELDS[index];
        if (field.equals("?")) {
            if (specials.indexOf('?') < 0) {
                problems.add(name + " cannot be '?'");
            }
            return;
        }
        for (String part : field.split(",", -1)) {
            Optional<String> problem = checkPart(part.toUpperCase(Locale.ROOT), min, max, names, specials);
            if (problem.isPresent()) {
                problems.add(name + " '" + field + "' " + problem.get());
                return;
            }
        }
    }

    private static Optional<String> checkPart(String part, int min, int max, List<String> names, String specials) {
        if (part.isEmpty()) {
            return Optional.of("has an empty list entry");
        }
        if (specials.indexOf('L') >= 0 && part.equals("L")) {
            return Optional.empty();
        }
        // day-of-week only: 5L is the last Thursday of the month
        if (specials.indexOf('#') >= 0 && part.matches("(\\d+|[A-Z]{3})L")) {
            return value(part.substring(0, part.length() - 1), min, max, names);
        }
        if (specials.indexOf('W') >= 0 && part.matches("\\d+W")) {
            return value(part.substring(0, part.length() - 1), min, max, names);
        }
        if (specials.indexOf('#') >= 0 && part.contains("#")) {
            String[] pieces = part.split("#", -1);
            if (pieces.length != 2 || !pieces[1].matches("[1-5]")) {
                return Optional.of("must be day#n with n from 1 to 5, e.g. 3#2 for the second Tuesday");
            }
            return value(pieces[0], min, max, names);
        }
        String range = part;
        if (part.contains("/")) {
            String[] pieces = part.split("/", -1);
            if (pieces.length != 2 || !pieces[1].matches("\\d+") || Integer.parseInt(pieces[1]) < 1) {
                return Optional.of("has a bad step '" + part + "': use start/step with a step of 1 or more, e.g. 0/15");
            }
            range = pieces[0];
        }
        if (range.equals("*")) {
            return Optional.empty();
        }
        String[] bounds = range.split("-", -1);
        if (bounds.length > 2) {
            return Optional.of("has a bad range '" + part + "'");
        }
        for (String bound : bounds) {
            Optional<String> problem = value(bound, min, max, names);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> value(String text, int min, int max, List<String> names) {
        int named = names.indexOf(text);
        if (named >= 0) {
            return Optional.empty();
        }
        if (!text.matches("\\d{1,4}")) {
            return Optional.of("has '" + text + "', which is not a number" + (names.isEmpty() ? "" : " or one of " + String.join(",", names)));
        }
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            return Optional.of("has " + v + ", outside " + min + "-" + max);
        }
        return Optional.empty();
    }
}
