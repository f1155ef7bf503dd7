package dev.stratus.functions.bff;

import java.time.Duration;

/**
 * How patient the dashboards are with their downstreams.
 *
 * @param callTimeout      per downstream call (default 800 ms)
 * @param failureThreshold failures in a row that open a downstream's breaker (default 5)
 * @param coolOff          how long an open breaker stops calls before one trial (default 30 s)
 */
public record DashboardSettings(Duration callTimeout, int failureThreshold, Duration coolOff) {
    public static DashboardSettings defaults() {
        return new DashboardSettings(Duration.ofMillis(800), 5, Duration.ofSeconds(30));
    }
}
