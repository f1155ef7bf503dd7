package dev.stratus.local.stepfunctions;

/**
 * An error raised inside an execution: a task's error, a Fail state, a runtime error. Terminal
 * failures ({@code States.Runtime} and the data-processing errors) skip Retry and Catch, as the
 * Developer Guide says of {@code States.Runtime}: "A retry or catch on States.ALL will not catch
 * States.Runtime errors".
 */
final class StatesFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String RUNTIME = "States.Runtime";

    private final String error;
    private final String errorCause;
    private final boolean terminal;

    StatesFailure(String error, String cause, boolean terminal) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.errorCause = cause;
        this.terminal = terminal;
    }

    /** A catchable error, e.g. from a task or a Fail state. */
    static StatesFailure of(String error, String cause) {
        return new StatesFailure(error, cause, false);
    }

    /** A {@code States.Runtime} error: the execution fails, whatever Retry and Catch say. */
    static StatesFailure runtime(String cause) {
        return new StatesFailure(RUNTIME, cause, true);
    }

    String error() {
        return error;
    }

    String errorCause() {
        return errorCause;
    }

    boolean terminal() {
        return terminal;
    }
}
