package dev.stratus.functions.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The versioned envelope of every event: producers publish it as the EventBridge {@code detail}
 * (or the SNS message), consumers read it back with {@link Events#parse}.
 *
 * @param id      unique per event; consumers use it to process a redelivery only once
 * @param type    e.g. {@code user.created}
 * @param source  the producing service, e.g. {@code stratus.users}
 * @param time    when it happened (ISO-8601)
 * @param version the schema version of {@code data}, 1 or more
 * @param data    the payload
 */
public record EventEnvelope(String id, String type, String source, String time, int version, JsonNode data) {

    /** A new event with a random id, stamped now. */
    public static EventEnvelope of(String type, String source, int version, Object data) {
        return new EventEnvelope(UUID.randomUUID().toString(), type, source, Instant.now().toString(), version,
                Events.JSON.valueToTree(data));
    }
}
