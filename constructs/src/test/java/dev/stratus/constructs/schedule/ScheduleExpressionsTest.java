package dev.stratus.constructs.schedule;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/** The expression and time zone checks: what passes, and the whole message a user gets for what does not. */
class ScheduleExpressionsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "cron(0 2 * * ? *)", "cron(0/15 * * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)",
            "cron(0 10 L * ? *)", "cron(0 9 15W * ? *)", "cron(0 12 ? * 6#3 *)", "cron(0 12 ? * 6L 2027)",
            "cron(5,35 14 * JAN,JUL ? 2026-2030)", "cron(0 0 ? * sun *)",
            "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)", "rate(7 days)",
            "at(2026-12-24T18:00:00)", "at(2020-01-01T00:00:00)"})
    void acceptsValidExpressions(String expression) {
        assertEquals(Optional.empty(), ScheduleExpressions.check(expression));
    }

    /**
     * Each invalid expression through the construct, as a user meets it: the whole message, which
     * quotes the expression and names what is wrong.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "cron(0 2 * *)|schedule 'cron(0 2 * *)': has 4 fields, but EventBridge Scheduler cron expressions have 6 (minutes hours day-of-month month day-of-week year); e.g. cron(0 2 * * ? *) runs every day at 02:00",
            "cron(0 2 * * * *)|schedule 'cron(0 2 * * * *)': day-of-month '*' and day-of-week '*' are both set; exactly one of them must be '?', e.g. cron(0 2 * * ? *) daily or cron(0 2 ? * MON *) on Mondays (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 1 * MON *)|schedule 'cron(0 2 1 * MON *)': day-of-month '1' and day-of-week 'MON' are both set; exactly one of them must be '?', e.g. cron(0 2 * * ? *) daily or cron(0 2 ? * MON *) on Mondays (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 ? * ? *)|schedule 'cron(0 2 ? * ? *)': both day-of-month and day-of-week are '?'; exactly one of them must be '?', e.g. cron(0 2 * * ? *) daily or cron(0 2 ? * MON *) on Mondays (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(60 2 * * ? *)|schedule 'cron(60 2 * * ? *)': minutes '60' has 60, outside 0-59 (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 24 * * ? *)|schedule 'cron(0 24 * * ? *)': hours '24' has 24, outside 0-23 (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 32 * ? *)|schedule 'cron(0 2 32 * ? *)': day-of-month '32' has 32, outside 1-31 (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 * 13 ? *)|schedule 'cron(0 2 * 13 ? *)': month '13' has 13, outside 1-12 (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 ? * 8 *)|schedule 'cron(0 2 ? * 8 *)': day-of-week '8' has 8, outside 1-7 (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 ? * FUN *)|schedule 'cron(0 2 ? * FUN *)': day-of-week 'FUN' has 'FUN', which is not a number or one of SUN,MON,TUE,WED,THU,FRI,SAT (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 * * ? 1969)|schedule 'cron(0 2 * * ? 1969)': year '1969' has 1969, outside 1970-2199 (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0/0 2 * * ? *)|schedule 'cron(0/0 2 * * ? *)': minutes '0/0' has a bad step '0/0': use start/step with a step of 1 or more, e.g. 0/15 (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 ? * * ? *)|schedule 'cron(0 ? * * ? *)': hours cannot be '?' (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 ? * 2#6 *)|schedule 'cron(0 2 ? * 2#6 *)': day-of-week '2#6' must be day#n with n from 1 to 5, e.g. 3#2 for the second Tuesday (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 ? * 1,,2 *)|schedule 'cron(0 2 ? * 1,,2 *)': day-of-week '1,,2' has an empty list entry (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "cron(0 2 1-2-3 * ? *)|schedule 'cron(0 2 1-2-3 * ? *)': day-of-month '1-2-3' has a bad range '1-2-3' (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
            "rate(30 seconds)|schedule 'rate(30 seconds)': the interval is below one minute, the shortest EventBridge Scheduler allows; e.g. rate(1 minute) or rate(5 minutes)",
            "rate(0 minutes)|schedule 'rate(0 minutes)': the interval is below one minute, the shortest EventBridge Scheduler allows; e.g. rate(1 minute) or rate(5 minutes)",
            "rate(5 weeks)|schedule 'rate(5 weeks)': unit 'weeks' is not minute(s), hour(s) or day(s), e.g. rate(5 minutes)",
            "rate(1 hours)|schedule 'rate(1 hours)': a value of 1 takes a singular unit, e.g. rate(1 hour)",
            "rate(5 minute)|schedule 'rate(5 minute)': a value other than 1 takes a plural unit, e.g. rate(5 minutes)",
            "rate(fast)|schedule 'rate(fast)': a rate is 'value unit' with a whole value and a unit of minute(s), hour(s) or day(s), e.g. rate(5 minutes)",
            "at(2026-12-24 18:00)|schedule 'at(2026-12-24 18:00)': a one-time schedule is at(yyyy-mm-ddThh:mm:ss), e.g. at(2026-12-24T18:00:00)",
            "every day at 2|schedule 'every day at 2' is not a cron(...), rate(...) or at(...) expression; e.g. cron(0 2 * * ? *) runs every day at 02:00, or rate(5 minutes)",
            "0 2 * * ? *|schedule '0 2 * * ? *' is not a cron(...), rate(...) or at(...) expression; e.g. cron(0 2 * * ? *) runs every day at 02:00, or rate(5 minutes)"})
    void failsWithTheWholeProblemOfAnInvalidExpression(String expression, String problem) {
        Stack stack = new Stack(new App(), "Test");
        ScheduledTask.Builder task = ScheduledTask.Builder.create(stack, "Nightly").schedule(expression)
                .functionProps(ScheduledTaskTest.functionProps());
        assertMessage("Invalid ScheduledTask 'Nightly': " + problem, assertThrows(IllegalArgumentException.class, task::build));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"})
    void acceptsIanaTimeZones(String zone) {
        assertEquals(Optional.empty(), ScheduleExpressions.checkTimeZone(zone));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Berlin|timeZone 'Berlin' is not a known IANA time zone; did you mean Europe/Berlin?",
            "Mars/Olympus|timeZone 'Mars/Olympus' is not a known IANA time zone; use a name like Europe/Berlin, America/New_York or UTC"})
    void failsWithTheWholeProblemOfAnUnknownTimeZone(String zone, String problem) {
        Stack stack = new Stack(new App(), "Test");
        ScheduledTask.Builder task = ScheduledTask.Builder.create(stack, "Nightly").schedule("cron(0 2 * * ? *)").timeZone(zone)
                .functionProps(ScheduledTaskTest.functionProps());
        assertMessage("Invalid ScheduledTask 'Nightly': " + problem, assertThrows(IllegalArgumentException.class, task::build));
    }

    /** 2026-11-25 at noon, UTC: what "now" is for the checks below. */
    static final java.time.Clock NOW = java.time.Clock.fixed(java.time.Instant.parse("2026-11-25T12:00:00Z"), java.time.ZoneOffset.UTC);

    @ParameterizedTest
    @ValueSource(strings = {
            "cron(0 2 * * ? *)", "cron(0 2 29 2 ? *)", "cron(0 2 31 * ? *)", "cron(0 2 31 DEC ? 2026)", "cron(0 12 ? * 6L *)",
            "cron(0 9 15W * ? *)", "cron(0 0 ? * FRI-MON *)", "cron(0 0 ? * 2#5 2027)", "cron(0 0 L 2 ? 2027)",
            "cron(0 0 */10 * ? 2027)", "cron(0 0 ? NOV-FEB 1 *)", "cron(0 2 * * ? 2026)",
            "rate(5 minutes)", "at(2026-11-25T12:00:01)", "at(2099-01-01T00:00:00)"})
    void acceptsExpressionsThatFire(String expression) {
        assertEquals(Optional.empty(), ScheduleExpressions.checkFires(expression, "UTC", NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "cron(0 2 30 2 ? *)", "cron(0 2 31 4,6,9,11 ? *)", "cron(0 2 * * ? 2025)", "cron(0 2 29 2 ? 2027)",
            "cron(0 2 ? 2 1#5 2027)", "cron(0 2 31W 2 ? *)", "cron(0 2 30-31 FEB ? *)", "cron(0 2 1 1 ? 1970-2025)"})
    void refusesCronExpressionsThatNeverFire(String expression) {
        assertTrue(ScheduleExpressions.checkFires(expression, "UTC", NOW).orElseThrow().contains("never fires"), expression);
    }

    @Test
    void refusesAOneTimeScheduleInThePastOfItsTimeZone() {
        // 12:00 UTC is 13:00 in Berlin: 12:30 has passed there, not in UTC
        assertEquals(Optional.empty(), ScheduleExpressions.checkFires("at(2026-11-25T12:30:00)", "UTC", NOW));
        assertEquals(Optional.of("schedule 'at(2026-11-25T12:30:00)' is in the past in time zone Europe/Berlin: a one-time "
                + "schedule runs only if its time is still to come"),
                ScheduleExpressions.checkFires("at(2026-11-25T12:30:00)", "Europe/Berlin", NOW));
        assertTrue(ScheduleExpressions.checkFires("at(2026-11-25T12:00:00)", "UTC", NOW).isPresent(), "now is not to come");
    }
}
