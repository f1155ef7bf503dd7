package dev.stratus.functions.bff;

import java.time.Duration;
import java.util.Map;

/**
 * How patient the dashboards are with their downstreams.
 *
 * @param callTimeout      per downstream call (default 800 ms; environment variable
 *                         {@value #CALL_TIMEOUT_VARIABLE})
 * @param failureThreshold failures in a row that open a downstream's breaker (default 5)
 * @param coolOff          how long an open breaker stops calls before one trial (default 30 s)
 */
public record DashboardSettings(Duration callTimeout, int failureThreshold, Duration coolOff) {
    /** Optional: the per-call timeout in milliseconds, from {@value #MIN_CALL_TIMEOUT_MS} to {@value #MAX_CALL_TIMEOUT_MS}. */
    public static final String CALL_TIMEOUT_VARIABLE = "DASHBOARD_CALL_TIMEOUT_MS";
    static final long MIN_CALL_TIMEOUT_MS = 50;
    /** API Gateway gives an integration at most 29 s: a longer call could never be answered. */
    static final long MAX_CALL_TIMEOUT_MS = 29_000;

    public static DashboardSettings defaults() {
        return new DashboardSettings(Duration.ofMillis(800), 5, Duration.ofSeconds(30));
    }

    /**
     * The defaults, with the call timeout of {@value #CALL_TIMEOUT_VARIABLE} when it is set.
     *
     * @throws IllegalArgumentException when the variable is not a whole number of milliseconds in range
     */
    public static DashboardSettings fromEnvironment(Map<String, String> env) {
        DashboardSettings defaults = defaults();
        String value = env.get(CALL_TIMEOUT_VARIABLE);
        if (value == null) {
            return defaults;
        }
        long millis;
        try {
            millis = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            millis = -1;
        }
        if (millis < MIN_CALL_TIMEOUT_MS || millis > MAX_CALL_TIMEOUT_MS) {
            throw new IllegalArgumentException("environment variable " + CALL_TIMEOUT_VARIABLE + " must be a whole number of milliseconds between "
                    + MIN_CALL_TIMEOUT_MS + " and " + MAX_CALL_TIMEOUT_MS + ", but was '" + value + "'");
        }
        return new DashboardSettings(Duration.ofMillis(millis), defaults.failureThreshold(), defaults.coolOff());
    }
}
