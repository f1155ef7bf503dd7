package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.Events;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.orders.Order;
import dev.stratus.functions.orders.OrderStore;
import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.orders.model.Timestamps;
import dev.stratus.functions.ordersaga.InsufficientStock;
import dev.stratus.functions.ordersaga.OrderNotFound;
import dev.stratus.functions.ordersaga.OrderSagaFunctions;
import dev.stratus.functions.ordersaga.PaymentDeclined;
import dev.stratus.functions.ordersaga.TransientFailure;
import dev.stratus.functions.testing.FakeContext;
import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import dev.stratus.local.stepfunctions.Execution;
import dev.stratus.local.stepfunctions.ExecutionStatus;
import dev.stratus.local.stepfunctions.HistoryEvent;
import dev.stratus.local.stepfunctions.StateMachineDefinition;
import dev.stratus.local.stepfunctions.StateMachineExecutor;
import dev.stratus.local.stepfunctions.TaskError;
import dev.stratus.local.stepfunctions.TaskHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;

/**
 * The order saga as deployed, run offline: the state machine definition read from the Events stack's
 * template as synthesized (nothing rebuilt in Java), executed by stratus-local's executor on a virtual
 * clock, each step's LambdaInvoke served by the real handler of functions/order-saga in-process, on
 * the local DynamoDB engine with the reference data's products. Orders are placed by the orders
 * service's store (the order and its {@code order.placed} through the outbox) and read back as the
 * orders API reads them.
 */
class OrderSagaOfflineTest {
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    static final AtomicInteger TABLES = new AtomicInteger();
    static final String STEP_ERRORS = "dev.stratus.functions.ordersaga.";
    static StateMachineDefinition saga;

    DynamoDbClient dynamo;
    String orders;
    String products;
    String payments;
    final List<EventEnvelope> published = new CopyOnWriteArrayList<>();
    final FakeContext context = new FakeContext(10_000);
    /** Calls that reached each real function, and the task attempts of each (the Lambda invocations Step Functions made). */
    final Map<String, AtomicInteger> calls = new HashMap<>();
    final Map<String, AtomicInteger> attempts = new HashMap<>();
    OrderStore store;

    @BeforeAll
    static void readTheSynthesizedDefinition() {
        saga = StateMachineDefinition.fromTemplate(ReferenceApp.templates().get("Dev/Events"), "OrderSagaWorkflowStateMachine");
    }

