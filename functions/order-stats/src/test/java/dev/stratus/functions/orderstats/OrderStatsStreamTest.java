package dev.stratus.functions.orderstats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.functions.orders.model.OrderStatsTable;
import dev.stratus.functions.testing.FakeContext;
import dev.stratus.functions.testing.Tables;
import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The stream processor on the local engine's DynamoDB Streams: orders written, changed and deleted
 * through the real SDK, GetRecords batches turned into Lambda's event JSON ({@link StreamPoller}),
 * and the statistics compared with what the orders table holds at the end.
 */
class OrderStatsStreamTest {
    @RegisterExtension
    static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create().resetAfterEach();

    static final String ORDERS = "orders";
    static final String STATS = "order-stats";
    DynamoDbClient dynamo;
    LocalDynamoDb db;
    String streamArn;

    @BeforeEach
    void tables(DynamoDbClient dynamo, LocalDynamoDb db) {
        this.dynamo = dynamo;
        this.db = db;
        streamArn = dynamo.createTable(b -> b.tableName(ORDERS).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("orderId"))
                .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()))
                .tableDescription().latestStreamArn();
        dynamo.createTable(b -> b.tableName(STATS).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(Tables.stringAttribute("pk"))
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    }

    StreamPoller poller(int batchSize, int retryAttempts) {
        return new StreamPoller(db.streamsClient(), streamArn, new OrderStatsFunction(dynamo, Map.of("STATS_TABLE_NAME", STATS)),
                batchSize, retryAttempts);
    }

    static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }

    void putOrder(String id, String user, String status, long cents, String day) {
        dynamo.putItem(b -> b.tableName(ORDERS).item(order(id, user, status, cents, day)));
    }

    static Map<String, AttributeValue> order(String id, String user, String status, long cents, String day) {
        return Map.of("orderId", s(id), "userId", s(user), "status", s(status), "totalCents", n(cents),
                "createdAt", s(day + "T10:00:00.000Z"), "currency", s("EUR"));
    }

    void setStatus(String id, String status) {
        dynamo.updateItem(b -> b.tableName(ORDERS).key(Map.of("orderId", s(id))).updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(Map.of(":s", s(status))));
    }

    /** The orders service's way: the order and its outbox event in one transaction; the outbox item is no order. */
    void placeWithOutbox(String id, String user, long cents, String day) {
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(ORDERS).item(order(id, user, "PENDING", cents, day)).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(ORDERS).item(Map.of("orderId", s("EVENT#" + id),
                        "outbox", s("PENDING"), "eventTime", s(day + "T10:00:00.000000000Z"), "userId", s(user),
                        "payload", s("{\"type\":\"order.placed\"}"))).build()).build()));
    }

    /** What the statistics must say, computed from the orders table as it is: aggregate key -> attribute -> value. */
    Map<String, Map<String, Long>> expected() {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (Map<String, AttributeValue> item : Tables.scanAll(dynamo, ORDERS, "orderId")) {
            String id = item.get("orderId").s();
            if (id.startsWith("EVENT#") || !item.containsKey("userId") || id.startsWith("POISON")) {
                continue;
            }
            long cents = Long.parseLong(item.get("totalCents").n());
            String status = item.get("status").s();
            for (String key : List.of("USER#" + item.get("userId").s(), "DAY#" + item.get("createdAt").s().substring(0, 10))) {
                Map<String, Long> agg = expected.computeIfAbsent(key, k -> new TreeMap<>());
                agg.merge("orders", 1L, Long::sum);
                agg.merge("revenueCents", cents, Long::sum);
                agg.merge("orders#" + status, 1L, Long::sum);
                agg.merge("revenueCents#" + status, cents, Long::sum);
            }
        }
        return expected;
    }

    /** The aggregates in the statistics table, zero values left out (a status whose orders all moved on). */
    Map<String, Map<String, Long>> actual() {
        Map<String, Map<String, Long>> actual = new TreeMap<>();
        for (Map<String, AttributeValue> item : Tables.scanAll(dynamo, STATS, "pk")) {
            String pk = item.get("pk").s();
            if (!pk.startsWith(OrderStatsTable.USER_PREFIX) && !pk.startsWith(OrderStatsTable.DAY_PREFIX)) {
                continue;
            }
            Map<String, Long> agg = new TreeMap<>();
            item.forEach((name, value) -> {
                if (!name.equals("pk") && Long.parseLong(value.n()) != 0) {
                    agg.put(name, Long.parseLong(value.n()));
                }
            });
            if (!agg.isEmpty()) {
                actual.put(pk, agg);
            }
        }
        return actual;
    }

    long markers() {
        return Tables.scanAll(dynamo, STATS, "pk").stream().filter(i -> i.get("pk").s().startsWith("RECORD#")).count();
    }

    /** 40 orders of 3 users over 2 days (half with outbox events), 12 expired, 3 repriced, 6 deleted, and Idempotency-Key records. */
    int busyDay() {
        int changes = 0;
        for (int i = 0; i < 40; i++) {
            String day = i % 2 == 0 ? "2026-11-24" : "2026-11-25";
            if (i % 2 == 0) {
                placeWithOutbox("o" + i, "u" + (i % 3), 100 + i, day);
            } else {
                putOrder("o" + i, "u" + (i % 3), "PENDING", 100 + i, day);
            }
            changes++;
        }
        for (int i = 0; i < 12; i++) {
            setStatus("o" + i, "EXPIRED");
            changes++;
        }
        for (int i = 20; i < 23; i++) {
            int at = i;
            dynamo.updateItem(b -> b.tableName(ORDERS).key(Map.of("orderId", s("o" + at))).updateExpression("SET totalCents = :c")
                    .expressionAttributeValues(Map.of(":c", n(999))));
            changes++;
        }
        for (int i = 30; i < 36; i++) {
            int at = i;
            dynamo.deleteItem(b -> b.tableName(ORDERS).key(Map.of("orderId", s("o" + at))));
            changes++;
        }
        // the outbox relay deletes published events; Idempotency-Key records come and go: none is an order
        for (int i = 0; i < 10; i += 2) {
            int at = i;
            dynamo.deleteItem(b -> b.tableName(ORDERS).key(Map.of("orderId", s("EVENT#o" + at))));
        }
        dynamo.putItem(b -> b.tableName(ORDERS).item(Map.of("orderId", s("IDEMPOTENCY#abc"), "requestHash", s("h"),
                "response", s("{}"), "expiresAt", n(1))));
        dynamo.deleteItem(b -> b.tableName(ORDERS).key(Map.of("orderId", s("IDEMPOTENCY#abc"))));
        return changes;
    }

    @Test
    void everyInsertModifyAndRemoveIsCountedExactlyOnceAndOutboxItemsNotAtAll() {
        int orderChanges = busyDay();
        StreamPoller poller = poller(7, 3);
        int read = poller.drain();

        // 61 order changes, 20 outbox puts, 5 outbox deletes, 2 Idempotency-Key records
        assertEquals(orderChanges + 20 + 5 + 2, read);
        assertEquals(expected(), actual());
        assertEquals(orderChanges, markers(), "one marker per applied order record, none for the others");
        assertEquals(List.of(), poller.failureQueue);
        // u0: orders 0, 3, ..., 39 less the deleted 30 and 33; 0-9 expired; 21 repriced to 999
        assertEquals(Map.of("orders", 12L, "orders#EXPIRED", 4L, "orders#PENDING", 8L, "revenueCents", 2288L,
                "revenueCents#EXPIRED", 418L, "revenueCents#PENDING", 1870L), actual().get("USER#u0"));
    }

    @Test
    void aRedeliveredBatchWritesNothingAlsoWhenAnOlderRecordComesAfterANewerOne() {
        putOrder("o1", "u1", "PENDING", 500, "2026-11-25");
        setStatus("o1", "EXPIRED");
        StreamPoller poller = poller(100, 3);
        poller.drain();
        Map<String, Map<String, Long>> once = actual();
        List<Record> batch = List.copyOf(poller.delivered);
        long writes = db.changeCount();

        assertEquals(null, poller.invoke(batch));                 // the whole batch again
        assertEquals(null, poller.invoke(batch.subList(0, 1)));   // the INSERT alone after its MODIFY, as a bisected retry sends it
        assertEquals(once, actual());
        assertEquals(writes, db.changeCount(), "a redelivered record writes nothing");
        assertEquals(Map.of("orders", 1L, "orders#EXPIRED", 1L, "revenueCents", 500L, "revenueCents#EXPIRED", 500L), once.get("USER#u1"));
        assertTrue(poller.context.lines.stream().anyMatch(l -> l.contains("\"already_applied\":2")), poller.context.lines.toString());
    }

    @Test
    void aPoisonRecordFailsItsRetriesGoesToTheFailureQueueAndTheRestIsCountedOnce() {
        putOrder("o1", "u1", "PENDING", 100, "2026-11-25");
        dynamo.putItem(b -> b.tableName(ORDERS).item(Map.of("orderId", s("POISON1"), "userId", s("u1"), "status", s("PENDING"),
                "createdAt", s("2026-11-25T10:00:00.000Z"), "totalCents", s("a hundred"))));
        putOrder("o2", "u1", "PENDING", 200, "2026-11-25");
        setStatus("o1", "EXPIRED");
        StreamPoller poller = poller(10, 2);
        poller.drain();

        assertEquals(List.of("POISON1"), poller.failureQueue.stream().map(r -> r.dynamodb().keys().get("orderId").s()).toList());
        // the batch, then the retries from the poison record: the first attempt and two retries fail on it
        assertEquals(4, poller.invocations);
        assertEquals(expected(), actual());
        assertEquals(3, markers());
        assertTrue(poller.context.lines.stream().anyMatch(l -> l.contains("order POISON1 cannot be counted: totalCents is not a number")),
                poller.context.lines.toString());
    }

    @Test
    void aFailedWriteIsRetriedFromThatRecordAndTheRecordsBeforeItAreNotCountedAgain() {
        for (int i = 0; i < 5; i++) {
            putOrder("o" + i, "u1", "PENDING", 100, "2026-11-25");
        }
        // a transaction conflict (the SDK does not retry it): the third order's first invocation fails, its retry succeeds
        db.faults().inject(Fault.transactionConflict().on("TransactWriteItems").after(2).times(1));
        StreamPoller poller = poller(10, 5);
        poller.drain();

        assertEquals(List.of(), poller.failureQueue);
        assertEquals(2, poller.invocations);
        assertEquals(expected(), actual());
        assertEquals(Map.of("orders", 5L, "orders#PENDING", 5L, "revenueCents", 500L, "revenueCents#PENDING", 500L), actual().get("USER#u1"));
    }

    @Test
    void theBackfillAndTheStreamCountEachOrderOnceWhicheverComesFirst() throws Exception {
        // orders from before the processor; the stream starts later (their records are gone), then changes come
        putOrder("old1", "u1", "PENDING", 100, "2026-11-20");
        putOrder("old2", "u1", "PENDING", 200, "2026-11-20");
        StreamPoller poller = poller(10, 3);
        poller.drain();                                       // as if these records had left the stream:
        Tables.scanAll(dynamo, STATS, "pk").forEach(i -> dynamo.deleteItem(b -> b.tableName(STATS).key(Map.of("pk", i.get("pk")))));
        setStatus("old1", "EXPIRED");                         // the processor will see this before the backfill ran
        putOrder("new1", "u1", "PENDING", 300, "2026-11-25");
        poller.drain();

        Map<String, Long> counts = new Backfill(dynamo, ORDERS, STATS).run(2);
        assertEquals(1L, counts.get("applied"), counts.toString());          // old2: only the backfill knows it
        assertEquals(2L, counts.get("already_counted"), counts.toString());  // old1 and new1: the stream counted them
        setStatus("old2", "EXPIRED");
        poller.drain();
        assertEquals(0L, new Backfill(dynamo, ORDERS, STATS).run(2).get("applied"));   // a second run adds nothing
        assertEquals(expected(), actual());
        assertEquals(Map.of("orders", 3L, "orders#EXPIRED", 2L, "orders#PENDING", 1L, "revenueCents", 600L,
                "revenueCents#EXPIRED", 300L, "revenueCents#PENDING", 300L), actual().get("USER#u1"));
    }

    @Test
    void anInvocationThatIsNoStreamEventFailsWhole() {
        OrderStatsFunction function = new OrderStatsFunction(dynamo, Map.of("STATS_TABLE_NAME", STATS));
        for (String event : List.of("not json", "{\"Records\": 5}", "{\"Records\": [{\"eventID\": \"x\", \"dynamodb\": {}}]}")) {
            assertThrows(IllegalArgumentException.class, () -> function.handleRequest(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), new FakeContext(1000)), event);
        }
        assertThrows(IllegalStateException.class, () -> new OrderStatsFunction(dynamo, Map.of()));
    }

    @Test
    void theCountsOfTheReadmeExample() {
        List<String> days = new ArrayList<>(List.of("2026-11-25"));
        putOrder("o1", "u9", "PENDING", 1250, days.get(0));
        poller(10, 1).drain();
        assertEquals(Map.of("orders", 1L, "orders#PENDING", 1L, "revenueCents", 1250L, "revenueCents#PENDING", 1250L),
                actual().get("DAY#2026-11-25"));
    }
}
