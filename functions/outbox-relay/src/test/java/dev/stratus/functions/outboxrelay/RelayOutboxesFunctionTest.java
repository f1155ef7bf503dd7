package dev.stratus.functions.outboxrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The relay over two producers' outboxes in the local DynamoDB engine; EventBridge is a recording stand-in. */
class RelayOutboxesFunctionTest {
    final List<EventEnvelope> published = new CopyOnWriteArrayList<>();
    final AtomicBoolean busDown = new AtomicBoolean();
    final EventPublisher publisher = event -> {
        if (busDown.get()) {
            throw new IllegalStateException("EventBridge is unreachable");
        }
        published.add(event);
    };

    static void table(DynamoDbClient dynamo, String name, String key) {
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute(key), Tables.stringAttribute("outbox"),
                        Tables.stringAttribute("eventTime"))
                .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(Outbox.INDEX)
                        .keySchema(KeySchemaElement.builder().attributeName("outbox").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("eventTime").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
    }

    String run(RelayOutboxesFunction relay) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        relay.handleRequest(new ByteArrayInputStream("{}".getBytes()), out, new FakeContext(60_000));
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void publishesWhatEveryOutboxHoldsAndEmptiesThem() throws Exception {
        try (LocalDynamoDb local = LocalDynamoDb.start(); DynamoDbClient dynamo = local.client()) {
            table(dynamo, "users", "pk");
            table(dynamo, "orders", "orderId");
            EventEnvelope created = EventEnvelope.of("user.created", "stratus.users", 1, Map.of("userId", "u-1"));
            EventEnvelope placed = EventEnvelope.of("order.placed", "stratus.orders", 1, Map.of("orderId", "o-1"));
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(new Outbox(dynamo, "users", "pk", publisher).put(created)).build(),
                    TransactWriteItem.builder().put(new Outbox(dynamo, "orders", "orderId", publisher).put(placed)).build()));
            RelayOutboxesFunction relay = new RelayOutboxesFunction(dynamo, Map.of("OUTBOX_TABLES", "users:pk, orders:orderId"), publisher);

            busDown.set(true);
            assertEquals("{\"relayed\":0,\"failed\":2}", run(relay));
            busDown.set(false);
            assertEquals("{\"relayed\":2,\"failed\":0}", run(relay));
            assertEquals(List.of(created, placed), published);
            assertEquals(List.of(), Tables.scanAll(dynamo, "users", "pk"));
            assertEquals(List.of(), Tables.scanAll(dynamo, "orders", "orderId"));
            assertEquals("{\"relayed\":0,\"failed\":0}", run(relay));
        }
    }

    @Test
    void failsAtInitOnABadTableList() {
        assertEquals("OUTBOX_TABLES entry 'users' is not table:keyAttribute", assertThrows(IllegalStateException.class,
                () -> new RelayOutboxesFunction(null, Map.of("OUTBOX_TABLES", "users"), publisher)).getMessage());
        assertEquals("environment variable OUTBOX_TABLES is required (table:keyAttribute, comma-separated)",
                assertThrows(IllegalStateException.class, () -> new RelayOutboxesFunction(null, Map.of(), publisher)).getMessage());
    }
}
