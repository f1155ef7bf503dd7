package dev.stratus.local.dynamodb.internal.ops;

import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.createTable;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.fails;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.filler;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.invalid;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.item;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.n;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.putAll;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.LocalDynamoDb;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchGetItem and BatchWriteItem through the SDK: limits, refusals that write nothing, the 16 MB cap, unprocessed faults. */
class BatchTest {
    @RegisterExtension
    static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create();
    private static LocalDynamoDb db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = DYNAMO.db();
        dynamo = DYNAMO.client();
        createTable(dynamo, "b_one", "pk", ScalarAttributeType.S, null, null);
        createTable(dynamo, "b_two", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    @AfterEach
    void clearFaults() {
        db.faults().clear();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    private static Map<String, AttributeValue> one(String pk) {
        return item("pk", s(pk));
    }

    private static Map<String, AttributeValue> two(String pk, int sk) {
        return item("pk", s(pk), "sk", n(sk));
    }

    private static Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
    }

    private static boolean exists(String table, Map<String, AttributeValue> key) {
        return dynamo.getItem(b -> b.tableName(table).key(key)).hasItem();
    }

    private static BatchWriteItemResponse write(Map<String, List<WriteRequest>> requests) {
        return dynamo.batchWriteItem(b -> b.requestItems(requests));
    }

    private static KeysAndAttributes keys(List<Map<String, AttributeValue>> keys) {
        return KeysAndAttributes.builder().keys(keys).build();
    }

    private static List<Map<String, AttributeValue>> sorted(List<Map<String, AttributeValue>> items) {
        List<Map<String, AttributeValue>> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("pk").s())
                .thenComparing(i -> i.containsKey("sk") ? Integer.parseInt(i.get("sk").n()) : 0));
        return copy;
    }

    // ------------------------------------------------------------------------------------- writes

    @Test
    void writesAndReadsTwentyFiveItemsAcrossTables() {
        List<WriteRequest> ones = new ArrayList<>();
        List<Map<String, AttributeValue>> oneItems = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, AttributeValue> item = item("pk", s("w" + i), "v", n(i));
            oneItems.add(item);
            ones.add(put(item));
        }
        List<WriteRequest> twos = new ArrayList<>();
        List<Map<String, AttributeValue>> twoItems = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            Map<String, AttributeValue> item = item("pk", s("w"), "sk", n(i), "v", s("v" + i));
            twoItems.add(item);
            twos.add(put(item));
        }
        BatchWriteItemResponse written = write(Map.of("b_one", ones, "b_two", twos));
        assertEquals(Map.of(), written.unprocessedItems());
        assertTrue(written.hasUnprocessedItems(), "UnprocessedItems is always present");
        assertFalse(written.hasConsumedCapacity());
        for (Map<String, AttributeValue> item : oneItems) {
            assertEquals(item, get("b_one", one(item.get("pk").s())));
        }

        List<Map<String, AttributeValue>> oneKeys = new ArrayList<>();
        oneItems.forEach(i -> oneKeys.add(one(i.get("pk").s())));
        oneKeys.add(one("w-missing"));
        List<Map<String, AttributeValue>> twoKeys = new ArrayList<>();
        twoItems.forEach(i -> twoKeys.add(two("w", Integer.parseInt(i.get("sk").n()))));
        twoKeys.add(two("w", 99));
        BatchGetItemResponse read = dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", keys(oneKeys), "b_two", keys(twoKeys))));
        assertEquals(sorted(oneItems), sorted(read.responses().get("b_one")));
        assertEquals(sorted(twoItems), sorted(read.responses().get("b_two")));
        assertEquals(2, read.responses().size());
        assertEquals(Map.of(), read.unprocessedKeys());
        assertTrue(read.hasUnprocessedKeys(), "UnprocessedKeys is always present");
    }

    @Test
    void putsReplaceAndDeletesRemove() {
        putAll(dynamo, "b_one", List.of(item("pk", s("m1"), "v", n(1)), item("pk", s("m2"), "v", n(2))));
        BatchWriteItemResponse response = write(Map.of("b_one", List.of(put(item("pk", s("m1"), "v", n(10))), delete(one("m2")),
                delete(one("m-never")), put(item("pk", s("m3"), "v", n(3))))));
        assertEquals(Map.of(), response.unprocessedItems());
        assertEquals(item("pk", s("m1"), "v", n(10)), get("b_one", one("m1")));
        assertFalse(exists("b_one", one("m2")));
        assertFalse(exists("b_one", one("m-never")));
        assertEquals(item("pk", s("m3"), "v", n(3)), get("b_one", one("m3")));
    }

    @Test
    void refusesMoreThanTwentyFiveWritesAndWritesNothing() {
        List<WriteRequest> ones = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            ones.add(put(one("many1-" + i)));
        }
        List<WriteRequest> twos = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            twos.add(put(two("many2", i)));
        }
        invalid("Too many items requested for the BatchWriteItem call", () -> write(Map.of("b_one", ones, "b_two", twos)));
        assertFalse(exists("b_one", one("many1-0")));
        assertFalse(exists("b_two", two("many2", 0)));

        List<WriteRequest> tooMany = new ArrayList<>();
        StringBuilder shown = new StringBuilder("[");
        for (int i = 0; i < 26; i++) {
            tooMany.add(put(one("k" + i)));
            shown.append(i == 0 ? "" : ",").append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"k").append(i).append("\"}}}}");
        }
        shown.append("]");
        invalid("1 validation error detected: Value '" + shown + "' at 'requestItems.b_one.member' failed to satisfy constraint: "
                + "Member must have length less than or equal to 25", () -> write(Map.of("b_one", tooMany)));
        invalid("1 validation error detected: Value '[]' at 'requestItems.b_one.member' failed to satisfy constraint: Member must "
                + "have length greater than or equal to 1", () -> write(Map.of("b_one", List.of())));
        invalid("1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length "
                + "greater than or equal to 1", () -> write(Map.of()));
        invalid("1 validation error detected: Value 'ab' at 'requestItems' failed to satisfy constraint: Map keys must satisfy "
                + "constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, "
                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]", () -> write(Map.of("ab", List.of(put(one("x"))))));
    }

    @Test
    void refusesDuplicateKeysAndWritesNothing() {
        String duplicates = "Provided list of item keys contains duplicates";
        invalid(duplicates, () -> write(Map.of("b_one", List.of(put(one("dup")), put(item("pk", s("dup"), "v", n(1)))))));
        invalid(duplicates, () -> write(Map.of("b_one", List.of(put(one("dup")), delete(one("dup"))))));
        invalid(duplicates, () -> write(Map.of("b_one", List.of(put(one("dup-other"))),
                "b_two", List.of(delete(two("dup", 1)), put(item("pk", s("dup"), "sk", n("1.0"), "v", n(2)))))));
        assertFalse(exists("b_one", one("dup")));
        assertFalse(exists("b_one", one("dup-other")));
        // the same key in two tables is no duplicate
        assertEquals(Map.of(), write(Map.of("b_one", List.of(put(one("dup"))), "b_two", List.of(put(item("pk", s("dup"), "sk", n(1))))))
                .unprocessedItems());
    }

    @Test
    void refusesABadItemAndWritesNothing() {
        String schema = "The provided key element does not match the schema";
        Map<String, List<WriteRequest>> missingKey = new LinkedHashMap<>();
        missingKey.put("b_one", List.of(put(one("bad-ok"))));
        missingKey.put("b_two", List.of(put(item("pk", s("bad")))));
        invalid(schema, () -> write(missingKey));
        invalid(schema, () -> write(Map.of("b_one", List.of(put(one("bad-ok")), put(item("pk", n(1)))))));
        invalid(schema, () -> write(Map.of("b_one", List.of(put(one("bad-ok")), delete(item("pk", s("x"), "sk", n(1)))))));
        invalid(schema, () -> write(Map.of("b_two", List.of(delete(one("x"))))));
        invalid("Item size has exceeded the maximum allowed size",
                () -> write(Map.of("b_one", List.of(put(one("bad-ok")), put(item("pk", s("bad-big"), "data", s(filler(400 * 1024))))))));
        invalid("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string "
                + "value. Key: pk", () -> write(Map.of("b_one", List.of(put(one("bad-ok")), put(one(""))))));
        fails("ResourceNotFoundException", "Requested resource not found: Table: b_none not found",
                () -> write(Map.of("b_one", List.of(put(one("bad-ok"))), "b_none", List.of(put(one("x"))))));
        assertFalse(exists("b_one", one("bad-ok")));
    }

    @Test
    void refusesMalformedWriteRequests() {
        String oneOf = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";
        invalid(oneOf, () -> write(Map.of("b_one", List.of(WriteRequest.builder().build()))));
        invalid(oneOf, () -> write(Map.of("b_one", List.of(WriteRequest.builder().putRequest(p -> p.item(one("a")))
                .deleteRequest(d -> d.key(one("a"))).build()))));
        invalid("1 validation error detected: Value null at 'requestItems.b_one.member.putRequest.item' failed to satisfy constraint: "
                + "Member must not be null", () -> write(Map.of("b_one", List.of(WriteRequest.builder().putRequest(p -> { }).build()))));
        invalid("ReturnItemCollectionMetrics SIZE is not supported by the local DynamoDB engine (stratus-local)",
                () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of("b_one", List.of(put(one("a")))))
                        .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)));
        assertFalse(exists("b_one", one("a")));
        assertEquals(Map.of(), dynamo.batchWriteItem(b -> b.requestItems(Map.of("b_one", List.of(put(one("a")))))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.NONE)).unprocessedItems());
    }

    @Test
    void reportsWriteCapacityPerTable() {
        BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .requestItems(Map.of("b_one", List.of(put(one("cap1")), put(item("pk", s("cap2"), "data", s(filler(1500)))),
                        delete(one("cap-none"))), "b_two", List.of(put(two("cap", 1))))));
        Map<String, Double> units = new LinkedHashMap<>();
        for (ConsumedCapacity capacity : response.consumedCapacity()) {
            units.put(capacity.tableName(), capacity.capacityUnits());
        }
        // 1 + 2 (1.5 KB rounds up) + 1 for the delete; 1
        assertEquals(Map.of("b_one", 4.0, "b_two", 1.0), units);
        assertEquals(2, response.consumedCapacity().size());
    }

    // -------------------------------------------------------------------------------------- reads

    @Test
    void refusesBadBatchGets() {
        List<Map<String, AttributeValue>> sixty = new ArrayList<>();
        List<Map<String, AttributeValue>> fortyOne = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sixty.add(one("g" + i));
        }
        for (int i = 0; i < 41; i++) {
            fortyOne.add(two("g", i));
        }
        invalid("Too many items requested for the BatchGetItem call",
                () -> dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", keys(sixty), "b_two", keys(fortyOne)))));
        fortyOne.remove(40);
        assertEquals(2, dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", keys(sixty), "b_two", keys(fortyOne))))
                .responses().size());
        List<Map<String, AttributeValue>> tooMany = new ArrayList<>();
        StringBuilder shown = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            tooMany.add(one("k" + i));
            shown.append(i == 0 ? "" : ",").append("{\"pk\":{\"S\":\"k").append(i).append("\"}}");
        }
        shown.append("]");
        invalid("1 validation error detected: Value '" + shown + "' at 'requestItems.b_one.member.keys' failed to satisfy constraint: "
                + "Member must have length less than or equal to 100",
                () -> dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", keys(tooMany)))));
        invalid("1 validation error detected: Value '[]' at 'requestItems.b_one.member.keys' failed to satisfy constraint: Member must "
                + "have length greater than or equal to 1", () -> dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", keys(List.of())))));
        invalid("1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length "
                + "greater than or equal to 1", () -> dynamo.batchGetItem(b -> b.requestItems(Map.of())));
        invalid("Provided list of item keys contains duplicates",
                () -> dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", keys(List.of(one("a"), one("b"), one("a")))))));
        invalid("The provided key element does not match the schema",
                () -> dynamo.batchGetItem(b -> b.requestItems(Map.of("b_two", keys(List.of(one("a")))))));
        invalid("The provided key element does not match the schema",
                () -> dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", keys(List.of(item("pk", n(1))))))));
        fails("ResourceNotFoundException", "Requested resource not found: Table: b_none not found",
                () -> dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", keys(List.of(one("a"))), "b_none", keys(List.of(one("a")))))));
        invalid("The parameter AttributesToGet of BatchGetItem is not supported by the local DynamoDB engine (stratus-local)",
                () -> dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", KeysAndAttributes.builder().keys(one("a"))
                        .attributesToGet("pk").build()))));
        invalid("ExpressionAttributeNames can only be specified when using expressions",
                () -> dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", KeysAndAttributes.builder().keys(one("a"))
                        .expressionAttributeNames(Map.of("#p", "pk")).build()))));
    }

    @Test
    void aProjectionAppliesPerTable() {
        putAll(dynamo, "b_one", List.of(item("pk", s("proj"), "a", n(1), "b", n(2), "c", n(3))));
        BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", KeysAndAttributes.builder()
                .keys(one("proj")).projectionExpression("#a, c").expressionAttributeNames(Map.of("#a", "a")).build())));
        assertEquals(List.of(item("a", n(1), "c", n(3))), response.responses().get("b_one"));
    }

    @Test
    void aResponseHoldsAtMost16MbAndReturnsTheRestAsUnprocessedKeys() {
        createTable(dynamo, "b_big", "pk", ScalarAttributeType.S, null, null);
        // 45 items of 399,369 bytes ("pk" + "bNN", "data" + 399,360 characters): 42 fit in 16 MB (16,773,498 bytes), 43 do not
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String pk = String.format("b%02d", i);
            items.add(item("pk", s(pk), "data", s(filler(390 * 1024))));
            keys.add(one(pk));
        }
        for (int i = 0; i < items.size(); i += 5) {
            putAll(dynamo, "b_big", items.subList(i, i + 5));
        }
        BatchGetItemResponse first = dynamo.batchGetItem(b -> b.requestItems(Map.of("b_big",
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
        assertEquals(42, first.responses().get("b_big").size());
        KeysAndAttributes rest = first.unprocessedKeys().get("b_big");
        assertEquals(keys.subList(42, 45), rest.keys());
        assertEquals(true, rest.consistentRead());
        BatchGetItemResponse second = dynamo.batchGetItem(b -> b.requestItems(first.unprocessedKeys()));
        assertEquals(3, second.responses().get("b_big").size());
        assertEquals(Map.of(), second.unprocessedKeys());
        List<String> seen = new ArrayList<>();
        first.responses().get("b_big").forEach(i -> seen.add(i.get("pk").s()));
        second.responses().get("b_big").forEach(i -> seen.add(i.get("pk").s()));
        assertEquals(45, new HashSet<>(seen).size());
    }

    @Test
    void reportsReadCapacityPerTable() {
        putAll(dynamo, "b_one", List.of(item("pk", s("rc1")), item("pk", s("rc2"), "data", s(filler(5000)))));
        BatchGetItemResponse response = dynamo.batchGetItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .requestItems(Map.of("b_one", KeysAndAttributes.builder().keys(one("rc1"), one("rc2"), one("rc-none"))
                        .consistentRead(true).build())));
        // 1 + 2 (5 KB rounds up to 8 KB) + 1 for the missing item
        assertEquals(List.of(ConsumedCapacity.builder().tableName("b_one").capacityUnits(4.0)
                .table(c -> c.capacityUnits(4.0)).build()), response.consumedCapacity());
        BatchGetItemResponse eventual = dynamo.batchGetItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .requestItems(Map.of("b_one", keys(List.of(one("rc1"), one("rc2"), one("rc-none"))))));
        assertEquals(2.0, eventual.consumedCapacity().get(0).capacityUnits());
    }

    // ------------------------------------------------------------------------------------- faults

    @Test
    void anUnprocessedFaultReturnsItsTablesWritesUndone() {
        putAll(dynamo, "b_one", List.of(one("u-gone")));
        putAll(dynamo, "b_two", List.of(two("u", 2)));
        db.faults().inject(Fault.unprocessed().on("BatchWriteItem").table("b_two").times(1));
        Map<String, List<WriteRequest>> requests = new LinkedHashMap<>();
        requests.put("b_one", List.of(put(one("u1")), delete(one("u-gone"))));
        requests.put("b_two", List.of(put(item("pk", s("u"), "sk", n(1), "v", s("x"))), delete(two("u", 2))));
        BatchWriteItemResponse response = write(requests);
        assertEquals(Map.of("b_two", requests.get("b_two")), response.unprocessedItems());
        assertTrue(exists("b_one", one("u1")));
        assertFalse(exists("b_one", one("u-gone")));
        assertFalse(exists("b_two", two("u", 1)));
        assertTrue(exists("b_two", two("u", 2)));
        // the retry goes through
        assertEquals(Map.of(), write(response.unprocessedItems()).unprocessedItems());
        assertTrue(exists("b_two", two("u", 1)));
        assertFalse(exists("b_two", two("u", 2)));

        // a fault without tables covers every table
        db.faults().inject(Fault.unprocessed().on("BatchWriteItem").times(1));
        Map<String, List<WriteRequest>> all = Map.of("b_one", List.of(put(one("u-all"))), "b_two", List.of(put(two("u-all", 1))));
        assertEquals(all, write(all).unprocessedItems());
        assertFalse(exists("b_one", one("u-all")));
        assertFalse(exists("b_two", two("u-all", 1)));
    }

    @Test
    void anUnprocessedFaultReturnsItsTablesKeysUnread() {
        putAll(dynamo, "b_one", List.of(item("pk", s("r1"), "v", n(1))));
        putAll(dynamo, "b_two", List.of(item("pk", s("r"), "sk", n(1), "v", n(2))));
        db.faults().inject(Fault.unprocessed().on("BatchGetItem").table("b_one").times(1));
        KeysAndAttributes oneKeys = KeysAndAttributes.builder().keys(one("r1")).consistentRead(true).build();
        BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of("b_one", oneKeys,
                "b_two", keys(List.of(two("r", 1))))));
        assertEquals(Map.of("b_two", List.of(item("pk", s("r"), "sk", n(1), "v", n(2)))), response.responses());
        assertEquals(Map.of("b_one", oneKeys), response.unprocessedKeys());
        BatchGetItemResponse retry = dynamo.batchGetItem(b -> b.requestItems(response.unprocessedKeys()));
        assertEquals(Map.of("b_one", List.of(item("pk", s("r1"), "v", n(1)))), retry.responses());

        db.faults().inject(Fault.unprocessed().on("BatchGetItem").times(1));
        Map<String, KeysAndAttributes> request = Map.of("b_one", keys(List.of(one("r1"))), "b_two", keys(List.of(two("r", 1))));
        BatchGetItemResponse none = dynamo.batchGetItem(b -> b.requestItems(request));
        assertEquals(Map.of(), none.responses());
        assertEquals(request, none.unprocessedKeys());
    }
}
