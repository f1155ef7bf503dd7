package dev.stratus.functions.orderstats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import dev.stratus.functions.orders.model.OrderTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The orders table's stream processor: applies each record of a DynamoDB stream batch in order
 * ({@link OrderStatistics}) and answers {@code {"batchItemFailures": [...]}} with the first record
 * that failed. Lambda then retries from that record (what came after it in the batch is delivered
 * again too), so the function stops at the first failure: a later change of the same order must not
 * be applied before an earlier one. A malformed order fails like any other error: retried, bisected,
 * and after {@code retryAttempts} sent to the failure queue, never dropped without a trace.
 *
 * <p>Environment: {@code STATS_TABLE_NAME}. Logs one JSON line per batch with the count of each outcome.
 */
public final class OrderStatsFunction implements RequestStreamHandler {
    static final Timeouts TIMEOUTS = Timeouts.of(Duration.ofSeconds(5), Duration.ofSeconds(2));
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final OrderStatistics statistics;

    public OrderStatsFunction() {
        this(SdkClients.dynamo(System.getenv(), TIMEOUTS), System.getenv());
    }

    OrderStatsFunction(DynamoDbClient dynamo, Map<String, String> env) {
        this.statistics = new OrderStatistics(dynamo, Env.required(env, "STATS_TABLE_NAME"), Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event;
        try {
            event = JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the invocation is not a DynamoDB stream event (not JSON)");
        }
        JsonNode records = event == null ? null : event.get("Records");
        if (records == null || !records.isArray()) {
            throw new IllegalArgumentException("the invocation is not a DynamoDB stream event (no Records array)");
        }
        Map<OrderStatistics.Outcome, Integer> outcomes = new EnumMap<>(OrderStatistics.Outcome.class);
        List<Map<String, String>> failures = new ArrayList<>();
        for (JsonNode record : records) {
            JsonNode stream = record.path("dynamodb");
            String sequence = stream.path("SequenceNumber").asText("");
            if (sequence.isBlank()) {
                // Lambda reads an empty itemIdentifier as the failure of the whole batch: say so
                throw new IllegalArgumentException("a record has no dynamodb.SequenceNumber: not a DynamoDB stream record");
            }
            try {
                OrderStatistics.Outcome outcome = apply(record, stream);
                outcomes.merge(outcome, 1, Integer::sum);
            } catch (RuntimeException e) {
                failures.add(Map.of("itemIdentifier", sequence));
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("eventID", record.path("eventID").asText("?"));
                line.put("sequenceNumber", sequence);
                line.put("failure", e instanceof MalformedOrderException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage());
                context.getLogger().log(JSON.writeValueAsString(line), e instanceof MalformedOrderException ? LogLevel.WARN : LogLevel.ERROR);
                break;
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("records", records.size());
        outcomes.forEach((outcome, count) -> summary.put(outcome.name().toLowerCase(java.util.Locale.ROOT), count));
        summary.put("failed", failures.size());
        context.getLogger().log(JSON.writeValueAsString(summary), LogLevel.INFO);
        output.write(JSON.writeValueAsBytes(Map.of("batchItemFailures", failures)));
    }

    private OrderStatistics.Outcome apply(JsonNode record, JsonNode stream) {
        String eventId = record.path("eventID").asText("");
        JsonNode key = stream.path("Keys").path(OrderTable.ORDER_ID).path("S");
        if (eventId.isBlank() || !key.isTextual()) {
            throw new IllegalArgumentException("the record has no eventID or no orderId key");
        }
        return statistics.apply(eventId, key.asText(), AttributeJson.item(stream.get("OldImage")), AttributeJson.item(stream.get("NewImage")));
    }
}
