package dev.stratus.functions.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.telemetry.JsonLog;

/**
 * The Lambda edge of a queue consumer: processes each record of an SQS batch on its own and answers
 * {@code {"batchItemFailures": [...]}} with the message ids that failed, so only those are
 * delivered again (the mapping reports partial batch failures). A malformed record is never
 * dropped silently: it fails, with a log line saying why, until the redrive policy moves it to
 * the DLQ. A record without a {@code messageId} (never sent by SQS) cannot be reported on its own
 * and is logged and skipped: an empty {@code itemIdentifier} would fail the whole batch.
 */
public abstract class SqsConsumer implements RequestStreamHandler {

    /** Processes one event; throwing makes this record fail (and be delivered again). */
    protected abstract void process(EventEnvelope event);

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<Map<String, String>> failures = new ArrayList<>();
        JsonNode batch;
        try {
            batch = Events.JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the invocation is not an SQS event (not JSON)");
        }
        JsonNode records = batch == null ? null : batch.get("Records");
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("the invocation is not an SQS event (no Records array)");
        }
        JsonLog log = new JsonLog(context.getLogger());
        int index = 0;
        for (JsonNode record : records) {
            int position = index++;
            JsonNode id = record.path("messageId");
            if (!id.isTextual() || id.asText().isBlank()) {
                // Lambda reads an empty or unknown itemIdentifier as the failure of the whole batch, and
                // SQS always sets messageId: such a record is not from SQS, and is neither processed nor reported.
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("record", position);
                log.error("the record has no messageId; not processed and not reported", context.getAwsRequestId(), line);
                continue;
            }
            String messageId = id.asText();
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("messageId", messageId);
            EventEnvelope event = null;
            try {
                event = Events.parse(record.path("body").isTextual() ? record.get("body").asText() : null);
                line.put("eventId", event.id());
                line.put("type", event.type());
                process(event);
                log.info("event processed", event.correlationIdOrId(), line);
            } catch (RuntimeException e) {
                failures.add(Map.of("itemIdentifier", messageId));
                line.put("receiveCount", record.path("attributes").path("ApproximateReceiveCount").asText("?"));
                line.put("failure", e instanceof MalformedEventException m ? m.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage());
                log.log(e instanceof MalformedEventException ? LogLevel.WARN : LogLevel.ERROR, "event failed",
                        event != null ? event.correlationIdOrId() : messageId, line);
            }
        }
        output.write(Events.JSON.writeValueAsBytes(Map.of("batchItemFailures", failures)));
    }
}
