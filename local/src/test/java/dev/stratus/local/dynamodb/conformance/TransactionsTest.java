package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidation;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationContains;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationError;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.n;
import static dev.stratus.local.dynamodb.conformance.Fixtures.s;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems and TransactGetItems. */
class TransactionsTest {
    private static Harness h;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static String table() {
        return hashTable(ddb, unique("tx"));
    }

    private static Map<String, AttributeValue> read(String t, String key) {
        var r = ddb.getItem(b -> b.tableName(t).key(item("pk", key)).consistentRead(true));
        return r.hasItem() ? r.item() : null;
    }

    private static void put(String t, Map<String, AttributeValue> item) {
        ddb.putItem(b -> b.tableName(t).item(item));
    }

    private static TransactWriteItem txPut(String t, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(t).item(item)).build();
    }

    private static TransactWriteItem txDelete(String t, String key) {
        return TransactWriteItem.builder().delete(d -> d.tableName(t).key(item("pk", key))).build();
    }

    private static TransactWriteItem txAddOne(String t, String key) {
        return TransactWriteItem.builder().update(u -> u.tableName(t).key(item("pk", key)).updateExpression("ADD hits :one")
                .expressionAttributeValues(Map.of(":one", n(1)))).build();
    }

    private static TransactWriteItem txCheck(String t, String key, String condition) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(t).key(item("pk", key)).conditionExpression(condition)).build();
    }

    private static List<String> codes(TransactionCanceledException e) {
        return e.cancellationReasons().stream().map(CancellationReason::code).collect(Collectors.toList());
    }

    // ---- TransactWriteItems ----

    @Test
    @Source("API Reference: TransactWriteItems — ConditionCheck, Put, Update and Delete applied together")
    void allFourActionsApply() {
        String t = table();
        put(t, item("pk", "checked", "ok", true));
        put(t, item("pk", "counter", "hits", 1));
        put(t, item("pk", "doomed"));
        ddb.transactWriteItems(b -> b.transactItems(
                txCheck(t, "checked", "attribute_exists(ok)"),
                txPut(t, item("pk", "created", "v", "new")),
                txAddOne(t, "counter"),
                txDelete(t, "doomed")));
        assertEquals(item("pk", "created", "v", "new"), read(t, "created"));
        assertEquals("2", read(t, "counter").get("hits").n());
        assertNull(read(t, "doomed"));
        assertEquals(item("pk", "checked", "ok", true), read(t, "checked"));
    }

    @Test
    @Source("API Reference: TransactWriteItems — actions can target items in different tables")
    void actionsOnSeveralTables() {
        String t1 = table();
        String t2 = table();
        ddb.transactWriteItems(b -> b.transactItems(txPut(t1, item("pk", "a")), txPut(t2, item("pk", "b"))));
        assertNotNull(read(t1, "a"));
        assertNotNull(read(t2, "b"));
    }

    @Test
    @Source("Developer Guide: Amazon DynamoDB Transactions: How it works — all-or-nothing (a failed condition leaves every item unchanged)")
    void failedConditionLeavesEveryItemUnchanged() {
        String t = table();
        put(t, item("pk", "a", "v", 1));
        put(t, item("pk", "b", "v", 1));
        put(t, item("pk", "c", "v", 1));
        long changes = h.db.changeCount();
        assertThrows(TransactionCanceledException.class, () -> ddb.transactWriteItems(b -> b.transactItems(
                txPut(t, item("pk", "a", "v", 2)),
                txAddOne(t, "b"),
                txDelete(t, "c"),
                txPut(t, item("pk", "d")),
                txCheck(t, "missing", "attribute_exists(pk)"))));
        assertEquals(item("pk", "a", "v", 1), read(t, "a"));
        assertEquals(item("pk", "b", "v", 1), read(t, "b"));
        assertEquals(item("pk", "c", "v", 1), read(t, "c"));
        assertNull(read(t, "d"));
        assertEquals(changes, h.db.changeCount());
    }

    @Test
    @Source("API Reference: TransactionCanceledException — CancellationReasons (one per action, in order: None or ConditionalCheckFailed)")
    void cancellationReasonsNameTheFailedAction() {
        String t = table();
        put(t, item("pk", "a", "v", 1));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(
                        txPut(t, item("pk", "x")),
                        TransactWriteItem.builder().put(p -> p.tableName(t).item(item("pk", "a", "v", 2))
                                .conditionExpression("attribute_not_exists(pk)")).build(),
                        txAddOne(t, "y"))));
        assertEquals(List.of("None", "ConditionalCheckFailed", "None"), codes(e));
        assertEquals("The conditional request failed", e.cancellationReasons().get(1).message());
        assertTrue(e.hasCancellationReasons());
    }

    @Test
    @Source("API Reference: TransactWriteItems — Errors: TransactionCanceledException (the message lists the reasons)")
    void cancellationMessageListsTheReasons() {
        String t = table();
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(
                        txPut(t, item("pk", "x")),
                        txCheck(t, "missing", "attribute_exists(pk)"))));
        assertEquals("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    @Source("API Reference: CancellationReason — Item (with ReturnValuesOnConditionCheckFailure ALL_OLD)")
    void cancellationReasonCarriesTheItemWithAllOld() {
        String t = table();
        put(t, item("pk", "a", "version", 7, "v", "x"));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(
                        txPut(t, item("pk", "other")),
                        TransactWriteItem.builder().update(u -> u.tableName(t).key(item("pk", "a"))
                                .updateExpression("SET v = :v").conditionExpression("version = :one")
                                .expressionAttributeValues(Map.of(":v", s("y"), ":one", n(1)))
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build())));
        CancellationReason failed = e.cancellationReasons().get(1);
        assertEquals("ConditionalCheckFailed", failed.code());
        assertEquals(item("pk", "a", "version", 7, "v", "x"), failed.item());
        CancellationReason fine = e.cancellationReasons().get(0);
        assertEquals("None", fine.code());
        assertFalse(fine.hasItem() && !fine.item().isEmpty());
    }

    @Test
    @Source("API Reference: CancellationReason — no Item without ReturnValuesOnConditionCheckFailure")
    void cancellationReasonHasNoItemByDefault() {
        String t = table();
        put(t, item("pk", "a"));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(txCheck(t, "a", "attribute_not_exists(pk)"))));
        assertEquals(List.of("ConditionalCheckFailed"), codes(e));
        assertFalse(e.cancellationReasons().get(0).hasItem() && !e.cancellationReasons().get(0).item().isEmpty());
    }

    @Test
    @Source("API Reference: TransactWriteItems — no two actions can target the same item (ValidationException)")
    void twoActionsOnOneItemAreRefused() {
        String t = table();
        put(t, item("pk", "a"));
        assertValidation("Transaction request cannot include multiple operations on one item",
                () -> ddb.transactWriteItems(b -> b.transactItems(
                        txCheck(t, "a", "attribute_exists(pk)"),
                        txPut(t, item("pk", "a", "v", 1)))));
        assertEquals(item("pk", "a"), read(t, "a"));
    }

    @Test
    @Source("API Reference: TransactWriteItems — TransactItems (up to 100 actions)")
    void oneHundredActionsAreAllowed() {
        String t = table();
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            actions.add(txPut(t, item("pk", "k" + i)));
        }
        ddb.transactWriteItems(b -> b.transactItems(actions));
        assertEquals(100, ddb.scan(b -> b.tableName(t)).count());
    }

    @Test
    @Source("API Reference: TransactWriteItems — TransactItems (array members: maximum number of 100 items)")
    void moreThanOneHundredActionsAreRefused() {
        String t = table();
        List<TransactWriteItem> actions = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            actions.add(txPut(t, item("pk", "k" + i)));
        }
        assertValidationContains("Member must have length less than or equal to 100",
                () -> ddb.transactWriteItems(b -> b.transactItems(actions)));
        assertEquals(0, ddb.scan(b -> b.tableName(t)).count());
    }

    @Test
    @Source("API Reference: TransactWriteItems — an invalid item (missing key) refuses the whole request (ValidationException)")
    void invalidActionRefusesTheWholeRequest() {
        String t = table();
        assertValidationError(() -> ddb.transactWriteItems(b -> b.transactItems(
                txPut(t, item("pk", "good")),
                txPut(t, item("nokey", "bad")))));
        assertNull(read(t, "good"));
    }

    @Test
    @Source("API Reference: TransactWriteItems — Errors: ResourceNotFoundException")
    void transactionOnAMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(txPut(unique("gone"), item("pk", "a")))));
    }

    @Test
    @Source("API Reference: TransactWriteItems — ClientRequestToken (a repeated call with the same token succeeds without writing again)")
    void sameTokenAndRequestWritesOnce() {
        String t = table();
        String token = unique("token");
        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(txAddOne(t, "c")));
        long changes = h.db.changeCount();
        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(txAddOne(t, "c")));
        assertEquals("1", read(t, "c").get("hits").n());
        assertEquals(changes, h.db.changeCount());
    }

    @Test
    @Source("API Reference: TransactWriteItems — ClientRequestToken with other parameters: IdempotentParameterMismatchException")
    void sameTokenWithAnotherRequestIsAMismatch() {
        String t = table();
        String token = unique("token");
        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(txAddOne(t, "c")));
        assertThrows(IdempotentParameterMismatchException.class,
                () -> ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(txAddOne(t, "other"))));
        assertNull(read(t, "other"));
    }

    @Test
    @Source("API Reference: TransactWriteItems — ClientRequestToken (valid for 10 minutes; after that the same token is a new request)")
    void tokenExpiresAfterTenMinutes() {
        String t = table();
        String token = unique("token");
        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(txAddOne(t, "c")));
        h.db.clock().advance(Duration.ofMinutes(11));
        ddb.transactWriteItems(b -> b.clientRequestToken(token).transactItems(txAddOne(t, "c")));
        assertEquals("2", read(t, "c").get("hits").n());
    }

    @Test
    @Source("API Reference: TransactWriteItems — ConditionCheck on a missing item with attribute_exists fails the transaction")
    void conditionCheckOnAMissingItemFails() {
        String t = table();
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(txCheck(t, "none", "attribute_exists(pk)"), txPut(t, item("pk", "x")))));
        assertEquals(List.of("ConditionalCheckFailed", "None"), codes(e));
        assertNull(read(t, "x"));
    }

    @Test
    @Source("API Reference: Delete (TransactWriteItem) — ConditionExpression on a transactional delete")
    void conditionalDeleteInATransaction() {
        String t = table();
        put(t, item("pk", "a", "v", "keep"));
        put(t, item("pk", "b", "v", "drop"));
        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(t).key(item("pk", "b")).conditionExpression("v = :drop")
                        .expressionAttributeValues(Map.of(":drop", s("drop")))).build()));
        assertNull(read(t, "b"));
        assertNotNull(read(t, "a"));
    }

    // ---- TransactGetItems ----

    @Test
    @Source("API Reference: TransactGetItems — Responses (in the order of the requested items; an empty ItemResponse for a missing item)")
    void transactGetReturnsItemsInOrder() {
        String t = table();
        put(t, item("pk", "a", "v", 1));
        put(t, item("pk", "c", "v", 3));
        List<ItemResponse> r = ddb.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(t).key(item("pk", "c"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(t).key(item("pk", "b"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(t).key(item("pk", "a"))).build())).responses();
        assertEquals(3, r.size());
        assertEquals(item("pk", "c", "v", 3), r.get(0).item());
        assertTrue(r.get(1).item() == null || r.get(1).item().isEmpty());
        assertEquals(item("pk", "a", "v", 1), r.get(2).item());
    }

    @Test
    @Source("API Reference: Get (TransactGetItem) — ProjectionExpression and ExpressionAttributeNames")
    void transactGetWithProjection() {
        String t = table();
        put(t, item("pk", "a", "x", 1, "y", 2));
        List<ItemResponse> r = ddb.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(t).key(item("pk", "a")).projectionExpression("#y")
                        .expressionAttributeNames(Map.of("#y", "y"))).build())).responses();
        assertEquals(item("y", 2), r.get(0).item());
    }

    @Test
    @Source("API Reference: TransactGetItems — TransactItems (up to 100 items)")
    void transactGetOfMoreThanOneHundredItemsIsRefused() {
        String t = table();
        List<TransactGetItem> gets = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            String k = "k" + i;
            gets.add(TransactGetItem.builder().get(g -> g.tableName(t).key(item("pk", k))).build());
        }
        assertValidationContains("Member must have length less than or equal to 100",
                () -> ddb.transactGetItems(b -> b.transactItems(gets)));
    }

    @Test
    @Source("API Reference: TransactGetItems — reads across tables")
    void transactGetAcrossTables() {
        String t1 = table();
        String t2 = table();
        put(t1, item("pk", "a"));
        put(t2, item("pk", "b"));
        List<ItemResponse> r = ddb.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(t1).key(item("pk", "a"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(t2).key(item("pk", "b"))).build())).responses();
        assertEquals(item("pk", "a"), r.get(0).item());
        assertEquals(item("pk", "b"), r.get(1).item());
    }

    @Test
    @Source("API Reference: TransactGetItems — Errors: ResourceNotFoundException")
    void transactGetOfAMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> ddb.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(unique("gone")).key(item("pk", "a"))).build())));
    }

    @Test
    @Source("API Reference: TransactWriteItems — TransactItems (array members: minimum number of 1 item)")
    void emptyTransactionIsRefused() {
        assertValidationContains("Member must have length greater than or equal to 1",
                () -> ddb.transactWriteItems(b -> b.transactItems(List.of())));
    }
}
