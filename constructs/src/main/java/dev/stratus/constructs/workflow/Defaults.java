package dev.stratus.constructs.workflow;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

/** Every default of {@link WorkflowProps}, {@link WorkflowStep} and {@link StepRetry}, written down once. */
final class Defaults {
    static final StateMachineType TYPE = StateMachineType.STANDARD;
    /** The whole execution's timeout of a Standard workflow. */
    static final Duration STANDARD_TIMEOUT = Duration.hours(1);
    /** An Express workflow's timeout: its maximum. */
    static final Duration EXPRESS_TIMEOUT = Duration.minutes(5);
    static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;
    /** Execution data (inputs, outputs) in the logs: off, as it can carry personal data. */
    static final boolean INCLUDE_EXECUTION_DATA = false;
    /** How long Step Functions reuses a data key of the customer-managed key (CDK's default). */
    static final Duration DATA_KEY_REUSE_PERIOD = Duration.minutes(5);
    /** EventBridge retries of a StartExecution, and for how long (as EventDrivenService's deliveries). */
    static final int DELIVERY_RETRY_ATTEMPTS = 8;
    static final Duration DELIVERY_MAX_EVENT_AGE = Duration.hours(24);
    static final Duration DLQ_RETENTION = Duration.days(14);
    /** The name of the rule {@code startOnEvent(bus, pattern)} creates. */
    static final String START_NAME = "Start";
    /** The alarms of a workflow, by the names an AlarmPolicy tunes or disables: Step Functions' metric names. */
    static final String ALARM_FAILED = "ExecutionsFailed";
    static final String ALARM_TIMED_OUT = "ExecutionsTimedOut";
    static final String ALARM_THROTTLED = "ExecutionThrottled";
    static final String ALARM_ABORTED = "ExecutionsAborted";
    static final List<String> ALARMS = List.of(ALARM_FAILED, ALARM_TIMED_OUT, ALARM_THROTTLED, ALARM_ABORTED);

    /** A step's timeout beyond its function's timeout: an invocation ends before the step gives up on it. */
    static final Duration STEP_TIMEOUT_MARGIN = Duration.seconds(5);
    /** Lambda's timeout when a {@code Function} sets none. */
    static final Duration LAMBDA_DEFAULT_TIMEOUT = Duration.seconds(3);

    static final Duration RETRY_INTERVAL = Duration.seconds(2);
    static final double RETRY_BACKOFF_RATE = 2.0;
    static final int RETRY_MAX_ATTEMPTS = 3;
    static final JitterType RETRY_JITTER = JitterType.FULL;
    static final Duration RETRY_MAX_DELAY = Duration.seconds(30);

    /** The transient errors of invoking Lambda (AWS's guidance for every Lambda task), throttling included. */
    static final List<String> LAMBDA_SERVICE_ERRORS = List.of("Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException",
            "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException");

    // Step Functions' limits
    static final long MAX_STANDARD_TIMEOUT_S = 31_536_000L;
    static final long MAX_EXPRESS_TIMEOUT_S = 300L;
    static final long MAX_RETRY_INTERVAL_S = 99_999_999L;
    static final long MAX_RETRY_ATTEMPTS = 99_999_999L;
    static final long MAX_RETRY_DELAY_S = 31_622_400L;
    static final long MIN_DATA_KEY_REUSE_S = 60L;
    static final long MAX_DATA_KEY_REUSE_S = 900L;
    static final int MAX_DELIVERY_RETRY_ATTEMPTS = 185;
    static final long MIN_DELIVERY_EVENT_AGE_S = 60L;
    static final long MAX_DELIVERY_EVENT_AGE_S = 86_400L;
    /** Step names stay short enough that every state name derived from one ({@code Compensate<step>Failed}) fits in 80. */
    static final int MAX_STEP_NAME_LENGTH = 64;

    private Defaults() {
    }
}
