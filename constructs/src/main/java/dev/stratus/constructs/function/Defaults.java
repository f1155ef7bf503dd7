package dev.stratus.constructs.function;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.logs.RetentionDays;

/** The one place that holds SecureFunction's default values; the Javadoc of each prop cites them. */
final class Defaults {
    static final Runtime RUNTIME = Runtime.JAVA_25;
    static final Architecture ARCHITECTURE = Architecture.ARM_64;
    static final int MEMORY_MB = 1024;
    static final Duration TIMEOUT = Duration.seconds(10);
    static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;
    static final ApplicationLogLevel APPLICATION_LOG_LEVEL = ApplicationLogLevel.INFO;
    static final SystemLogLevel SYSTEM_LOG_LEVEL = SystemLogLevel.INFO;
    static final int RETRY_ATTEMPTS = 2;
    static final Duration MAX_EVENT_AGE = Duration.hours(6);
    static final Duration DLQ_RETENTION = Duration.days(14);
    static final boolean SNAP_START = true;

    /** The alarms of a SecureFunction, by the names an AlarmPolicy tunes or disables. */
    static final String ALARM_ERRORS = "Errors";
    static final String ALARM_THROTTLES = "Throttles";
    static final String ALARM_DURATION = "Duration";
    static final String ALARM_DEAD_LETTER_QUEUE = "DeadLetterQueue";
    static final String ALARM_VERSION_ERRORS = "VersionErrors";
    static final String ALARM_VERSION_DURATION = "VersionDuration";
    static final java.util.List<String> ALARMS = java.util.List.of(ALARM_ERRORS, ALARM_THROTTLES, ALARM_DURATION,
            ALARM_DEAD_LETTER_QUEUE, ALARM_VERSION_ERRORS, ALARM_VERSION_DURATION);
    /** The duration alarms fire at this share of the timeout (p99). */
    static final double NEAR_TIMEOUT_PERCENT = 80;
    /** The rollback alarms look at one-minute periods: a canary lasts minutes. */
    static final Duration VERSION_ALARM_PERIOD = Duration.minutes(1);

    static final int MIN_MEMORY_MB = 128;
    static final int MAX_MEMORY_MB = 10240;
    static final int MIN_TIMEOUT_S = 1;
    static final int MAX_TIMEOUT_S = 900;
    static final int MAX_RETRY_ATTEMPTS = 2;
    static final int MIN_EVENT_AGE_S = 60;
    static final int MAX_EVENT_AGE_S = 21600;
    /** Lambda's limits on layers and on the security groups of a function's VPC configuration. */
    static final int MAX_LAYERS = 5;
    static final int MAX_SECURITY_GROUPS = 5;
    /** Lambda's limit on the total size of a function's environment variables. */
    static final int MAX_ENVIRONMENT_BYTES = 4096;

    private Defaults() {
    }
}
