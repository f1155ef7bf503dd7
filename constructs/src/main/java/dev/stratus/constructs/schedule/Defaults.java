package dev.stratus.constructs.schedule;

import software.amazon.awscdk.Duration;

/** The one place that holds ScheduledTask's default values; the Javadoc of each prop cites them. */
final class Defaults {
    static final String TIME_ZONE = "UTC";
    static final boolean ENABLED = true;
    static final int RETRY_ATTEMPTS = 3;
    static final Duration MAX_EVENT_AGE = Duration.hours(1);
    static final Duration DLQ_RETENTION = Duration.days(14);

    static final int MAX_RETRY_ATTEMPTS = 185;
    static final int MIN_EVENT_AGE_S = 60;
    static final int MAX_EVENT_AGE_S = 86400;
    static final int MIN_WINDOW_MINUTES = 1;
    static final int MAX_WINDOW_MINUTES = 1440;

    private Defaults() {
    }
}
