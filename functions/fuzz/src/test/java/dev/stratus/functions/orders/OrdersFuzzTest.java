package dev.stratus.functions.orders;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.functions.events.publish.Outbox;
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

/** 3,000 mutated API Gateway events against the orders service on the local DynamoDB engine. */
class OrdersFuzzTest {
    static final int PER_ROUTE = 1000;

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static GlobalSecondaryIndex index(String name, String hash, String range, ProjectionType projection) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(hash, KeyType.HASH), key(range, KeyType.RANGE))
                .projection(Projection.builder().projectionType(projection).build()).build();
    }

    @Test
    void hostileEventsNeverYield5xxNorWriteWhenRejected() throws java.io.IOException {
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            dynamo.createTable(b -> b.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("orderId"), Tables.stringAttribute("userId"),
                            Tables.stringAttribute("status"), Tables.stringAttribute("createdAt"),
                            Tables.stringAttribute("outbox"), Tables.stringAttribute("eventTime"))
                    .keySchema(key("orderId", KeyType.HASH))
                    .globalSecondaryIndexes(index(OrderTable.USER_INDEX, "userId", "createdAt", ProjectionType.ALL),
                            index(OrderTable.STATUS_INDEX, "status", "createdAt", ProjectionType.KEYS_ONLY),
                            index(Outbox.INDEX, "outbox", "eventTime", ProjectionType.ALL)));
            dynamo.createTable(b -> b.tableName("products").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(Tables.stringAttribute("productId")).keySchema(key("productId", KeyType.HASH)));
            for (String[] p : new String[][] {{"espresso", "250"}, {"croissant", "190"}}) {
                dynamo.putItem(b -> b.tableName("products").item(Map.of("productId", AttributeValue.builder().s(p[0]).build(),
                        "name", AttributeValue.builder().s(p[0]).build(), "priceCents", AttributeValue.builder().n(p[1]).build())));
            }
            AtomicInteger published = new AtomicInteger();
            // the first order gets the id the get-order fixture asks for, so that reads can succeed
            java.util.Iterator<String> firstId = List.of("order-1").iterator();
            OrdersFunction function = new OrdersFunction(dynamo, Map.of("ORDERS_TABLE_NAME", "orders", "PRODUCTS_TABLE_NAME", "products"),
                    Instant::now, () -> firstId.hasNext() ? firstId.next() : UUID.randomUUID().toString(),
                    event -> published.incrementAndGet(),
                    new PageTokens("a page token key of thirty-two bytes or more".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    new dev.stratus.functions.testing.FakeContext(10_000).getLogger());
            java.io.ByteArrayOutputStream created = new java.io.ByteArrayOutputStream();
            function.handleRequest(new java.io.ByteArrayInputStream(Mutator.fixture("create-order.json").toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)), created, new dev.stratus.functions.testing.FakeContext(10_000));
            assertTrue(created.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\"statusCode\":201"), created.toString());
            Mutator mutator = new Mutator(FuzzHarness.SEED + 1);
            FuzzHarness fuzz = new FuzzHarness(local::changeCount, published::get, false);
            for (String fixture : List.of("create-order.json", "get-order.json", "list-orders.json")) {
                ObjectNode base = Mutator.fixture(fixture);
                for (int i = 0; i < PER_ROUTE; i++) {
                    fuzz.http(fixture, function, mutator.httpEvent(base));
                }
            }
            System.out.println("FUZZ orders: " + 3 * PER_ROUTE + " events, outcomes " + fuzz.outcomes());
            fuzz.requireHttpMix();
            assertTrue(fuzz.failures().isEmpty(), String.join("\n", fuzz.failures()));
        }
    }
}
