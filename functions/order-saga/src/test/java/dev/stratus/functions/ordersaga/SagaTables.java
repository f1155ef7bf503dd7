package dev.stratus.functions.ordersaga;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.Tables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

/**
 * The saga's tables on the local DynamoDB engine, as the data stack defines them (orders with its
 * indexes, products, payments), fresh names per test, with orders placed as the orders service writes
 * them and products with stock; and a publisher standing in for EventBridge that records what it is given.
 */
final class SagaTables {
    private static final AtomicInteger COUNT = new AtomicInteger();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    static final String EXECUTION = "arn:aws:states:eu-central-1:111111111111:execution:Stratus-dev-Events-OrderSaga:first";
    static final String OTHER_EXECUTION = "arn:aws:states:eu-central-1:111111111111:execution:Stratus-dev-Events-OrderSaga:second";

    final DynamoDbClient dynamo;
    final String orders;
    final String products;
    final String payments;
    final List<EventEnvelope> published = new CopyOnWriteArrayList<>();
    final AtomicBoolean busDown = new AtomicBoolean();
    final EventPublisher publisher = event -> {
        if (busDown.get()) {
            throw new IllegalStateException("EventBridge is unreachable");
        }
        published.add(event);
    };
    final FakeContext context = new FakeContext(10_000);

    SagaTables(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        int n = COUNT.incrementAndGet();
        this.orders = "orders-" + n;
        this.products = "products-" + n;
        this.payments = "payments-" + n;
        dynamo.createTable(b -> b.tableName(orders).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("orderId"), Tables.stringAttribute("userId"),
                        Tables.stringAttribute("status"), Tables.stringAttribute("createdAt"),
                        Tables.stringAttribute("outbox"), Tables.stringAttribute("eventTime"))
                .keySchema(key("orderId", KeyType.HASH))
                .globalSecondaryIndexes(
                        index(OrderTable.USER_INDEX, "userId", "createdAt", ProjectionType.ALL),
                        index(OrderTable.STATUS_INDEX, "status", "createdAt", ProjectionType.KEYS_ONLY),
                        index(Outbox.INDEX, "outbox", "eventTime", ProjectionType.ALL)));
        dynamo.createTable(b -> b.tableName(products).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("productId")).keySchema(key("productId", KeyType.HASH)));
        dynamo.createTable(b -> b.tableName(payments).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("pk")).keySchema(key("pk", KeyType.HASH)));
    }

    Map<String, String> env() {
        return Map.of("ORDERS_TABLE_NAME", orders, "PRODUCTS_TABLE_NAME", products, "PAYMENTS_TABLE_NAME", payments,
                "EVENT_BUS_NAME", "stratus-test");
    }

    Outbox outbox() {
        return new Outbox(dynamo, orders, "orderId", publisher, context.getLogger());
    }

    void product(String id, long priceCents, Long stock) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("productId", s(id));
        item.put("name", s(id));
        item.put("priceCents", n(priceCents));
        if (stock != null) {
            item.put("stock", n(stock));
        }
        dynamo.putItem(b -> b.tableName(products).item(item));
    }

    /** A PENDING order of {@code userId} with {@code lines} (product id, quantity), priced at 250 cents a unit. */
    void order(String orderId, String userId, Object... lines) {
        List<AttributeValue> items = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < lines.length; i += 2) {
            long quantity = ((Number) lines[i + 1]).longValue();
            total += 250 * quantity;
            items.add(AttributeValue.builder().m(Map.of("productId", s((String) lines[i]), "name", s((String) lines[i]),
                    "quantity", n(quantity), "unitPriceCents", n(250), "lineTotalCents", n(250 * quantity))).build());
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("orderId", s(orderId));
        item.put("userId", s(userId));
        item.put("status", s(OrderTable.PENDING));
        item.put("createdAt", s("2026-11-22T09:00:00.000Z"));
        item.put("lines", AttributeValue.builder().l(items).build());
        item.put("totalCents", n(total));
        item.put("currency", s("EUR"));
        dynamo.putItem(b -> b.tableName(orders).item(item));
    }

    Map<String, AttributeValue> item(String table, String keyName, String key) {
        return dynamo.getItem(b -> b.tableName(table).key(Map.of(keyName, s(key))).consistentRead(true)).item();
    }

    Map<String, AttributeValue> order(String orderId) {
        return item(orders, "orderId", orderId);
    }

    String status(String orderId) {
        return order(orderId).get("status").s();
    }

    long stock(String productId) {
        return Long.parseLong(item(products, "productId", productId).get("stock").n());
    }

    /** The outbox items left in the orders table (events not published). */
    long outboxItems() {
        return Tables.scanAll(dynamo, orders, "orderId").stream().filter(i -> i.get("orderId").s().startsWith(Outbox.KEY_PREFIX)).count();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static GlobalSecondaryIndex index(String name, String partition, String sort, ProjectionType projection) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(key(partition, KeyType.HASH), key(sort, KeyType.RANGE))
                .projection(Projection.builder().projectionType(projection).build()).build();
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
