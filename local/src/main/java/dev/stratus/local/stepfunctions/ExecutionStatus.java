package dev.stratus.local.stepfunctions;

/** How an execution ended (the executor runs each execution to its end). */
public enum ExecutionStatus {
    SUCCEEDED,
    /** A state failed and nothing caught it: {@link Execution#error()} and {@link Execution#cause()} say why. */
    FAILED,
    /** The definition's {@code TimeoutSeconds} passed on the virtual clock. */
    TIMED_OUT
}
