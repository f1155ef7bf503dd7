package dev.stratus.functions.ordersaga;

import static dev.stratus.functions.ordersaga.SagaTables.EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The seven handlers as Step Functions invokes them: the Workflow construct's payload around the
 * {@code order.placed} event as EventBridge delivers it, against the local DynamoDB engine.
 */
class OrderSagaFunctionsTest {
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    SagaTables t;

    @BeforeEach
    void tables() {
        local.db().faults().clear();
        t = new SagaTables(local.client());
        t.product("espresso", 250, 5L);
        t.order("o-1", "u-1", "espresso", 2);
    }

    static ObjectNode event() {
        try (InputStream in = OrderSagaFunctionsTest.class.getResourceAsStream("/events/order-placed.json")) {
            return (ObjectNode) SagaInput.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode payload(String step, ObjectNode state) {
        ObjectNode payload = SagaInput.JSON.createObjectNode();
        payload.put("execution", EXECUTION);
        payload.put("step", step);
        payload.set("state", state);
        return payload;
    }

    JsonNode invoke(RequestStreamHandler handler, JsonNode payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(SagaInput.JSON.writeValueAsBytes(payload)), out, t.context);
            return SagaInput.JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theStepsOfAHappyOrderPassTheirResultsOnAndConfirmIt() {
        ObjectNode state = event();
        JsonNode claim = invoke(new OrderSagaFunctions.ProcessOrder(t.dynamo, t.env(), SagaTables.CLOCK), payload("ProcessOrder", state));
        assertEquals(SagaInput.JSON.createObjectNode().put("proceed", true).put("orderId", "o-1").put("userId", "u-1")
                .put("status", "PROCESSING").put("totalCents", 500).put("currency", "EUR"), claim);
        state.putObject("results").set("ProcessOrder", claim);
        JsonNode payment = invoke(new OrderSagaFunctions.ValidatePayment(t.dynamo, t.env(), SagaTables.CLOCK), payload("ValidatePayment", state));
        assertEquals("AUTH#o-1", payment.get("authorizationId").asText());
        assertEquals(500, payment.get("amountCents").asLong());
        JsonNode reserved = invoke(new OrderSagaFunctions.UpdateInventory(t.dynamo, t.env(), SagaTables.CLOCK), payload("UpdateInventory", state));
        assertEquals("[{\"productId\":\"espresso\",\"quantity\":2}]", reserved.get("reserved").toString());
        JsonNode confirmed = invoke(new OrderSagaFunctions.ConfirmOrder(t.dynamo, t.env(), SagaTables.CLOCK, t.publisher, t.context.getLogger()),
                payload("ConfirmOrder", state));
        assertTrue(confirmed.get("confirmed").asBoolean());
        assertEquals(OrderTable.CONFIRMED, t.status("o-1"));
        assertEquals(3, t.stock("espresso"));
        assertEquals(1, t.published.size());
        assertTrue(t.context.lines.get(0).contains("\"step\":\"ProcessOrder\""), t.context.lines.toString());
    }

    @Test
    void theCompensationsUndoWithAReasonTheCustomerMayRead() {
        ObjectNode state = event();
        JsonNode claim = invoke(new OrderSagaFunctions.ProcessOrder(t.dynamo, t.env(), SagaTables.CLOCK), payload("ProcessOrder", state));
        state.putObject("results").set("ProcessOrder", claim);
        invoke(new OrderSagaFunctions.ValidatePayment(t.dynamo, t.env(), SagaTables.CLOCK), payload("ValidatePayment", state));
        invoke(new OrderSagaFunctions.UpdateInventory(t.dynamo, t.env(), SagaTables.CLOCK), payload("UpdateInventory", state));
        ObjectNode failure = state.putObject("failure");
        failure.put("step", "ConfirmOrder");
        failure.putObject("error").put("Error", "dev.stratus.functions.ordersaga.TransientFailure")
                .put("Cause", "{\"errorMessage\":\"ProvisionedThroughputExceededException: internal detail\"}");
        assertEquals("{\"released\":true}", invoke(new OrderSagaFunctions.RestoreInventory(t.dynamo, t.env(), SagaTables.CLOCK),
                payload("CompensateUpdateInventory", state)).toString());
        assertEquals("{\"voided\":true}", invoke(new OrderSagaFunctions.VoidPayment(t.dynamo, t.env(), SagaTables.CLOCK),
                payload("CompensateValidatePayment", state)).toString());
        JsonNode cancelled = invoke(new OrderSagaFunctions.CancelOrder(t.dynamo, t.env(), SagaTables.CLOCK, t.publisher, t.context.getLogger()),
                payload("CompensateProcessOrder", state));
        assertEquals("the order could not be processed (ConfirmOrder failed)", cancelled.get("reason").asText());
        assertEquals(OrderTable.CANCELLED, t.status("o-1"));
        assertEquals(5, t.stock("espresso"));
        assertEquals("the order could not be processed (ConfirmOrder failed)", t.order("o-1").get(OrderTable.STATUS_REASON).s());
    }

    @Test
    void aBusinessErrorGivesItsMessageAsTheReason() {
        ObjectNode failure = SagaInput.JSON.createObjectNode().put("step", "ValidatePayment");
        failure.putObject("error").put("Error", PaymentDeclined.class.getName())
                .put("Cause", "{\"errorMessage\":\"the order total 500 cents is above the available credit of 0 cents\","
                        + "\"errorType\":\"dev.stratus.functions.ordersaga.PaymentDeclined\",\"stackTrace\":[]}");
        assertEquals("payment declined: the order total 500 cents is above the available credit of 0 cents", CancelReason.of(failure));
        ((ObjectNode) failure.get("error")).put("Error", InsufficientStock.class.getName()).put("Cause", "not enough stock of espresso");
        assertEquals("insufficient stock: not enough stock of espresso", CancelReason.of(failure));
        ((ObjectNode) failure.get("error")).put("Cause", "x".repeat(400));
        assertEquals(CancelReason.MAX_LENGTH, CancelReason.of(failure).length());
    }

    @Test
    void aThrottledTableIsATransientFailureTheWorkflowRetries() {
        local.db().faults().inject(Fault.throttle().on("UpdateItem"));
        // the SDK's own retries are the deployed client's business: here one attempt shows the mapping
        try (DynamoDbClient once = local.db().clientBuilder()
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry())).build()) {
            TransientFailure e = assertThrows(TransientFailure.class,
                    () -> invoke(new OrderSagaFunctions.ProcessOrder(once, t.env(), SagaTables.CLOCK), payload("ProcessOrder", event())));
            assertTrue(e.getMessage().startsWith("ProvisionedThroughputExceededException: "), e.getMessage());
        }
        local.db().faults().clear();
        assertEquals(OrderTable.PENDING, t.status("o-1"));
    }

