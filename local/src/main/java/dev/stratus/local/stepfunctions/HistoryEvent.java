package dev.stratus.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * One entry of an execution's history, named as Step Functions names them ({@code ExecutionStarted},
 * {@code TaskStateEntered}, {@code TaskScheduled}, {@code TaskSucceeded}, {@code TaskFailed},
 * {@code MapIterationStarted}, ...). {@link #details()} holds the fields of the matching
 * {@code ...EventDetails} structure: {@code name}, {@code input}, {@code output} (JSON text),
 * {@code error}, {@code cause}, {@code resourceType}, {@code resource}, {@code parameters}, {@code index}.
 * Timestamps are virtual; within Parallel and Map, branches and iterations are recorded one after
 * another, each on its own timeline.
 */
public final class HistoryEvent {
    private final long id;
    private final long previousEventId;
    private final Instant timestamp;
    private final String type;
    private final ObjectNode details;

    HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {
        this.id = id;
        this.previousEventId = previousEventId;
        this.timestamp = timestamp;
        this.type = type;
        this.details = details;
    }

    /** 1 for the first event. */
    public long id() {
        return id;
    }

    /** The event before this one on the same timeline (0 for the first). */
    public long previousEventId() {
        return previousEventId;
    }

    /** When the event happened, on the virtual clock. */
    public Instant timestamp() {
        return timestamp;
    }

    /** E.g. {@code TaskStateEntered}. */
    public String type() {
        return type;
    }

    /** The event's details (a copy). */
    public JsonNode details() {
        return details.deepCopy();
    }

    /** The state's name, for state events ({@code ...StateEntered}, {@code ...StateExited}). */
    public Optional<String> stateName() {
        return text("name");
    }

    /** The {@code error} detail of failure events. */
    public Optional<String> error() {
        return text("error");
    }

    /** The {@code cause} detail of failure events. */
    public Optional<String> cause() {
        return text("cause");
    }

    /** The {@code input} or {@code output} detail parsed, if present. */
    public Optional<JsonNode> input() {
        return text("input").map(Json::parse);
    }

    /** The {@code output} detail parsed, if present. */
    public Optional<JsonNode> output() {
        return text("output").map(Json::parse);
    }

    private Optional<String> text(String field) {
        JsonNode value = details.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    @Override
    public String toString() {
        return id + " " + Json.format(timestamp) + " " + type + (details.isEmpty() ? "" : " " + Json.write(details));
    }
}
