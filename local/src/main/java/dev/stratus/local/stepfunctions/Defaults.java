package dev.stratus.local.stepfunctions;

import java.time.Duration;
import java.time.Instant;

/** Every default and documented limit the executor uses, written down once. */
final class Defaults {
    /** Pseudo parameter values used to render templates and build ARNs. */
    static final String PARTITION = "aws";
    static final String REGION = "us-east-1";
    static final String ACCOUNT_ID = "123456789012";
    static final String URL_SUFFIX = "amazonaws.com";

    /** The execution role in {@code $$.Execution.RoleArn}. */
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":role/StratusLocalExecutionRole";

    /** Where the virtual clock starts unless the builder says otherwise. */
    static final Instant START_TIME = Instant.parse("2026-01-01T00:00:00Z");

    /** Seed of the random source behind jitter, States.UUID, States.MathRandom and execution names. */
    static final long SEED = 0L;

    /** Step Functions quotas: history length, payload size, execution duration. */
    static final int MAX_HISTORY_EVENTS = 25_000;
    static final int MAX_PAYLOAD_BYTES = 256 * 1024;
    static final Duration STANDARD_MAX_DURATION = Duration.ofDays(365);
    static final Duration EXPRESS_MAX_DURATION = Duration.ofMinutes(5);

    private Defaults() {
    }
}
