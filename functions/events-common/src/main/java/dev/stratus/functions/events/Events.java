package dev.stratus.functions.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.stratus.functions.telemetry.CorrelationId;

/** Writes envelopes and reads them back from an SQS message body, refusing what is malformed. */
public final class Events {
    static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    static final int MAX_BODY_CHARS = 256 * 1024;

    private Events() {
    }

    /** The JSON a producer publishes. */
    public static String toJson(EventEnvelope event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope cannot be written", e);
        }
    }

    /**
     * Reads an envelope from an SQS body: the envelope itself (SNS raw delivery), or an EventBridge
     * event whose {@code detail} is the envelope. Throws {@link MalformedEventException} naming every
     * problem. {@code correlationId} is optional and kept only when well-formed
     * ({@link CorrelationId#accept}).
     */
    public static EventEnvelope parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedEventException(List.of("the message body is empty"));
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new MalformedEventException(List.of("the message body exceeds " + MAX_BODY_CHARS + " characters"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(List.of("the message body is not JSON"));
        }
        JsonNode envelope = root != null && root.has("detail-type") && root.has("detail") ? root.get("detail") : root;
        if (envelope == null || !envelope.isObject()) {
            throw new MalformedEventException(List.of("the event is not a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        String id = text(envelope, "id", problems);
        String type = text(envelope, "type", problems);
        String source = text(envelope, "source", problems);
        String time = text(envelope, "time", problems);
        if (time != null) {
            try {
                Instant.parse(time);
            } catch (DateTimeParseException e) {
                problems.add("field 'time' is not an ISO-8601 instant");
            }
        }
        JsonNode version = envelope.get("version");
        if (version == null || !version.isInt() || version.asInt() < 1) {
            problems.add("field 'version' must be a whole number of 1 or more");
        }
        JsonNode data = envelope.get("data");
        if (data == null || !data.isObject()) {
            problems.add("field 'data' must be an object");
        }
        if (!problems.isEmpty()) {
            throw new MalformedEventException(problems);
        }
        // optional: envelopes written before it existed have none; a malformed one is ignored, as an
        // X-Correlation-Id header is, rather than failing an event that is otherwise good
        JsonNode correlation = envelope.get("correlationId");
        String correlationId = correlation != null && correlation.isTextual()
                ? CorrelationId.accept(correlation.asText()).orElse(null) : null;
        return new EventEnvelope(id, type, source, time, version.asInt(), data, correlationId);
    }

    private static String text(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add("field '" + field + "' must be a non-empty string");
            return null;
        }
        return value.asText();
    }
}