    @BeforeEach
    void tablesWithTheReferenceProducts() throws IOException {
        local.db().faults().clear();
        dynamo = local.client();
        int n = TABLES.incrementAndGet();
        orders = "orders-" + n;
        products = "products-" + n;
        payments = "payments-" + n;
        dynamo.createTable(b -> b.tableName(orders).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("orderId"), string("userId"), string("status"), string("createdAt"), string("outbox"),
                        string("eventTime"))
                .keySchema(key("orderId", KeyType.HASH))
                .globalSecondaryIndexes(index(OrderTable.USER_INDEX, "userId", "createdAt", ProjectionType.ALL),
                        index(OrderTable.STATUS_INDEX, "status", "createdAt", ProjectionType.KEYS_ONLY),
                        index(Outbox.INDEX, "outbox", "eventTime", ProjectionType.ALL)));
        dynamo.createTable(b -> b.tableName(products).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("productId")).keySchema(key("productId", KeyType.HASH)));
        dynamo.createTable(b -> b.tableName(payments).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(string("pk")).keySchema(key("pk", KeyType.HASH)));
        for (String line : Files.readAllLines(ReferenceApp.ROOT.resolve("scripts/reference-data/products.jsonl"))) {
            if (!line.isBlank()) {
                Map<String, AttributeValue> product = dynamoJson(line);
                dynamo.putItem(b -> b.tableName(products).item(product));
            }
        }
        store = new OrderStore(dynamo, orders, new Outbox(dynamo, orders, "orderId", published::add, context.getLogger()));
    }

    /** An item in DynamoDB JSON, as the reference data and the AWS CLI write it (S and N). */
    static Map<String, AttributeValue> dynamoJson(String line) throws IOException {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        JSON.readTree(line).properties().forEach(e -> {
            JsonNode value = e.getValue();
            if (value.has("S")) {
                item.put(e.getKey(), AttributeValue.builder().s(value.get("S").asText()).build());
            } else if (value.has("N")) {
                item.put(e.getKey(), AttributeValue.builder().n(value.get("N").asText()).build());
            } else {
                throw new IllegalArgumentException("the reference data holds only S and N attributes: " + line);
            }
        });
        return item;
    }

    Map<String, String> env() {
        return Map.of("ORDERS_TABLE_NAME", orders, "PRODUCTS_TABLE_NAME", products, "PAYMENTS_TABLE_NAME", payments,
                "EVENT_BUS_NAME", "stratus-test", "CREDIT_LIMIT_CENTS", "50000");
    }

    /** The executor with every function of the saga served by its real handler, each optionally wrapped. */
    StateMachineExecutor executor(Map<String, UnaryOperator<TaskHandler>> wrappers) {
        Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();
        handlers.put("ProcessOrder", new OrderSagaFunctions.ProcessOrder(dynamo, env(), CLOCK));
        handlers.put("CancelOrder", new OrderSagaFunctions.CancelOrder(dynamo, env(), CLOCK, published::add, context.getLogger()));
        handlers.put("ValidatePayment", new OrderSagaFunctions.ValidatePayment(dynamo, env(), CLOCK));
        handlers.put("VoidPayment", new OrderSagaFunctions.VoidPayment(dynamo, env(), CLOCK));
        handlers.put("UpdateInventory", new OrderSagaFunctions.UpdateInventory(dynamo, env(), CLOCK));
        handlers.put("RestoreInventory", new OrderSagaFunctions.RestoreInventory(dynamo, env(), CLOCK));
        handlers.put("ConfirmOrder", new OrderSagaFunctions.ConfirmOrder(dynamo, env(), CLOCK, published::add, context.getLogger()));
        StateMachineExecutor executor = StateMachineExecutor.create(saga);
        handlers.forEach((name, handler) -> {
            AtomicInteger count = calls.computeIfAbsent(name, k -> new AtomicInteger());
            TaskHandler real = (input, task) -> {
                count.incrementAndGet();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(input)), out, context);
                return JSON.readTree(out.toByteArray());
            };
            TaskHandler wrapped = wrappers.getOrDefault(name, UnaryOperator.identity()).apply(real);
            AtomicInteger tries = attempts.computeIfAbsent(name, k -> new AtomicInteger());
            // the function's logical id: the executor finds it behind the step's live alias
            executor.lambda("OrderSaga" + name + "Function", (input, task) -> {
                tries.incrementAndGet();
                return wrapped.handle(input, task);
            });
        });
        return executor;
    }

    int calls(String function) {
        return calls.getOrDefault(function, new AtomicInteger()).get();
    }

    int attempts(String function) {
        return attempts.getOrDefault(function, new AtomicInteger()).get();
    }

    /** Places an order as the orders service does (priced from the products table) and returns its order.placed as EventBridge delivers it. */
    ObjectNode place(String orderId, String userId, Object... productsAndQuantities) {
        List<Order.Line> lines = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < productsAndQuantities.length; i += 2) {
            String productId = (String) productsAndQuantities[i];
            int quantity = (Integer) productsAndQuantities[i + 1];
            Map<String, AttributeValue> product = dynamo.getItem(b -> b.tableName(products)
                    .key(Map.of("productId", AttributeValue.builder().s(productId).build()))).item();
            long price = Long.parseLong(product.get("priceCents").n());
            lines.add(new Order.Line(productId, product.get("name").s(), quantity, price, price * quantity));
            total += price * quantity;
        }
        store.insert(new Order(orderId, userId, OrderTable.PENDING, lines, total, "EUR", Timestamps.format(CLOCK.instant()), null),
                null, CLOCK.instant().getEpochSecond());
        EventEnvelope placed = published.get(published.size() - 1);
        assertEquals("order.placed", placed.type());
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", "eb-" + placed.id());
        event.put("detail-type", placed.type());
        event.put("source", placed.source());
        event.put("account", "123456789012");
        event.put("time", placed.time());
        event.put("region", "us-east-1");
        event.putArray("resources");
        try {
            event.set("detail", JSON.readTree(Events.toJson(placed)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return event;
    }

    Order order(String orderId) {
        return store.find(orderId).orElseThrow();
    }

    long stock(String productId) {
        return Long.parseLong(dynamo.getItem(b -> b.tableName(products)
                .key(Map.of("productId", AttributeValue.builder().s(productId).build())).consistentRead(true)).item().get("stock").n());
    }

    String payment(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(payments)
                .key(Map.of("pk", AttributeValue.builder().s("AUTH#" + orderId).build())).consistentRead(true)).item();
        return item == null || item.isEmpty() ? "none" : item.get("status").s();
    }

    long availableCredit(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(payments)
                .key(Map.of("pk", AttributeValue.builder().s("ACCOUNT#" + userId).build())).consistentRead(true)).item();
        return item == null || item.isEmpty() ? 50_000 : Long.parseLong(item.get("availableCents").n());
    }

    List<String> eventTypes() {
        return published.stream().map(EventEnvelope::type).toList();
    }

    @Test
    void aPaidOrderWithStockIsConfirmed() {
        ObjectNode placed = place("o-1", "u-1", "espresso", 2, "croissant", 1);
        Execution execution = executor(Map.of()).start(placed);
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        assertEquals(List.of("ProcessOrder", "AfterProcessOrder", "ValidatePayment", "UpdateInventory", "ConfirmOrder"),
                execution.statesEntered());
        assertEquals(OrderTable.CONFIRMED, order("o-1").status());
        assertEquals(null, order("o-1").statusReason());
        assertEquals(498, stock("espresso"));
        assertEquals(119, stock("croissant"));
        assertEquals("AUTHORIZED", payment("o-1"));
        assertEquals(50_000 - 690, availableCredit("u-1"));
        assertEquals(List.of("order.placed", "order.confirmed"), eventTypes());
        // the results each step passed on, in the state as the workflow keeps it
        JsonNode output = execution.output();
        assertEquals(690, output.at("/results/ValidatePayment/amountCents").asLong());
        assertEquals("[{\"productId\":\"espresso\",\"quantity\":2},{\"productId\":\"croissant\",\"quantity\":1}]",
                output.at("/results/UpdateInventory/reserved").toString());
    }

    @Test
    void aDeclinedPaymentCancelsTheOrderWithNothingReservedAndNothingToRefund() {
        ObjectNode placed = place("o-1", "u-1", "espresso-machine", 1);   // 899.00, over the 500.00 credit limit
        Execution execution = executor(Map.of()).start(placed);
        assertEquals(ExecutionStatus.FAILED, execution.status(), execution::toString);
        assertEquals(List.of("ProcessOrder", "AfterProcessOrder", "ValidatePayment", "ValidatePaymentRejected", "CompensateProcessOrder",
                "Failed"), execution.statesEntered());
        assertEquals(PaymentDeclined.class.getName(), execution.error());
        assertTrue(execution.cause().startsWith("ValidatePayment failed: {\"Error\":\"" + PaymentDeclined.class.getName() + "\""),
                execution.cause());
        Order order = order("o-1");
        assertEquals(OrderTable.CANCELLED, order.status());
        assertEquals("payment declined: the order total 89900 cents is above the credit limit of 50000 cents", order.statusReason());
        assertEquals(5, stock("espresso-machine"));
        assertEquals(0, calls("UpdateInventory"));
        assertEquals(0, calls("VoidPayment"));
        assertEquals("DECLINED", payment("o-1"));
        assertEquals(List.of("order.placed", "order.cancelled"), eventTypes());
        assertEquals("ValidatePayment", published.get(1).data().get("failedStep").asText());
    }

    @Test
    void missingStockVoidsThePaymentAndCancelsTheOrder() {
        ObjectNode placed = place("o-1", "u-1", "espresso", 1, "blueberry-muffin", 2);   // no muffins left
        Execution execution = executor(Map.of()).start(placed);
        assertEquals(ExecutionStatus.FAILED, execution.status(), execution::toString);
        assertEquals(List.of("ProcessOrder", "AfterProcessOrder", "ValidatePayment", "UpdateInventory", "UpdateInventoryRejected",
                "CompensateValidatePayment", "CompensateProcessOrder", "Failed"), execution.statesEntered());
        assertEquals(InsufficientStock.class.getName(), execution.error());
        assertEquals(0, calls("RestoreInventory"), "nothing was reserved");
        assertEquals("VOIDED", payment("o-1"));
        assertEquals(50_000, availableCredit("u-1"));
        assertEquals(500, stock("espresso"));
        assertEquals(0, stock("blueberry-muffin"));
        assertEquals("insufficient stock: not enough stock of blueberry-muffin", order("o-1").statusReason());
        assertEquals(OrderTable.CANCELLED, order("o-1").status());
        assertEquals(List.of("order.placed", "order.cancelled"), eventTypes());
    }

    @Test
    void transientErrorsAreRetriedWithBackoffAndTheOrderIsConfirmedOnce() {
        // a Lambda service error before ValidatePayment runs, and a transaction conflict in UpdateInventory's transaction
        AtomicInteger serviceErrors = new AtomicInteger();
        local.db().faults().inject(Fault.transactionConflict().on("TransactWriteItems").table(products).times(1));
        Execution execution = executor(Map.of("ValidatePayment", real -> (input, task) -> {
            if (serviceErrors.getAndIncrement() == 0) {
                throw TaskError.lambdaServiceException();
            }
            return real.handle(input, task);
        })).start(place("o-1", "u-1", "cappuccino", 3));
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        assertEquals(2, attempts("ValidatePayment"));
        assertEquals(1, calls("ValidatePayment"), "the first attempt never reached the function");
        assertEquals(2, calls("UpdateInventory"));
        assertEquals(OrderTable.CONFIRMED, order("o-1").status());
        assertEquals(297, stock("cappuccino"));
        assertEquals(50_000 - 960, availableCredit("u-1"));
        assertEquals(List.of("order.placed", "order.confirmed"), eventTypes());
        assertTrue(execution.duration().toMillis() > 0, "the retries waited on the virtual clock: " + execution.duration());
    }

    @Test
    void aStepWhoseAnswerWasLostIsRetriedAndHasItsEffectOnce() {
        AtomicInteger attempts = new AtomicInteger();
        Execution execution = executor(Map.of("UpdateInventory", real -> (input, task) -> {
            JsonNode result = real.handle(input, task);
            if (attempts.getAndIncrement() == 0) {
                throw TaskError.lambdaServiceException();   // the reservation is committed, its answer lost
            }
            return result;
        })).start(place("o-1", "u-1", "green-tea", 4));
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        assertEquals(2, calls("UpdateInventory"));
        assertEquals(196, stock("green-tea"));
        assertEquals(OrderTable.CONFIRMED, order("o-1").status());
    }

    @Test
    void aStepThatKeepsFailingIsCompensatedInReverseOrderAndTheExecutionFailsNamingIt() {
        Execution execution = executor(Map.of("ConfirmOrder", real -> (input, task) -> {
            throw new TransientFailure("EventBridge is unreachable", null);
        })).start(place("o-1", "u-1", "espresso", 2));
        assertEquals(ExecutionStatus.FAILED, execution.status(), execution::toString);
        assertEquals(4, attempts("ConfirmOrder"), "the first attempt and 3 retries");
        assertEquals(List.of("ProcessOrder", "AfterProcessOrder", "ValidatePayment", "UpdateInventory", "ConfirmOrder", "ConfirmOrderFailed",
                "CompensateUpdateInventory", "CompensateValidatePayment", "CompensateProcessOrder", "Failed"), execution.statesEntered());
        assertEquals(TransientFailure.class.getName(), execution.error());
        assertTrue(execution.cause().startsWith("ConfirmOrder failed: {\"Error\":\"" + TransientFailure.class.getName() + "\""), execution.cause());
        assertTrue(execution.cause().contains("EventBridge is unreachable"), execution.cause());
        assertEquals(500, stock("espresso"));
        assertEquals("VOIDED", payment("o-1"));
        assertEquals(50_000, availableCredit("u-1"));
        assertEquals(OrderTable.CANCELLED, order("o-1").status());
        assertEquals("the order could not be processed (ConfirmOrder failed)", order("o-1").statusReason());
        assertEquals(List.of("order.placed", "order.cancelled"), eventTypes());
        // the retries backed off: each wait at most the interval (2 s) doubled per retry, jittered
        List<Instant> attempts = execution.history().stream()
                .filter(e -> e.type().equals("LambdaFunctionScheduled") && e.details().toString().contains("OrderSagaConfirmOrder"))
                .map(HistoryEvent::timestamp).toList();
        assertEquals(4, attempts.size(), execution::toString);
        for (int i = 1; i < attempts.size(); i++) {
            long waited = java.time.Duration.between(attempts.get(i - 1), attempts.get(i)).toMillis();
            assertTrue(waited <= 2_000L << (i - 1), "retry " + i + " waited " + waited + " ms");
        }
    }

    @Test
    void aCompensationThatKeepsFailingStopsTheExecutionNamingWhatIsLeftToCompensate() {
        Execution execution = executor(Map.of("VoidPayment", real -> (input, task) -> {
            throw new TransientFailure("the payments table is throttled", null);
        })).start(place("o-1", "u-1", "blueberry-muffin", 1));
        assertEquals(ExecutionStatus.FAILED, execution.status(), execution::toString);
        assertEquals("Workflow.CompensationFailed", execution.error());
        assertTrue(execution.cause().startsWith("compensation of ValidatePayment failed after UpdateInventory failed: "), execution.cause());
        assertTrue(execution.cause().endsWith("; left to compensate: ValidatePayment, ProcessOrder"), execution.cause());
        assertEquals(OrderTable.PROCESSING, order("o-1").status(), "not cancelled while its payment stands");
        assertEquals("AUTHORIZED", payment("o-1"));
    }

    @Test
    void theSameOrderPlacedTwiceHasOneEffect() {
        ObjectNode placed = place("o-1", "u-1", "croissant", 2);
        StateMachineExecutor executor = executor(Map.of());
        Execution first = executor.start(placed);
        long writes = local.db().changeCount();
        // EventBridge delivers at least once: a second execution for the same event
        Execution second = executor.start(placed);
        assertEquals(ExecutionStatus.SUCCEEDED, first.status(), first::toString);
        assertEquals(ExecutionStatus.SUCCEEDED, second.status(), second::toString);
        assertEquals(List.of("ProcessOrder", "AfterProcessOrder", "EndedAfterProcessOrder"), second.statesEntered());
        assertFalse(second.output().at("/results/ProcessOrder/proceed").asBoolean());
        assertEquals(writes, local.db().changeCount(), "the second execution wrote nothing");
        assertEquals(118, stock("croissant"));
        assertEquals(50_000 - 380, availableCredit("u-1"));
        assertEquals(List.of("order.placed", "order.confirmed"), eventTypes());
        assertEquals(1, calls("ValidatePayment"));
    }

    @Test
    void anOrderPlacedForAnOrderThatDoesNotExistFailsWithoutCompensation() {
        ObjectNode placed = place("o-1", "u-1", "espresso", 1);
        ((ObjectNode) placed.at("/detail/data")).put("orderId", "o-404");
        Execution execution = executor(Map.of()).start(placed);
        assertEquals(ExecutionStatus.FAILED, execution.status(), execution::toString);
        assertEquals(OrderNotFound.class.getName(), execution.error());
        assertEquals(List.of("ProcessOrder", "ProcessOrderRejected", "Failed"), execution.statesEntered());
        assertEquals(0, calls("CancelOrder"));
        assertEquals(OrderTable.PENDING, order("o-1").status());
    }

    @Test
    void theDefinitionReadIsTheDeployedOne() {
        assertEquals(StateMachineDefinition.Type.STANDARD, saga.type());
        assertEquals("ProcessOrder", saga.asl().get("StartAt").asText());
        // the business errors the stack declares are the handlers' exception classes
        assertEquals(List.of(STEP_ERRORS + "PaymentDeclined"), names(saga.asl().at("/States/ValidatePayment/Catch/0/ErrorEquals")));
        assertEquals(List.of(STEP_ERRORS + "InsufficientStock"), names(saga.asl().at("/States/UpdateInventory/Catch/0/ErrorEquals")));
        assertEquals(List.of(STEP_ERRORS + "OrderNotFound"), names(saga.asl().at("/States/ProcessOrder/Catch/0/ErrorEquals")));
        assertTrue(names(saga.asl().at("/States/ConfirmOrder/Retry/0/ErrorEquals")).contains(TransientFailure.class.getName()));
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static GlobalSecondaryIndex index(String name, String partition, String sort, ProjectionType projection) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(partition, KeyType.HASH), key(sort, KeyType.RANGE))
                .projection(Projection.builder().projectionType(projection).build()).build();
    }
}
