package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/** What a {@link TaskHandler} can see of the execution, and the virtual clock. */
public interface TaskContext {
    /** The Task state's name. */
    String stateName();

    /** How many times this state has been retried so far ({@code $$.State.RetryCount}). */
    int retryCount();

    /** The execution's ARN ({@code $$.Execution.Id}). */
    String executionArn();

    /** The context object as the state sees it ({@code $$}). */
    JsonNode contextObject();

    /** The virtual time now. */
    Instant now();

    /**
     * Spends {@code duration} on the virtual clock, as a function that runs that long: a task that
     * runs past its {@code TimeoutSeconds} times out with {@code States.Timeout} (its result is
     * discarded), and one that runs past the execution's timeout ends the execution.
     */
    void advance(Duration duration);
}
