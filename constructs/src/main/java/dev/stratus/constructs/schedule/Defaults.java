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

    /** The alarms of a task, by the names an AlarmPolicy tunes or disables. */
    static final String ALARM_TARGET_ERRORS = "TargetErrors";
    static final String ALARM_DEAD_LETTER_QUEUE = "DeadLetterQueue";
    static final String ALARM_MISSED_RUNS = "MissedRuns";
    static final java.util.List<String> ALARMS = java.util.List.of(ALARM_TARGET_ERRORS, ALARM_DEAD_LETTER_QUEUE, ALARM_MISSED_RUNS);
    /** MissedRuns looks at twice the interval (plus the flexible window), at least this long. */
    static final java.time.Duration MIN_MISSED_RUNS_PERIOD = java.time.Duration.ofMinutes(5);
    /** ... and at most a day, what CloudWatch evaluates: so only rates up to 12 hours get it. */
    static final java.time.Duration MAX_MISSED_RUNS_PERIOD = java.time.Duration.ofDays(1);

    private Defaults() {
    }
}
