package dev.stratus.local.stepfunctions;

/** How an execution ended (the executor runs each execution to its end). */
public enum ExecutionStatus {
    /** The execution reached a Succeed state or an end state without a failure. */
    SUCCEEDED,
    /** A state failed and nothing caught it: {@link Execution#error()} and {@link Execution#cause()} say why. */
    FAILED,
    /** The definition's {@code TimeoutSeconds} passed on the virtual clock. */
    TIMED_OUT
}
