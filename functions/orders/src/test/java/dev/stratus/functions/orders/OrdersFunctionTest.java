package dev.stratus.functions.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.http.Json;
import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.telemetry.Metrics;
import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.TelemetryAssertions;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** The orders service through its Lambda handler, with API Gateway event fixtures and the local DynamoDB engine. */
class OrdersFunctionTest {
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    static DynamoDbClient dynamo;
    static int tables;
    String orders;
    String products;
    OrdersFunction function;
    final FakeContext logs = new FakeContext(10_000);
    final List<String> metrics = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final byte[] TOKEN_KEY = "a page token key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);
    final AtomicInteger seconds = new AtomicInteger();
    final AtomicInteger ids = new AtomicInteger();
    final List<EventEnvelope> published = new java.util.concurrent.CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicBoolean busDown = new java.util.concurrent.atomic.AtomicBoolean();
    /** Stands in for EventBridge, which has no local engine: records what is published, or fails on demand. */
    final EventPublisher publisher = event -> {
        if (busDown.get()) {
            throw new IllegalStateException("EventBridge is unreachable");
        }
        published.add(event);
    };

    record Response(int status, JsonNode body, JsonNode headers) {
    }

    @BeforeAll
    static void start() {
        dynamo = local.client();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @BeforeEach
    void freshTables() {
        tables++;
        orders = "orders-" + tables;
        products = "products-" + tables;
        dynamo.createTable(b -> b.tableName(orders).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("orderId"), Tables.stringAttribute("userId"),
                        Tables.stringAttribute("status"), Tables.stringAttribute("createdAt"),
                        Tables.stringAttribute("outbox"), Tables.stringAttribute("eventTime"))
                .keySchema(key("orderId", KeyType.HASH))
                .globalSecondaryIndexes(
                        index(OrderTable.USER_INDEX, "userId", ProjectionType.ALL),
                        index(OrderTable.STATUS_INDEX, "status", ProjectionType.KEYS_ONLY),
                        GlobalSecondaryIndex.builder().indexName(Outbox.INDEX)
                                .keySchema(key("outbox", KeyType.HASH), key("eventTime", KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
        dynamo.createTable(b -> b.tableName(products).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("productId"))
                .keySchema(key("productId", KeyType.HASH)));
        product("espresso", "Espresso", 250);
        product("croissant", "Croissant", 190);
        function = new OrdersFunction(dynamo, Map.of("ORDERS_TABLE_NAME", orders, "PRODUCTS_TABLE_NAME", products),
                () -> Instant.parse("2026-11-22T10:00:00Z").plusSeconds(seconds.getAndIncrement()),
                () -> "order-" + ids.incrementAndGet(), publisher, new PageTokens(TOKEN_KEY), logs.getLogger(),
                new Metrics(Metrics.NAMESPACE, metrics::add, java.time.Clock.systemUTC()));
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static GlobalSecondaryIndex index(String name, String partition, ProjectionType projection) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(partition, KeyType.HASH), key("createdAt", KeyType.RANGE))
                .projection(Projection.builder().projectionType(projection).build()).build();
    }

    void product(String id, String name, long cents) {
        dynamo.putItem(b -> b.tableName(products).item(Map.of("productId", AttributeValue.builder().s(id).build(),
                "name", AttributeValue.builder().s(name).build(), "priceCents", AttributeValue.builder().n(Long.toString(cents)).build())));
    }

    static ObjectNode event(String fixture) {
        try (InputStream in = OrdersFunctionTest.class.getResourceAsStream("/events/" + fixture)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode as(String sub, ObjectNode event) {
        ((ObjectNode) event.path("requestContext").path("authorizer").path("jwt").path("claims")).put("sub", sub);
        return event;
    }

    static ObjectNode query(ObjectNode event, Map<String, String> query) {
        ObjectNode q = event.putObject("queryStringParameters");
        query.forEach(q::put);
        return event;
    }

    Response invoke(ObjectNode event) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            function.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, new FakeContext(10_000));
            JsonNode response = Json.MAPPER.readTree(out.toByteArray());
            JsonNode body = response.has("body") ? Json.MAPPER.readTree(response.get("body").asText()) : null;
            return new Response(response.get("statusCode").asInt(), body, response.get("headers"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Map<String, AttributeValue>> stored() {
        return Tables.scanAll(dynamo, orders, "orderId");
    }

    @Test
    void placingAnOrderPricesItOnTheServer() {
        Response response = invoke(event("create-order.json"));
        assertEquals(201, response.status(), String.valueOf(response.body()));
        assertEquals("/orders/order-1", response.headers().get("location").asText());
        assertEquals(690, response.body().get("totalCents").asLong());
        assertEquals("PENDING", response.body().get("status").asText());
        assertEquals("user-123", response.body().get("userId").asText());
        assertEquals("2026-11-22T10:00:00.000Z", response.body().get("createdAt").asText());
        assertEquals(500, response.body().get("lines").get(0).get("lineTotalCents").asLong());
        assertEquals(1, stored().size());
    }

    @Test
    void aPlacedOrderIsAnnounced() {
        invoke(event("create-order.json"));
        assertEquals(1, published.size());
        assertEquals("order.placed", published.get(0).type());
        assertEquals("stratus.orders", published.get(0).source());
        assertEquals("order-1", published.get(0).data().get("orderId").asText());
        assertEquals(690, published.get(0).data().get("totalCents").asLong());
    }

    // ---- telemetry ----

    @Test
    void aPlacedOrderIsLoggedAndCountedWithTheRequestsCorrelationIdInItsEnvelope() {
        invoke(event("create-order.json"));
        JsonNode line = TelemetryAssertions.assertLogLine(logs.lines.get(0), "INFO", Set.of("orderId", "totalCents", "replayed"));
        assertEquals("order placed", line.get("message").asText());
        assertEquals("post-order-req=", line.get("correlationId").asText(), "API Gateway's request id");
        assertEquals("order-1", line.get("orderId").asText());
        assertEquals(1, metrics.size());
        JsonNode emf = TelemetryAssertions.assertEmf(metrics.get(0));
        assertEquals("Stratus", emf.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals("[[\"Service\"]]", emf.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("orders", emf.get("Service").asText());
        assertEquals(1, emf.get("OrdersPlaced").asInt());
        assertEquals(Set.of("_aws", "Service", "OrdersPlaced"), fieldNames(emf), "no user or order id as a dimension or member");
        assertEquals("post-order-req=", published.get(0).correlationId());
    }

    @Test
    void aWellFormedCorrelationIdHeaderTravelsInTheOutboxItemsEnvelope() throws Exception {
        busDown.set(true);
        ObjectNode event = event("create-order.json");
        event.with("headers").put("x-correlation-id", "checkout-7f3a");
        assertEquals(201, invoke(event).status());
        Map<String, AttributeValue> pending = stored().stream().filter(item -> item.get("orderId").s().startsWith(Outbox.KEY_PREFIX))
                .findFirst().orElseThrow();
        assertEquals("checkout-7f3a", Json.MAPPER.readTree(pending.get("envelope").s()).get("correlationId").asText());
        assertEquals("checkout-7f3a", TelemetryAssertions.assertLogLine(logs.lines.get(0), "WARN", Set.of("outbox", "eventId", "failure"))
                .get("correlationId").asText(), "the failed publish is logged with it too");
    }

    @Test
    void anIdempotentReplayIsLoggedButNotCountedAgain() {
        ObjectNode event = event("create-order.json");
        event.with("headers").put("idempotency-key", "k-1");
        invoke(event);
        invoke(event);
        assertEquals(1, metrics.size());
        assertTrue(TelemetryAssertions.assertLogLine(logs.lines.get(1), "INFO", Set.of("orderId", "totalCents", "replayed"))
                .get("replayed").asBoolean());
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void whenTheBusIsDownTheOrderIsPlacedAndTheEventWaitsInTheOutbox() {
        busDown.set(true);
        assertEquals(201, invoke(event("create-order.json")).status());
        assertEquals(List.of(), published);
        assertEquals(2, stored().size(), "the order and its pending event");
        assertTrue(logs.lines.get(0).contains("publish failed"), logs.lines.toString());
        Outbox outbox = new Outbox(dynamo, orders, "orderId", publisher, logs.getLogger());
        Instant later = Instant.now().plusSeconds(60);
        assertEquals(1, outbox.relay(later, 10, () -> true).failed());
        busDown.set(false);
        assertEquals(1, outbox.relay(later, 10, () -> true).relayed());
        assertEquals(1, stored().size());
    }

    @Test
    void aRefusedOrderPublishesNothing() {
        ObjectNode event = event("create-order.json");
        event.put("body", "{\"items\":[{\"productId\":\"tea\",\"quantity\":1}]}");
        assertEquals(400, invoke(event).status());
        assertEquals(List.of(), published);
    }

    @Test
    void aClientTotalIsRefusedNotTrusted() {
        ObjectNode event = event("create-order.json");
        event.put("body", "{\"items\":[{\"productId\":\"espresso\",\"quantity\":1}],\"totalCents\":1}");
        Response response = invoke(event);
        assertEquals(400, response.status());
        assertEquals("unknown field 'totalCents'", response.body().get("details").get(0).asText());
        assertEquals(List.of(), stored());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "{\"items\":[{\"productId\":\"tea\",\"quantity\":1},{\"productId\":\"cake\",\"quantity\":1}]}|product tea does not exist",
            "{\"items\":[]}|field 'items' must hold 1 to 50 items",
            "{}|field 'items' must hold 1 to 50 items",
            "{\"items\":[{\"productId\":\"espresso\"}]}|items[0].quantity is required",
            "{\"items\":[{\"productId\":\"espresso\",\"quantity\":0}]}|items[0].quantity must be 1 to 100, but was 0",
            "{\"items\":[{\"productId\":\"espresso\",\"quantity\":\"2\"}]}|field 'items[0].quantity' must be an integer",
            "{\"items\":[{\"productId\":\"espresso\",\"quantity\":1},{\"productId\":\"espresso\",\"quantity\":2}]}|items[1]: product espresso is listed twice",
            "{\"items\":[{\"productId\":\"../etc\",\"quantity\":1}]}|items[0].productId must be 1 to 64 letters",
            "{\"items\":[null]}|items[0] must be an object",
            "{\"items\":[{\"productId\":\"espresso\",\"quantity\":1}]|not valid JSON"})
    void badOrdersAre400NamingEachProblemAndWriteNothing(String body, String detail) {
        ObjectNode event = event("create-order.json");
        event.put("body", body);
        Response response = invoke(event);
        assertEquals(400, response.status(), String.valueOf(response.body()));
        assertTrue(response.body().get("details").toString().contains(detail), response.body().toString());
        assertEquals(List.of(), stored());
    }

    @Test
    void unknownProductsAreAllNamed() {
        ObjectNode event = event("create-order.json");
        event.put("body", "{\"items\":[{\"productId\":\"tea\",\"quantity\":1},{\"productId\":\"cake\",\"quantity\":1}]}");
        assertEquals("[\"product tea does not exist\",\"product cake does not exist\"]", invoke(event).body().get("details").toString());
    }

    @Test
    void anOversizedOrderIs413() {
        ObjectNode event = event("create-order.json");
        event.put("body", "{\"items\":[" + "{\"productId\":\"espresso\",\"quantity\":1},".repeat(300) + "]}");
        assertEquals(413, invoke(event).status());
        assertEquals(List.of(), stored());
    }

    /** The order saga moves the status on (PROCESSING, CONFIRMED, CANCELLED with a reason): the API shows it as stored. */
    @Test
    void anOrderShowsTheStatusTheSagaGaveItAndWhyItWasCancelled() {
        invoke(event("create-order.json"));
        assertFalse(invoke(event("get-order.json")).body().has("statusReason"), "a pending order has no reason");
        dynamo.updateItem(b -> b.tableName(orders).key(Map.of("orderId", AttributeValue.builder().s("order-1").build()))
                .updateExpression("SET #s = :c, statusReason = :r").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.builder().s("CANCELLED").build(),
                        ":r", AttributeValue.builder().s("insufficient stock: not enough stock of espresso").build())));
        Response cancelled = invoke(event("get-order.json"));
        assertEquals("CANCELLED", cancelled.body().get("status").asText());
        assertEquals("insufficient stock: not enough stock of espresso", cancelled.body().get("statusReason").asText());
        assertEquals("CANCELLED", invoke(event("list-orders.json")).body().get("orders").get(0).get("status").asText());
    }

    @Test
    void anOrderIsReadableByItsOwnerOnly() {
        invoke(event("create-order.json"));
        assertEquals(200, invoke(event("get-order.json")).status());
        Response other = invoke(as("user-999", event("get-order.json")));
        assertEquals(404, other.status(), "another user's order is not even said to exist");
        assertEquals("order order-1 does not exist", other.body().get("details").get(0).asText());
        ObjectNode missing = event("get-order.json");
        ((ObjectNode) missing.path("pathParameters")).put("orderId", "order-404");
        assertEquals(404, invoke(missing).status());
        ((ObjectNode) missing.path("pathParameters")).put("orderId", "order 1;drop");
        assertEquals(400, invoke(missing).status());
    }

    @Test
    void listsTheCallersOrdersNewestFirstPageByPage() {
        for (int i = 0; i < 7; i++) {
            invoke(event("create-order.json"));
        }
        invoke(as("user-999", event("create-order.json")));
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            ObjectNode event = event("list-orders.json");
            if (next != null) {
                query(event, Map.of("limit", "3", "next", next));
            }
            Response page = invoke(event);
            assertEquals(200, page.status(), String.valueOf(page.body()));
            page.body().get("orders").forEach(o -> seen.add(o.get("orderId").asText()));
            next = page.body().get("next").isNull() ? null : page.body().get("next").asText();
            pages++;
        } while (next != null && pages < 10);
        assertEquals(List.of("order-7", "order-6", "order-5", "order-4", "order-3", "order-2", "order-1"), seen);
        assertTrue(pages >= 3, "pages: " + pages);
    }

    @Test
    void aCraftedOrForeignPageTokenIs400() {
        for (int i = 0; i < 4; i++) {
            invoke(event("create-order.json"));
        }
        String token = invoke(event("list-orders.json")).body().get("next").asText();
        Response foreign = invoke(as("user-999", query(event("list-orders.json"), Map.of("next", token))));
        assertEquals(400, foreign.status());
        assertEquals("parameter 'next' is not a token this API returned", foreign.body().get("details").get(0).asText());
        String crafted = Base64.getUrlEncoder().encodeToString("{\"orderId\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, invoke(query(event("list-orders.json"), Map.of("next", crafted))).status());
        assertEquals(400, invoke(query(event("list-orders.json"), Map.of("next", "%%%"))).status());
    }

    @Test
    void aTokenNamingTheCallerIsRefusedUnlessThisApiIssuedIt() {
        for (int i = 0; i < 4; i++) {
            invoke(event("create-order.json"));
        }
        String issued = invoke(event("list-orders.json")).body().get("next").asText();
        // a well-formed key of the caller's own orders, made up by the client
        String crafted = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"orderId\":\"order-3\",\"userId\":\"user-123\","
                + "\"createdAt\":\"2026-11-22T10:00:02.000Z\"}").getBytes(StandardCharsets.UTF_8));
        for (String token : List.of(crafted, crafted + "." + issued.substring(issued.indexOf('.') + 1),
                issued.substring(0, issued.indexOf('.')) + ".AAAA")) {
            Response response = invoke(query(event("list-orders.json"), Map.of("next", token)));
            assertEquals(400, response.status(), token);
        }
        assertEquals(200, invoke(query(event("list-orders.json"), Map.of("next", issued))).status());
        // another key (another deployment's secret) does not verify either
        String foreignKey = new PageTokens("another key of thirty-two bytes or even more".getBytes(StandardCharsets.UTF_8))
                .encode(Map.of("orderId", "order-3", "userId", "user-123", "createdAt", "2026-11-22T10:00:02.000Z"));
        assertEquals(400, invoke(query(event("list-orders.json"), Map.of("next", foreignKey))).status());
    }

    // ---- Idempotency-Key ----

    ObjectNode withKey(String key, ObjectNode event) {
        event.with("headers").put("idempotency-key", key);
        return event;
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstOrderAgain() {
        Response first = invoke(withKey("retry-1", event("create-order.json")));
        ObjectNode again = withKey("retry-1", event("create-order.json"));
        again.put("body", "{\"items\":[{\"productId\":\"espresso\",\"quantity\":2},{\"productId\":\"croissant\",\"quantity\":1}]}");
        Response retry = invoke(again);
        assertEquals(201, first.status());
        assertEquals(201, retry.status());
        assertEquals(first.body(), retry.body());
        assertEquals("/orders/order-1", retry.headers().get("location").asText());
        assertEquals("true", retry.headers().path("idempotent-replayed").asText());
        assertEquals(1, ids.get(), "one order id drawn");
        assertEquals(1, published.size(), "one order.placed");
        assertEquals(1, stored().stream().filter(i -> i.containsKey("userId")).count(), "one order");
        // another key, or none, is another order
        assertEquals("order-2", invoke(withKey("retry-2", event("create-order.json"))).body().get("orderId").asText());
        assertEquals("order-3", invoke(event("create-order.json")).body().get("orderId").asText());
    }

    @Test
    void aKeyIsTheCallersOwnAndBoundToItsRequest() {
        invoke(withKey("k", event("create-order.json")));
        Response other = invoke(as("user-999", withKey("k", event("create-order.json"))));
        assertEquals(201, other.status());
        assertEquals("user-999", other.body().get("userId").asText(), "another caller's key is another key");
        ObjectNode changed = withKey("k", event("create-order.json"));
        changed.put("body", "{\"items\":[{\"productId\":\"espresso\",\"quantity\":9}]}");
        long before = local.db().changeCount();
        Response conflict = invoke(changed);
        assertEquals(422, conflict.status());
        assertEquals(before, local.db().changeCount());
        assertEquals(400, invoke(withKey("x".repeat(129), event("create-order.json"))).status());
    }

    @Test
    void aRememberedKeyExpiresAfterItsTimeToLive() {
        invoke(withKey("k", event("create-order.json")));
        seconds.addAndGet((int) OrdersService.IDEMPOTENCY_TTL.toSeconds() + 1);
        Response later = invoke(withKey("k", event("create-order.json")));
        assertEquals(201, later.status());
        assertEquals("order-2", later.body().get("orderId").asText());
        Map<String, AttributeValue> record = stored().stream().filter(i -> i.get("orderId").s().startsWith("IDEMPOTENCY#")).findFirst().orElseThrow();
        assertTrue(Long.parseLong(record.get(OrderStore.EXPIRES_AT).n()) > Instant.parse("2026-11-23T10:00:00Z").getEpochSecond());
    }

    // ---- the outbox after a committed order ----

    @Test
    void aThrottledOutboxDeleteAfterAPublishedEventIsNotA500() {
        local.db().faults().inject(Fault.throttle().on("DeleteItem").table(orders).times(50));
        // the production client's timeouts: the SDK's throttling backoff gives up within 2 s
        try (DynamoDbClient bounded = local.db().clientBuilder().overrideConfiguration(c -> c
                .apiCallTimeout(OrdersFunction.TIMEOUTS.apiCall()).apiCallAttemptTimeout(OrdersFunction.TIMEOUTS.attempt())).build()) {
            function = new OrdersFunction(bounded, Map.of("ORDERS_TABLE_NAME", orders, "PRODUCTS_TABLE_NAME", products),
                    () -> Instant.parse("2026-11-22T10:00:00Z"), () -> "order-" + ids.incrementAndGet(), publisher,
                    new PageTokens(TOKEN_KEY), logs.getLogger());
            Response response = invoke(event("create-order.json"));
            assertEquals(201, response.status(), String.valueOf(response.body()));
            assertEquals(1, published.size());
            assertTrue(logs.lines.stream().anyMatch(l -> l.contains("published, but not deleted from the outbox")), logs.lines.toString());
            assertEquals(2, stored().size(), "the order, and the published event left for the relay");
        } finally {
            local.db().faults().clear();
        }
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        ObjectNode event = event("create-order.json");
        event.with("headers").put("content-type", "application/x-www-form-urlencoded");
        assertEquals(415, invoke(event).status());
        assertEquals(List.of(), stored());
    }

    @ParameterizedTest
    @CsvSource({"0", "51", "ten", "-1"})
    void aBadLimitIs400(String limit) {
        Response response = invoke(query(event("list-orders.json"), Map.of("limit", limit)));
        assertEquals(400, response.status());
        assertEquals("parameter 'limit' must be a whole number from 1 to 50", response.body().get("details").get(0).asText());
    }
}
