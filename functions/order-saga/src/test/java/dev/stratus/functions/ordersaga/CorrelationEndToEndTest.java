package dev.stratus.functions.ordersaga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.Events;
import dev.stratus.functions.events.SqsConsumer;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.orders.OrdersForTests;
import dev.stratus.functions.outboxrelay.RelayOutboxesFunction;
import dev.stratus.functions.telemetry.Metrics;
import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.Tables;
import dev.stratus.functions.testing.TelemetryAssertions;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One correlation id from the API request to the saga: {@code POST /orders} with an
 * {@code X-Correlation-Id} while the bus is down → the outbox item's envelope → the relay publishes
 * it → a queue consumer and the saga's steps (the event as EventBridge delivers it) log it, and the
 * saga's {@code order.confirmed} carries it on.
 */
class CorrelationEndToEndTest {
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    static final String CORRELATION_ID = "checkout-2f9e4c";

    @Test
    void theCorrelationIdOfTheApiRequestReachesTheRelayTheConsumerAndTheSaga() throws Exception {
        SagaTables t = new SagaTables(local.client());
        t.product("espresso", 250, 5L);

        // 1. the API request; EventBridge is down, so the event waits in the outbox
        FakeContext ordersLog = new FakeContext(10_000);
        RequestStreamHandler orders = OrdersForTests.function(t.dynamo, t.env(), event -> {
            throw new IllegalStateException("EventBridge is unreachable");
        }, ordersLog.getLogger(), new Metrics(Metrics.NAMESPACE, line -> { }, Clock.systemUTC()));
        ObjectNode request = SagaInput.JSON.createObjectNode();
        request.put("routeKey", "POST /orders");
        request.putObject("headers").put("content-type", "application/json").put("x-correlation-id", CORRELATION_ID);
        request.put("body", "{\"items\":[{\"productId\":\"espresso\",\"quantity\":2}]}");
        ObjectNode requestContext = request.putObject("requestContext");
        requestContext.put("requestId", "api-request-1=");
        requestContext.putObject("http").put("method", "POST");
        requestContext.putObject("authorizer").putObject("jwt").putObject("claims").put("sub", "u-1");
        JsonNode response = invoke(orders, request, new FakeContext(10_000));
        assertEquals(201, response.get("statusCode").asInt(), response.toString());

        List<Map<String, AttributeValue>> pending = Tables.scanAll(t.dynamo, t.orders, "orderId").stream()
                .filter(item -> item.get("orderId").s().startsWith(Outbox.KEY_PREFIX)).toList();
        assertEquals(1, pending.size());
        assertEquals(CORRELATION_ID, SagaInput.JSON.readTree(pending.get(0).get("envelope").s()).path("correlationId").asText(null),
                "the outbox item's envelope");

        // 2. the relay publishes it
        List<EventEnvelope> published = new ArrayList<>();
        FakeContext relayLog = new FakeContext(60_000);
        RelayOutboxesFunction relay = new RelayOutboxesFunction(t.dynamo, Map.of("OUTBOX_TABLES", t.orders + ":orderId"), published::add,
                Clock.fixed(Instant.now().plus(Duration.ofMinutes(5)), ZoneOffset.UTC), relayLog.getLogger(), line -> { });
        relay.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), relayLog);
        assertEquals(1, published.size());
        EventEnvelope placed = published.get(0);
        assertEquals(CORRELATION_ID, placed.correlationId(), "the published envelope");
        JsonNode relayed = TelemetryAssertions.assertLogLine(relayLog.lines.get(0), "INFO", Set.of("outbox", "eventId", "type"));
        assertEquals(CORRELATION_ID, relayed.get("correlationId").asText());

        // 3. EventBridge delivers it: to a queue consumer ...
        ObjectNode delivered = SagaInput.JSON.createObjectNode();
        delivered.put("version", "0");
        delivered.put("id", "eb-1");
        delivered.put("detail-type", placed.type());
        delivered.put("source", placed.source());
        delivered.set("detail", SagaInput.JSON.readTree(Events.toJson(placed)));
        FakeContext consumerLog = new FakeContext(10_000);
        new SqsConsumer() {
            @Override
            protected void process(EventEnvelope event) {
            }
        }.handleRequest(new ByteArrayInputStream(SagaInput.JSON.writeValueAsBytes(Map.of("Records", List.of(
                Map.of("messageId", "m-1", "body", delivered.toString()))))), new ByteArrayOutputStream(), consumerLog);
        assertEquals(CORRELATION_ID, TelemetryAssertions.assertLogLine(consumerLog.lines.get(0), "INFO",
                Set.of("messageId", "eventId", "type")).get("correlationId").asText());

        // ... and to the saga, whose steps get it in their input and log it
        ObjectNode state = delivered.deepCopy();
        JsonNode claim = invoke(new OrderSagaFunctions.ProcessOrder(t.dynamo, t.env(), SagaTables.CLOCK), payload("ProcessOrder", state),
                t.context);
        state.putObject("results").set("ProcessOrder", claim);
        invoke(new OrderSagaFunctions.ValidatePayment(t.dynamo, t.env(), SagaTables.CLOCK), payload("ValidatePayment", state), t.context);
        invoke(new OrderSagaFunctions.UpdateInventory(t.dynamo, t.env(), SagaTables.CLOCK), payload("UpdateInventory", state), t.context);
        invoke(new OrderSagaFunctions.ConfirmOrder(t.dynamo, t.env(), SagaTables.CLOCK, t.publisher, t.context.getLogger()),
                payload("ConfirmOrder", state), t.context);
        assertEquals(4, t.context.lines.size(), t.context.lines.toString());
        for (String line : t.context.lines) {
            assertEquals(CORRELATION_ID, TelemetryAssertions.assertLogLine(line, "INFO", Set.of("step", "orderId", "execution", "result"))
                    .get("correlationId").asText());
        }
        assertEquals(CORRELATION_ID, t.published.get(0).correlationId(), "order.confirmed carries it on");
    }

    static ObjectNode payload(String step, ObjectNode state) {
        ObjectNode payload = SagaInput.JSON.createObjectNode();
        payload.put("execution", SagaTables.EXECUTION);
        payload.put("step", step);
        payload.set("state", state);
        return payload;
    }

    static JsonNode invoke(RequestStreamHandler handler, JsonNode input, FakeContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(SagaInput.JSON.writeValueAsBytes(input)), out, context);
        return SagaInput.JSON.readTree(out.toByteArray());
    }
}
