package dev.stratus.functions.bootstrap;

import java.time.Duration;

/**
 * How long an SDK client may take: {@code apiCall} bounds a whole call, retries included;
 * {@code attempt} bounds one HTTP attempt. Without them a hung connection holds a function until
 * Lambda kills it, and a caller's own timeout would leave the call running.
 *
 * @param apiCall the SDK's {@code apiCallTimeout}
 * @param attempt the SDK's {@code apiCallAttemptTimeout}, at most {@code apiCall}
 */
public record Timeouts(Duration apiCall, Duration attempt) {
    public Timeouts {
        if (apiCall == null || attempt == null || apiCall.isNegative() || apiCall.isZero() || attempt.isNegative() || attempt.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive, but were apiCall " + apiCall + ", attempt " + attempt);
        }
        if (attempt.compareTo(apiCall) > 0) {
            throw new IllegalArgumentException("the attempt timeout (" + attempt + ") must not exceed the call timeout (" + apiCall + ")");
        }
    }

    public static Timeouts of(Duration apiCall, Duration attempt) {
        return new Timeouts(apiCall, attempt);
    }
}
