package dev.stratus.functions.bff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.functions.bootstrap.Timeouts;
import dev.stratus.functions.http.HttpFunction;
import dev.stratus.functions.http.Json;
import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.testing.FakeContext;
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

/** Both dashboard handlers with API Gateway events, over tables in the local DynamoDB engine. */
class DashboardFunctionsTest {
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    static DynamoDbClient dynamo;
    static int round;
    String users;
    String orders;
    String notifications;
    String stats;
    Dashboards dashboards;

    @BeforeAll
    static void start() {
        dynamo = local.client();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @BeforeEach
    void tables() {
        round++;
        users = "users-" + round;
        orders = "orders-" + round;
        notifications = "notifications-" + round;
        stats = "order-stats-" + round;
        dynamo.createTable(b -> b.tableName(stats).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("pk")).keySchema(key("pk", KeyType.HASH)));
        dynamo.createTable(b -> b.tableName(users).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("pk")).keySchema(key("pk", KeyType.HASH)));
        dynamo.createTable(b -> b.tableName(orders).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("orderId"), Tables.stringAttribute("userId"),
                        Tables.stringAttribute("createdAt"))
                .keySchema(key("orderId", KeyType.HASH))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(OrderTable.USER_INDEX)
                        .keySchema(key("userId", KeyType.HASH), key("createdAt", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
        dynamo.createTable(b -> b.tableName(notifications).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("userId"), Tables.stringAttribute("notificationId"))
                .keySchema(key("userId", KeyType.HASH), key("notificationId", KeyType.RANGE)));
        dashboards = new Dashboards(readers(), readers(), readers(),
                new DashboardSettings(Duration.ofSeconds(5), 5, Duration.ofSeconds(30)), Instant::now);
    }

    @AfterEach
    void close() {
        dashboards.close();
    }

    TableReaders readers() {
        return new TableReaders(dynamo, users, orders, notifications, stats);
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    void seed() {
        dynamo.putItem(b -> b.tableName(users).item(Map.of("pk", s("USER#user-123"), "id", s("user-123"), "name", s("Ada"),
                "email", s("ada@example.com"), "avatarUrl", s("https://cdn.example.com/avatars/ada.png"), "preferences", AttributeValue.builder().m(Map.of("theme", s("dark"))).build())));
        for (int i = 1; i <= 7; i++) {
            int n = i;
            dynamo.putItem(b -> b.tableName(orders).item(Map.of("orderId", s("o-" + n), "userId", s("user-123"),
                    "status", s(n == 7 ? "PENDING" : "PAID"), "createdAt", s("2026-11-2" + n + "T10:00:00.000Z"),
                    "totalCents", AttributeValue.builder().n(Integer.toString(100 * n)).build())));
        }
        // what the order-stats processor keeps for these seven orders
        dynamo.putItem(b -> b.tableName(stats).item(Map.of("pk", s("USER#user-123"), "orders", n(7), "revenueCents", n(2800),
                "orders#PAID", n(6), "revenueCents#PAID", n(2100), "orders#PENDING", n(1), "revenueCents#PENDING", n(700),
                "orders#EXPIRED", n(0))));
        for (int i = 1; i <= 5; i++) {
            int n = i;
            dynamo.putItem(b -> b.tableName(notifications).item(Map.of("userId", s("user-123"), "notificationId", s("n-" + n),
                    "read", AttributeValue.builder().bool(n > 3).build())));
        }
    }

    JsonNode invoke(HttpFunction function, String fixture) {
        try (InputStream in = getClass().getResourceAsStream("/events/" + fixture)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            function.handleRequest(in, out, new FakeContext(10_000));
            JsonNode response = Json.MAPPER.readTree(out.toByteArray());
            assertEquals(200, response.get("statusCode").asInt(), response.toString());
            return Json.MAPPER.readTree(response.get("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void webDashboardFromTheTables() {
        seed();
        JsonNode body = invoke(new DashboardFunctions.Web(dashboards), "web-dashboard.json");
        assertEquals("Ada", body.get("user").get("name").asText());
        assertEquals("[\"o-7\",\"o-6\",\"o-5\",\"o-4\",\"o-3\"]", Json.MAPPER.valueToTree(
                body.get("recentOrders").findValuesAsText("orderId")).toString());
        assertEquals("{\"theme\":\"dark\"}", body.get("preferences").toString());
        assertEquals("{\"totalOrders\":7,\"totalSpentCents\":2800,\"ordersByStatus\":{\"PAID\":6,\"PENDING\":1}}", body.get("stats").toString());
        assertEquals("[]", body.get("degraded").toString());
    }

    @Test
    void mobileDashboardFromTheTables() {
        seed();
        JsonNode body = invoke(new DashboardFunctions.Mobile(dashboards), "mobile-dashboard.json");
        assertEquals("{\"id\":\"user-123\",\"name\":\"Ada\",\"avatarUrl\":\"https://cdn.example.com/avatars/ada.png\"}",
                body.get("user").toString());
        assertEquals(3, body.get("recentOrders").size());
        assertEquals(3, body.get("unreadNotifications").asInt());
        assertEquals("[\"new-order\",\"reorder\",\"track-order\",\"support\"]", body.get("quickActions").toString());
    }

    @Test
    void aCallerWithoutAProfileGetsA200WithNoUserAndNothingDegraded() {
        JsonNode body = invoke(new DashboardFunctions.Web(dashboards), "web-dashboard.json");
        assertEquals("null", body.get("user").toString());
        assertEquals("[]", body.get("degraded").toString(), "no profile is an answer, not a failure");
        assertEquals("{\"totalOrders\":0,\"totalSpentCents\":0,\"ordersByStatus\":{}}", body.get("stats").toString());
    }

    @Test
    void throttlingAnd5xxAreFaultsThatOpenTheBreaker() {
        seed();
        local.db().faults().inject(Fault.throttle().on("GetItem").table(users).times(2));
        local.db().faults().inject(Fault.internalError().on("GetItem").table(users).times(3));
        // no SDK retries here, so that each injected fault is one failed call
        try (DynamoDbClient noRetries = local.db().clientBuilder()
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry())).build();
             Dashboards d = new Dashboards(new TableReaders(noRetries, users, orders, notifications, stats), readers(), readers(),
                     new DashboardSettings(Duration.ofSeconds(5), 5, Duration.ofSeconds(30)), Instant::now)) {
            for (int i = 0; i < 5; i++) {
                assertEquals("[\"user\",\"preferences\"]", invoke(new DashboardFunctions.Web(d), "web-dashboard.json").get("degraded").toString());
            }
            assertEquals(CircuitBreaker.State.OPEN, d.breakerState("users"));
            assertEquals(CircuitBreaker.State.CLOSED, d.breakerState("orders"));
        } finally {
            local.db().faults().clear();
        }
    }

    @Test
    void everySdkCallIsBoundedByTheDashboardsCallTimeout() {
        Timeouts timeouts = DashboardFunctions.sdkTimeouts(DashboardSettings.defaults());
        assertEquals(Duration.ofMillis(800), timeouts.apiCall());
        assertEquals(Duration.ofMillis(400), timeouts.attempt());
    }

    @Test
    void theCallTimeoutCanBeSetByTheEnvironmentWithinItsRange() {
        assertEquals(Duration.ofMillis(800), DashboardSettings.fromEnvironment(Map.of()).callTimeout());
        DashboardSettings set = DashboardSettings.fromEnvironment(Map.of("DASHBOARD_CALL_TIMEOUT_MS", "2500"));
        assertEquals(Duration.ofMillis(2500), set.callTimeout());
        assertEquals(DashboardSettings.defaults().failureThreshold(), set.failureThreshold());
        assertEquals(Duration.ofMillis(2500), DashboardFunctions.sdkTimeouts(set).apiCall());
        for (String bad : java.util.List.of("0", "49", "29001", "1.5", "soon", "")) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> DashboardSettings.fromEnvironment(Map.of("DASHBOARD_CALL_TIMEOUT_MS", bad)));
            assertEquals("environment variable DASHBOARD_CALL_TIMEOUT_MS must be a whole number of milliseconds between 50 and 29000, but was '"
                    + bad + "'", e.getMessage());
        }
    }