    @Test
    void refusesAPayloadThatIsNotTheWorkflowsNaming() {
        OrderSagaFunctions.ProcessOrder process = new OrderSagaFunctions.ProcessOrder(t.dynamo, t.env(), SagaTables.CLOCK);
        assertEquals("the step's input has no execution ARN ('execution')", assertThrows(IllegalArgumentException.class,
                () -> invoke(process, SagaInput.JSON.createObjectNode().put("step", "ProcessOrder"))).getMessage());
        ObjectNode noState = payload("ProcessOrder", event());
        noState.remove("state");
        assertEquals("the step's input has no state object ('state')",
                assertThrows(IllegalArgumentException.class, () -> invoke(process, noState)).getMessage());
        ObjectNode badId = event();
        ((ObjectNode) badId.get("detail").get("data")).put("orderId", "o/1");
        assertEquals("the state has no order id at detail.data.orderId (1 to 64 of A-Z, a-z, 0-9, '-'): \"o/1\"",
                assertThrows(IllegalArgumentException.class, () -> invoke(process, payload("ProcessOrder", badId))).getMessage());
        assertEquals("the state has no results.ProcessOrder with userId and totalCents", assertThrows(IllegalArgumentException.class,
                () -> invoke(new OrderSagaFunctions.ValidatePayment(t.dynamo, t.env(), SagaTables.CLOCK), payload("ValidatePayment", event())))
                .getMessage());
        assertEquals("the step's input is not JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token "
                + "'null', 'true' or 'false')", assertThrows(IllegalArgumentException.class,
                () -> SagaInput.parse("x".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals(OrderTable.PENDING, t.status("o-1"));
    }

    @Test
    void aDeclinedPaymentIsCountedAndLoggedWithTheOrdersCorrelationIdAnAuthorizedOneIsCountedToo() {
        java.util.List<String> metrics = new java.util.ArrayList<>();
        OrderSagaFunctions.ValidatePayment validate = new OrderSagaFunctions.ValidatePayment(t.dynamo,
                Map.of("PAYMENTS_TABLE_NAME", t.payments, "CREDIT_LIMIT_CENTS", "600"), SagaTables.CLOCK,
                new dev.stratus.functions.telemetry.Metrics("Stratus", metrics::add, SagaTables.CLOCK));
        ObjectNode state = event();
        ((ObjectNode) state.get("detail")).put("correlationId", "CZ7vbh-0FiAEJgw=");
        state.putObject("results").putObject("ProcessOrder").put("userId", "u-1").put("totalCents", 500);
        invoke(validate, payload("ValidatePayment", state));
        ObjectNode second = state.deepCopy();
        ((ObjectNode) second.get("detail").get("data")).put("orderId", "o-2");
        assertThrows(PaymentDeclined.class, () -> invoke(validate, payload("ValidatePayment", second)));

        assertEquals(2, metrics.size());
        JsonNode authorized = dev.stratus.functions.testing.TelemetryAssertions.assertEmf(metrics.get(0));
        assertEquals(1, authorized.get("PaymentsAuthorized").asInt());
        JsonNode declined = dev.stratus.functions.testing.TelemetryAssertions.assertEmf(metrics.get(1));
        assertEquals(1, declined.get("PaymentsDeclined").asInt());
        assertEquals("order-saga", declined.get("Service").asText());
        assertEquals("[[\"Service\"]]", declined.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        JsonNode failed = dev.stratus.functions.testing.TelemetryAssertions.assertLogLine(t.context.lines.get(1), "WARN",
                java.util.Set.of("step", "orderId", "execution", "error", "cause"));
        assertEquals("step failed", failed.get("message").asText());
        assertEquals("CZ7vbh-0FiAEJgw=", failed.get("correlationId").asText());
        assertEquals(PaymentDeclined.class.getName(), failed.get("error").asText());
    }

    @Test
    void aStepWithoutACorrelationIdInItsEventLogsTheExecution() {
        invoke(new OrderSagaFunctions.ProcessOrder(t.dynamo, t.env(), SagaTables.CLOCK), payload("ProcessOrder", event()));
        assertEquals(EXECUTION, dev.stratus.functions.testing.TelemetryAssertions.assertLogLine(t.context.lines.get(0), "INFO",
                java.util.Set.of("step", "orderId", "execution", "result")).get("correlationId").asText());
    }

    @Test
    void readsTheCreditLimitFromTheEnvironment() {
        assertEquals(100_000, OrderSagaFunctions.creditLimit(Map.of()));
        assertEquals(2_500, OrderSagaFunctions.creditLimit(Map.of("CREDIT_LIMIT_CENTS", " 2500 ")));
        assertEquals("environment variable CREDIT_LIMIT_CENTS must be a whole number of cents, but was '25.00'",
                assertThrows(IllegalStateException.class, () -> OrderSagaFunctions.creditLimit(Map.of("CREDIT_LIMIT_CENTS", "25.00"))).getMessage());
        assertEquals("environment variable PAYMENTS_TABLE_NAME is required", assertThrows(IllegalStateException.class,
                () -> new OrderSagaFunctions.ValidatePayment(t.dynamo, Map.of(), SagaTables.CLOCK)).getMessage());
    }
}
