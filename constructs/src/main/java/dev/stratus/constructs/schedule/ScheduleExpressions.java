package dev.stratus.constructs.schedule;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks EventBridge Scheduler expressions ({@code cron(...)}, {@code rate(...)}, {@code at(...)})
 * and time zones at synth time, so that a typo fails {@code cdk synth} with a useful message instead
 * of a CloudFormation rollback. Each method returns the problem, or empty when the value is valid.
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
