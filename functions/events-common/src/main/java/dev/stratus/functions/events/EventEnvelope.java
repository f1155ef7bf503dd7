package dev.stratus.functions.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The versioned envelope of every event: producers publish it as the EventBridge {@code detail}
 * (or the SNS message), consumers read it back with {@link Events#parse}.
 *
 * @param id            unique per event; consumers use it to process a redelivery only once
 * @param type          e.g. {@code user.created}
 * @param source        the producing service, e.g. {@code stratus.users}
 * @param time          when it happened (ISO-8601)
 * @param version       the schema version of {@code data}, 1 or more
 * @param data          the payload
 * @param correlationId the id of the request that caused the event (see
 *                      {@link dev.stratus.functions.telemetry.CorrelationId}); null (and not written)
 *                      for an envelope without one — older envelopes, or one whose id was malformed
 */
public record EventEnvelope(String id, String type, String source, String time, int version, JsonNode data,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String correlationId) {

    /** An envelope without a correlation id. */
    public EventEnvelope(String id, String type, String source, String time, int version, JsonNode data) {
        this(id, type, source, time, version, data, null);
    }

    /** A new event with a random id, stamped now, without a correlation id. */
    public static EventEnvelope of(String type, String source, int version, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, source, Instant.now().toString(), version,
                Events.JSON.valueToTree(data));
    }

    /** This envelope carrying {@code correlationId} (null: none). */
    public EventEnvelope withCorrelationId(String correlationId) {
        return new EventEnvelope(id, type, source, time, version, data, correlationId);
    }

    /** The correlation id of logs about this event: its own, else the event's id. */
    public String correlationIdOrId() {
        return correlationId != null ? correlationId : id;
    }
}
