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