    @Test
    void profileLessVisitorsDoNotOpenTheBreakerForEveryone() {
        for (int i = 0; i < 8; i++) {
            invoke(new DashboardFunctions.Web(dashboards), "web-dashboard.json");   // no profile yet: not a fault
        }
        seed();
        JsonNode body = invoke(new DashboardFunctions.Web(dashboards), "web-dashboard.json");
        assertEquals("Ada", body.path("user").path("name").asText(), body.toString());
        assertEquals("[]", body.get("degraded").toString());
    }

    /**
     * 1,050 orders in the orders table, 20,000 in the aggregate: the stats part reads the aggregate
     * once. Before, it counted the newest 1,000 orders on every request and answered 1,000, capped.
     */
    @Test
    void statsAreTheUsersAggregateReadOnceWhateverTheirNumberOfOrders() {
        int orderCount = 1_050;
        java.util.List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch = new java.util.ArrayList<>();
        for (int i = 0; i < orderCount; i++) {
            batch.add(software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(Map.of(
                    "orderId", s(String.format("o-%05d", batch.size())), "userId", s("user-123"), "status", s("PAID"),
                    "createdAt", s(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(batch.size()).toString()),
                    "totalCents", AttributeValue.builder().n("100").build()))).build());
            if (batch.size() % 25 == 0 || i == orderCount - 1) {
                java.util.List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> chunk =
                        java.util.List.copyOf(batch.subList(batch.size() - (batch.size() % 25 == 0 ? 25 : batch.size() % 25), batch.size()));
                dynamo.batchWriteItem(b -> b.requestItems(Map.of(orders, chunk)));
            }
        }
        dynamo.putItem(b -> b.tableName(stats).item(Map.of("pk", s("USER#user-123"), "orders", n(20_000),
                "revenueCents", n(2_000_000), "orders#PAID", n(19_000), "orders#EXPIRED", n(1_000))));
        // the stats part may not touch the orders table: a Query there would fail (recentOrders degrades, stats must not)
        local.db().faults().inject(Fault.internalError().on("Query").table(orders));
        try {
            JsonNode body = invoke(new DashboardFunctions.Web(dashboards), "web-dashboard.json");
            assertEquals("{\"totalOrders\":20000,\"totalSpentCents\":2000000,\"ordersByStatus\":{\"EXPIRED\":1000,\"PAID\":19000}}",
                    body.get("stats").toString());
            assertEquals("[\"recentOrders\"]", body.get("degraded").toString());
        } finally {
            local.db().faults().clear();
        }
    }

    @Test
    void theWebFunctionNeedsTheStatsTable() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> DashboardFunctions.withStatsTable(Map.of("USERS_TABLE_NAME", "u", "ORDERS_TABLE_NAME", "o")));
        assertEquals("environment variable STATS_TABLE_NAME is required (the order statistics the web dashboard's stats part reads)",
                e.getMessage());
    }
}
