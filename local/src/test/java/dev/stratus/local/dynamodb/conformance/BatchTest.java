package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidation;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationContains;
import static dev.stratus.local.dynamodb.conformance.Fixtures.chars;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.local.dynamodb.Fault;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchGetItem and BatchWriteItem: results, limits, duplicates and unprocessed requests. */
class BatchTest {
    private static Harness h;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
    }

    @AfterEach
    void clearFaults() {
        h.db.faults().clear();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String tableWith(String... keys) {
        String t = hashTable(ddb, unique("batch"));
        for (String k : keys) {
            ddb.putItem(b -> b.tableName(t).item(item("pk", k, "v", "value-" + k, "w", 1)));
        }
        return t;
    }

    private static Map<String, AttributeValue> read(String t, String key) {
        var r = ddb.getItem(b -> b.tableName(t).key(item("pk", key)).consistentRead(true));
        return r.hasItem() ? r.item() : null;
    }

    private static KeysAndAttributes keys(String... keys) {
        List<Map<String, AttributeValue>> list = new ArrayList<>();
        for (String k : keys) {
            list.add(item("pk", k));
        }
        return KeysAndAttributes.builder().keys(list).build();
    }

    private static Set<String> pks(List<Map<String, AttributeValue>> items) {
        Set<String> out = new HashSet<>();
        items.forEach(i -> out.add(i.get("pk").s()));
        return out;
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(String key) {
        return WriteRequest.builder().deleteRequest(d -> d.key(item("pk", key))).build();
    }

    // ---- BatchGetItem ----

    @Test
    @Source("API Reference: BatchGetItem — Responses (per table; keys with no item are simply absent)")
    void batchGetReadsFromSeveralTables() {
        String t1 = tableWith("a", "b");
        String t2 = tableWith("x");
        BatchGetItemResponse r = ddb.batchGetItem(b -> b.requestItems(Map.of(t1, keys("a", "b", "missing"), t2, keys("x"))));
        assertEquals(Set.of("a", "b"), pks(r.responses().get(t1)));
        assertEquals(Set.of("x"), pks(r.responses().get(t2)));
        assertEquals(item("pk", "x", "v", "value-x", "w", 1), r.responses().get(t2).get(0));
        assertTrue(r.unprocessedKeys().isEmpty());
    }

    @Test
    @Source("API Reference: KeysAndAttributes — ProjectionExpression, ConsistentRead")
    void batchGetWithProjectionAndConsistentRead() {
        String t = tableWith("a");
        BatchGetItemResponse r = ddb.batchGetItem(b -> b.requestItems(Map.of(t,
                KeysAndAttributes.builder().keys(item("pk", "a")).projectionExpression("v").consistentRead(true).build())));
        assertEquals(List.of(item("v", "value-a")), r.responses().get(t));
    }

    @Test
    @Source("API Reference: BatchGetItem — A single operation can retrieve up to 100 items")
    void batchGetOfOneHundredKeysIsAllowed() {
        String t = tableWith("k0", "k99");
        String[] hundred = new String[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = "k" + i;
        }
        BatchGetItemResponse r = ddb.batchGetItem(b -> b.requestItems(Map.of(t, keys(hundred))));
        assertEquals(Set.of("k0", "k99"), pks(r.responses().get(t)));
    }

    @Test
    @Source("API Reference: BatchGetItem — more than 100 items in one request is a ValidationException (spread over two tables); dynalite validations/batchGetItem.js")
    void batchGetOfMoreThanOneHundredKeysIsRefused() {
        String t1 = tableWith();
        String t2 = tableWith();
        String[] sixty = new String[60];
        String[] fortyOne = new String[41];
        for (int i = 0; i < 60; i++) {
            sixty[i] = "k" + i;
        }
        for (int i = 0; i < 41; i++) {
            fortyOne[i] = "k" + i;
        }
        assertValidation("Too many items requested for the BatchGetItem call",
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(t1, keys(sixty), t2, keys(fortyOne)))));
    }

    @Test
    @Source("API Reference: KeysAndAttributes — Keys (array members: minimum 1, maximum 100 items); dynalite validations/batchGetItem.js")
    void batchGetOfMoreThanOneHundredKeysOfOneTableIsRefused() {
        String t = tableWith();
        String[] many = new String[101];
        for (int i = 0; i < 101; i++) {
            many[i] = "k" + i;
        }
        assertValidationContains("Member must have length less than or equal to 100",
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(t, keys(many)))));
    }

    @Test
    @Source("API Reference: BatchGetItem — duplicate keys are a ValidationException; dynalite validations/batchGetItem.js")
    void batchGetWithDuplicateKeysIsRefused() {
        String t = tableWith("a");
        assertValidation("Provided list of item keys contains duplicates",
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(t, keys("a", "a")))));
    }

    @Test
    @Source("API Reference: BatchGetItem — Keys must match the table's key schema; dynalite db/index.js")
    void batchGetWithAWrongKeyIsRefused() {
        String t = tableWith("a");
        assertValidation("The provided key element does not match the schema",
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(t,
                        KeysAndAttributes.builder().keys(item("id", "a")).build()))));
    }

    @Test
    @Source("API Reference: BatchGetItem — Errors: ResourceNotFoundException")
    void batchGetOfAMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(unique("gone"), keys("a")))));
    }

    @Test
    @Source("API Reference: BatchGetItem — UnprocessedKeys (retry them later); stratus-local: Fault.unprocessed")
    void unprocessedKeysCanBeRetried() {
        String t = tableWith("a", "b");
        h.db.faults().inject(Fault.unprocessed().on("BatchGetItem").table(t).times(1));
        BatchGetItemResponse first = ddb.batchGetItem(b -> b.requestItems(Map.of(t, keys("a", "b"))));
        assertTrue(first.responses().getOrDefault(t, List.of()).isEmpty());
        KeysAndAttributes unprocessed = first.unprocessedKeys().get(t);
        assertNotNull(unprocessed);
        assertEquals(Set.of("a", "b"), pks(unprocessed.keys()));
        BatchGetItemResponse retry = ddb.batchGetItem(b -> b.requestItems(first.unprocessedKeys()));
        assertEquals(Set.of("a", "b"), pks(retry.responses().get(t)));
        assertTrue(retry.unprocessedKeys().isEmpty());
    }

    @Test
    @Source("API Reference: BatchGetItem — UnprocessedKeys hold only the unprocessed tables' keys; stratus-local: Fault.table")
    void unprocessedKeysOfOneTableOnly() {
        String slow = tableWith("a");
        String fast = tableWith("x");
        h.db.faults().inject(Fault.unprocessed().on("BatchGetItem").table(slow));
        BatchGetItemResponse r = ddb.batchGetItem(b -> b.requestItems(Map.of(slow, keys("a"), fast, keys("x"))));
        assertEquals(Set.of("x"), pks(r.responses().get(fast)));
        assertEquals(Set.of(slow), r.unprocessedKeys().keySet());
    }

    // ---- BatchWriteItem ----

    @Test
    @Source("API Reference: BatchWriteItem — PutRequest and DeleteRequest in one call")
    void batchWritePutsAndDeletes() {
        String t = tableWith("old");
        BatchWriteItemResponse r = ddb.batchWriteItem(b -> b.requestItems(Map.of(t,
                List.of(put(item("pk", "n1", "v", 1)), put(item("pk", "n2", "v", 2)), delete("old")))));
        assertTrue(r.unprocessedItems().isEmpty());
        assertEquals(item("pk", "n1", "v", 1), read(t, "n1"));
        assertEquals(item("pk", "n2", "v", 2), read(t, "n2"));
        assertNull(read(t, "old"));
    }

    @Test
    @Source("API Reference: BatchWriteItem — requests may target several tables")
    void batchWriteToSeveralTables() {
        String t1 = tableWith();
        String t2 = tableWith();
        ddb.batchWriteItem(b -> b.requestItems(Map.of(t1, List.of(put(item("pk", "a"))), t2, List.of(put(item("pk", "b"))))));
        assertNotNull(read(t1, "a"));
        assertNotNull(read(t2, "b"));
    }

    @Test
    @Source("API Reference: BatchWriteItem — up to 25 put or delete requests")
    void batchWriteOfTwentyFiveRequestsIsAllowed() {
        String t = tableWith();
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            requests.add(put(item("pk", "k" + i)));
        }
        ddb.batchWriteItem(b -> b.requestItems(Map.of(t, requests)));
        assertEquals(25, ddb.scan(b -> b.tableName(t)).count());
    }

    @Test
    @Source("API Reference: BatchWriteItem — There are more than 25 requests in the batch (ValidationException)")
    void batchWriteOfMoreThanTwentyFiveRequestsIsRefused() {
        String t = tableWith();
        List<WriteRequest> requests = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            requests.add(put(item("pk", "k" + i)));
        }
        assertValidationContains("Member must have length less than or equal to 25",
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(t, requests))));
        assertEquals(0, ddb.scan(b -> b.tableName(t)).count());
    }

    @Test
    @Source("API Reference: BatchWriteItem — You try to perform multiple operations on the same item in the same request (ValidationException); dynalite actions/batchWriteItem.js")
    void batchWriteWithTwoPutsOfOneItemIsRefused() {
        String t = tableWith();
        assertValidation("Provided list of item keys contains duplicates",
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(t,
                        List.of(put(item("pk", "a", "v", 1)), put(item("pk", "a", "v", 2)))))));
        assertNull(read(t, "a"));
    }

    @Test
    @Source("API Reference: BatchWriteItem — You try to perform multiple operations on the same item in the same request (ValidationException)")
    void batchWriteWithPutAndDeleteOfOneItemIsRefused() {
        String t = tableWith("a");
        assertValidation("Provided list of item keys contains duplicates",
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(t, List.of(put(item("pk", "a", "v", 2)), delete("a"))))));
        assertEquals("value-a", read(t, "a").get("v").s());
    }

    @Test
    @Source("API Reference: BatchWriteItem — An individual item in the batch exceeds 400 KB (ValidationException); dynalite validations/batchWriteItem.js")
    void batchWriteOfAnOversizedItemIsRefused() {
        String t = tableWith();
        assertValidation("Item size has exceeded the maximum allowed size",
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(t, List.of(put(item("pk", "a", "v", chars(400 * 1024))))))));
    }

    @Test
    @Source("API Reference: BatchWriteItem — Primary key attributes specified on an item in the request do not match those in the corresponding table's primary key schema (ValidationException); dynalite actions/batchWriteItem.js")
    void batchWriteOfAnItemWithoutItsKeyIsRefused() {
        String t = tableWith();
        assertValidation("The provided key element does not match the schema",
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(t, List.of(put(item("id", "a")))))));
    }

    @Test
    @Source("API Reference: BatchWriteItem — One or more tables specified in the request does not exist (ResourceNotFoundException)")
    void batchWriteToAMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(unique("gone"), List.of(put(item("pk", "a")))))));
    }

    @Test
    @Source("API Reference: BatchWriteItem — DeleteRequest of an item that does not exist is not an error")
    void batchDeleteOfAMissingItemSucceeds() {
        String t = tableWith();
        BatchWriteItemResponse r = ddb.batchWriteItem(b -> b.requestItems(Map.of(t, List.of(delete("ghost")))));
        assertTrue(r.unprocessedItems().isEmpty());
    }

    @Test
    @Source("API Reference: BatchWriteItem — UnprocessedItems (retry them later, nothing of them was written); stratus-local: Fault.unprocessed")
    void unprocessedItemsAreNotWrittenAndCanBeRetried() {
        String t = tableWith("old");
        h.db.faults().inject(Fault.unprocessed().on("BatchWriteItem").table(t).times(1));
        long changes = h.db.changeCount();
        List<WriteRequest> requests = List.of(put(item("pk", "n1")), put(item("pk", "n2")), delete("old"));
        BatchWriteItemResponse first = ddb.batchWriteItem(b -> b.requestItems(Map.of(t, requests)));
        assertEquals(Set.of(t), first.unprocessedItems().keySet());
        assertEquals(new HashSet<>(requests), new HashSet<>(first.unprocessedItems().get(t)));
        assertEquals(changes, h.db.changeCount());
        assertNull(read(t, "n1"));
        assertNotNull(read(t, "old"));
        BatchWriteItemResponse retry = ddb.batchWriteItem(b -> b.requestItems(first.unprocessedItems()));
        assertTrue(retry.unprocessedItems().isEmpty());
        assertNotNull(read(t, "n1"));
        assertNotNull(read(t, "n2"));
        assertNull(read(t, "old"));
    }

    @Test
    @Source("API Reference: BatchWriteItem — UnprocessedItems hold only the unprocessed tables' requests; stratus-local: Fault.table")
    void unprocessedItemsOfOneTableOnly() {
        String slow = tableWith();
        String fast = tableWith();
        h.db.faults().inject(Fault.unprocessed().on("BatchWriteItem").table(slow));
        BatchWriteItemResponse r = ddb.batchWriteItem(b -> b.requestItems(Map.of(
                slow, List.of(put(item("pk", "a"))), fast, List.of(put(item("pk", "b"))))));
        assertEquals(Set.of(slow), r.unprocessedItems().keySet());
        assertNull(read(slow, "a"));
        assertNotNull(read(fast, "b"));
        assertFalse(r.unprocessedItems().containsKey(fast));
    }

    @Test
    @Source("API Reference: BatchWriteItem — RequestItems (each table's list holds 1 to 25 requests); dynalite validations/batchWriteItem.js")
    void batchWriteWithAnEmptyListIsRefused() {
        String t = tableWith();
        assertValidationContains("Member must have length greater than or equal to 1",
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(t, List.of()))));
    }
}
