package dev.stratus.functions.bff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stratus.functions.fuzz.FuzzHarness;
import dev.stratus.functions.fuzz.Mutator;
import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/** 2,000 mutated API Gateway events against both dashboards, which only read. */
class DashboardsFuzzTest {
    static final int PER_ROUTE = 1000;

    @Test
    void hostileEventsNeverYield5xxNorWriteAnything() {
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            dynamo.createTable(b -> b.tableName("users").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("pk"))
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            dynamo.createTable(b -> b.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("orderId"), Tables.stringAttribute("userId"),
                            Tables.stringAttribute("createdAt"))
                    .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(OrderTable.USER_INDEX)
                            .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build(),
                                    KeySchemaElement.builder().attributeName("createdAt").keyType(KeyType.RANGE).build())
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
            dynamo.createTable(b -> b.tableName("notifications").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("userId"), Tables.stringAttribute("notificationId"))
                    .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("notificationId").keyType(KeyType.RANGE).build()));
            dynamo.putItem(b -> b.tableName("users").item(Map.of("pk", AttributeValue.builder().s("USER#user-123").build(),
                    "id", AttributeValue.builder().s("user-123").build(), "name", AttributeValue.builder().s("Ada").build())));
            dynamo.createTable(b -> b.tableName("order-stats").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("pk"))
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            TableReaders readers = new TableReaders(dynamo, "users", "orders", "notifications", "order-stats");
            try (Dashboards dashboards = new Dashboards(readers, readers, readers,
                    new DashboardSettings(Duration.ofSeconds(2), 5, Duration.ofSeconds(30)), Instant::now)) {
                Mutator mutator = new Mutator(FuzzHarness.SEED + 2);
                // the dashboards only read: any write at all fails the run; they publish nothing
                FuzzHarness fuzz = new FuzzHarness(local::changeCount, () -> 0, true);
                Map<String, dev.stratus.functions.http.HttpFunction> handlers = Map.of(
                        "web-dashboard.json", new DashboardFunctions.Web(dashboards),
                        "mobile-dashboard.json", new DashboardFunctions.Mobile(dashboards));
                for (String fixture : List.of("web-dashboard.json", "mobile-dashboard.json")) {
                    for (int i = 0; i < PER_ROUTE; i++) {
                        fuzz.http(fixture, handlers.get(fixture), mutator.httpEvent(Mutator.fixture(fixture)));
                    }
                }
                System.out.println("FUZZ dashboards: " + 2 * PER_ROUTE + " events, outcomes " + fuzz.outcomes());
                fuzz.requireHttpMix();
                assertTrue(fuzz.failures().isEmpty(), String.join("\n", fuzz.failures()));
            }
        }
    }
}
