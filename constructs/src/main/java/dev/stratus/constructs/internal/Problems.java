package dev.stratus.constructs.internal;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;

/**
 * Collects every problem with a construct's props so that one synth run reports them all, then
 * throws a single {@link IllegalArgumentException}. Checks on unresolved tokens are skipped:
 * their value is only known at deploy time.
 *
 * <p>Internal: not part of the public API.
 */
public final class Problems {
    private final String construct;
    private final List<String> problems = new ArrayList<>();

    public Problems(String constructType, String id) {
        this.construct = constructType + " '" + id + "'";
    }

    public void add(String problem) {
        problems.add(problem);
    }

    /** Adds {@code problem} unless {@code ok}. */
    public void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    /** Checks {@code min <= value <= max}; null and unresolved values pass. */
    public void checkRange(String prop, Number value, long min, long max, String unit) {
        if (value == null || Token.isUnresolved(value)) {
            return;
        }
        double v = value.doubleValue();
        if (v < min || v > max || v != Math.rint(v)) {
            problems.add(prop + " must be a whole number between " + min + " and " + max
                    + (unit.isEmpty() ? "" : " " + unit) + ", but was " + format(value));
        }
    }

    /** Checks a duration lies within {@code [minSeconds, maxSeconds]} in whole seconds. */
    public void checkSeconds(String prop, Duration value, long minSeconds, long maxSeconds, String hint) {
        if (value == null || value.isUnresolved()) {
            return;
        }
        double millis = value.toMilliseconds().doubleValue();
        if (millis < minSeconds * 1000.0 || millis > maxSeconds * 1000.0 || millis % 1000 != 0) {
            problems.add(prop + " must be a whole number of seconds between " + minSeconds + " and "
                    + maxSeconds + hint + ", but was "
                    + (millis % 1000 == 0 ? (long) (millis / 1000) + " seconds" : value.toHumanString()));
        }
    }

    /** Throws one exception listing every problem, if there are any. */
    public void throwIfAny() {
        if (problems.isEmpty()) {
            return;
        }
        if (problems.size() == 1) {
            throw new IllegalArgumentException("Invalid " + construct + ": " + problems.get(0));
        }
        StringBuilder message = new StringBuilder("Invalid " + construct + ", " + problems.size() + " problems:");
        for (String problem : problems) {
            message.append("\n  - ").append(problem);
        }
        throw new IllegalArgumentException(message.toString());
    }

    private static String format(Number value) {
        double v = value.doubleValue();
        return v == Math.rint(v) ? Long.toString((long) v) : value.toString();
    }
}
