package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A finished execution: status, output or error and cause, and the history. {@link #toString()}
 * prints the whole history, which makes a failed assertion readable:
 * {@code assertEquals(SUCCEEDED, execution.status(), execution::toString)}.
 */
public final class Execution {
    private final String name;
    private final String executionArn;
    private final ExecutionStatus status;
    private final JsonNode input;
    private final JsonNode output;
    private final String error;
    private final String cause;
    private final Instant startDate;
    private final Instant stopDate;
    private final List<HistoryEvent> history;

    Execution(String name, String executionArn, ExecutionStatus status, JsonNode input, JsonNode output,
            String error, String cause, Instant startDate, Instant stopDate, List<HistoryEvent> history) {
        this.name = name;
        this.executionArn = executionArn;
        this.status = status;
        this.input = input;
        this.output = output;
        this.error = error;
        this.cause = cause;
        this.startDate = startDate;
        this.stopDate = stopDate;
        this.history = List.copyOf(history);
    }

    /** The execution's name: the one given to {@code start}, or a generated UUID. */
    public String name() {
        return name;
    }

    /** {@code arn:aws:states:us-east-1:123456789012:execution:<state machine>:<name>}. */
    public String executionArn() {
        return executionArn;
    }

    /** How it ended. */
    public ExecutionStatus status() {
        return status;
    }

    /** Whether the status is SUCCEEDED. */
    public boolean succeeded() {
        return status == ExecutionStatus.SUCCEEDED;
    }

    /** The execution's input (a copy). */
    public JsonNode input() {
        return input.deepCopy();
    }

    /** The output of a SUCCEEDED execution (a copy); null otherwise. */
    public JsonNode output() {
        return output == null ? null : output.deepCopy();
    }

    /** The output as JSON text; null unless SUCCEEDED. */
    public String outputJson() {
        return output == null ? null : Json.write(output);
    }

    /** The error name of a FAILED or TIMED_OUT execution ({@code States.Timeout} for the latter); null otherwise. */
    public String error() {
        return error;
    }

    /** The cause of a FAILED or TIMED_OUT execution, if any. */
    public String cause() {
        return cause;
    }

    /** When the execution started, on the virtual clock. */
    public Instant startDate() {
        return startDate;
    }

    /** When it ended, on the virtual clock. */
    public Instant stopDate() {
        return stopDate;
    }

    /** Virtual time from start to stop. */
    public Duration duration() {
        return Duration.between(startDate, stopDate);
    }

    /** Every event, in the order recorded. */
    public List<HistoryEvent> history() {
        return history;
    }

    /** The events of one type, e.g. {@code events("TaskScheduled")}. */
    public List<HistoryEvent> events(String type) {
        return history.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** The names of the states entered, in order (a state retried is entered once; a loop enters it again). */
    public List<String> statesEntered() {
        return history.stream().filter(e -> e.type().endsWith("StateEntered"))
                .map(e -> e.stateName().orElseThrow()).toList();
    }

    @Override
    public String toString() {
        return "Execution " + name + " " + status
                + (output != null ? " output=" + Json.write(output) : "")
                + (error != null ? " error=" + error + " cause=" + cause : "")
                + history.stream().map(HistoryEvent::toString).collect(Collectors.joining("\n  ", "\n  ", ""));
    }
}
