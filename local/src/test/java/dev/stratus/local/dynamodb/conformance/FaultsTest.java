package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.Faults;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The engine's fault injection (stratus-local: Fault), through the SDK: each fault answers as the
 * DynamoDB error it mimics, deterministically, and the SDK's retry strategy sees it as it would
 * see DynamoDB's.
 */
class FaultsTest {
    private static Harness h;
    private static DynamoDbClient ddb;
    private static Faults faults;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
        faults = h.db.faults();
    }

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** A client that retries up to {@code attempts} times in all, without waiting. */
    private static DynamoDbClient retrying(int attempts) {
        RetryStrategy strategy = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(attempts)
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                .circuitBreakerEnabled(false)
                .build();
        return h.client(c -> c.retryStrategy(strategy));
    }

    private static void put(DynamoDbClient client, String t, String key) {
        client.putItem(b -> b.tableName(t).item(item("pk", key)));
    }

    private static boolean exists(String t, String key) {
        return ddb.getItem(b -> b.tableName(t).key(item("pk", key)).consistentRead(true)).hasItem();
    }

    @Test
    @Source("stratus-local: Fault.throttle().times(n); API Reference: PutItem — Errors: ProvisionedThroughputExceededException")
    void throttleFailsTheFirstRequestsThenLetsThemThrough() {
        String t = hashTable(ddb, unique("throttle"));
        Faults.Injected injected = faults.inject(Fault.throttle().on("PutItem").table(t).times(2));
        ProvisionedThroughputExceededException e = assertThrows(ProvisionedThroughputExceededException.class, () -> put(ddb, t, "a"));
        assertEquals(400, e.statusCode());
        assertEquals("ProvisionedThroughputExceededException", e.awsErrorDetails().errorCode());
        assertThrows(ProvisionedThroughputExceededException.class, () -> put(ddb, t, "a"));
        put(ddb, t, "a");
        assertTrue(exists(t, "a"));
        assertEquals(2, injected.fired());
    }

    @Test
    @Source("stratus-local: Fault.throttle; Developer Guide: Error handling with DynamoDB — the AWS SDKs retry ProvisionedThroughputExceededException")
    void sdkRetriesThroughThrottling() {
        String t = hashTable(ddb, unique("retry"));
        Faults.Injected injected = faults.inject(Fault.throttle().on("PutItem").table(t).times(2));
        try (DynamoDbClient client = retrying(3)) {
            put(client, t, "a");
        }
        assertTrue(exists(t, "a"));
        assertEquals(2, injected.fired());
    }

    @Test
    @Source("stratus-local: Fault.throttle; Developer Guide: Error handling with DynamoDB — retries are bounded by the SDK's maximum attempts")
    void sdkGivesUpAfterItsMaximumAttempts() {
        String t = hashTable(ddb, unique("giveup"));
        Faults.Injected injected = faults.inject(Fault.throttle().on("PutItem").table(t).times(5));
        try (DynamoDbClient client = retrying(3)) {
            assertThrows(ProvisionedThroughputExceededException.class, () -> put(client, t, "a"));
        }
        assertEquals(3, injected.fired());
        assertFalse(exists(t, "a"));
    }

    @Test
    @Source("stratus-local: Fault.throttling; API Reference: Common Errors — ThrottlingException (HTTP 400)")
    void throttlingAnswersThrottlingException() {
        String t = hashTable(ddb, unique("throttling"));
        faults.inject(Fault.throttling().on("GetItem").times(1));
        ThrottlingException e = assertThrows(ThrottlingException.class, () -> ddb.getItem(b -> b.tableName(t).key(item("pk", "a"))));
        assertEquals(400, e.statusCode());
        assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
    }

    @Test
    @Source("stratus-local: Fault.throttling; Developer Guide: Error handling with DynamoDB — ThrottlingException is retried by the SDKs")
    void sdkRetriesThroughThrottlingException() {
        String t = hashTable(ddb, unique("throttling"));
        Faults.Injected injected = faults.inject(Fault.throttling().on("PutItem").times(1));
        try (DynamoDbClient client = retrying(2)) {
            put(client, t, "a");
        }
        assertEquals(1, injected.fired());
        assertTrue(exists(t, "a"));
    }

    @Test
    @Source("stratus-local: Fault.internalError; API Reference: Common Errors — InternalServerError (HTTP 500)")
    void internalErrorAnswersHttp500() {
        String t = hashTable(ddb, unique("ise"));
        faults.inject(Fault.internalError().on("PutItem").times(1));
        InternalServerErrorException e = assertThrows(InternalServerErrorException.class, () -> put(ddb, t, "a"));
        assertEquals(500, e.statusCode());
        assertFalse(exists(t, "a"));
    }

    @Test
    @Source("stratus-local: Fault.internalError; Developer Guide: Error handling with DynamoDB — 5xx errors are retried by the SDKs")
    void sdkRetriesThroughInternalErrors() {
        String t = hashTable(ddb, unique("ise"));
        Faults.Injected injected = faults.inject(Fault.internalError().on("PutItem").times(2));
        try (DynamoDbClient client = retrying(3)) {
            put(client, t, "a");
        }
        assertEquals(2, injected.fired());
        assertTrue(exists(t, "a"));
    }

    @Test
    @Source("stratus-local: Fault.transactionConflict; API Reference: TransactionCanceledException — CancellationReason code TransactionConflict")
    void transactionConflictCancelsATransaction() {
        String t = hashTable(ddb, unique("conflict"));
        String other = hashTable(ddb, unique("calm"));
        faults.inject(Fault.transactionConflict().on("TransactWriteItems").table(t).times(1));
        long changes = h.db.changeCount();
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> ddb.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(other).item(item("pk", "x"))).build(),
                        TransactWriteItem.builder().put(p -> p.tableName(t).item(item("pk", "a"))).build())));
        List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).collect(Collectors.toList());
        assertEquals(List.of("None", "TransactionConflict"), codes);
        assertEquals(changes, h.db.changeCount());
        assertFalse(exists(other, "x"));
    }

    @Test
    @Source("stratus-local: Fault.transactionConflict; API Reference: PutItem — Errors: TransactionConflictException (the item is part of an ongoing transaction)")
    void transactionConflictFailsASingleWrite() {
        String t = hashTable(ddb, unique("conflict"));
        faults.inject(Fault.transactionConflict().on("PutItem").table(t).times(1));
        TransactionConflictException e = assertThrows(TransactionConflictException.class, () -> put(ddb, t, "a"));
        assertEquals("TransactionConflictException", e.awsErrorDetails().errorCode());
        assertFalse(exists(t, "a"));
    }

    @Test
    @Source("stratus-local: Fault.transactionConflict; API Reference: TransactGetItems — TransactionCanceledException (a conflicting write is in progress)")
    void transactionConflictCancelsATransactGet() {
        String t = hashTable(ddb, unique("conflict"));
        put(ddb, t, "a");
        faults.inject(Fault.transactionConflict().on("TransactGetItems").table(t).times(1));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class,
                () -> ddb.transactGetItems(b -> b.transactItems(
                        TransactGetItem.builder().get(g -> g.tableName(t).key(item("pk", "a"))).build())));
        assertEquals("TransactionConflict", e.cancellationReasons().get(0).code());
    }

    @Test
    @Source("stratus-local: Fault.delay (the request is answered normally, after the delay)")
    void delayAnswersNormallyButLater() {
        String t = hashTable(ddb, unique("delay"));
        put(ddb, t, "a");
        faults.inject(Fault.delay(Duration.ofMillis(300)).on("GetItem").table(t).times(1));
        long started = System.nanoTime();
        assertTrue(ddb.getItem(b -> b.tableName(t).key(item("pk", "a"))).hasItem());
        assertTrue(System.nanoTime() - started >= 300_000_000L);
    }

    @Test
    @Source("stratus-local: Fault.after(n) (the first n matching requests pass untouched)")
    void afterLetsTheFirstRequestsThrough() {
        String t = hashTable(ddb, unique("after"));
        faults.inject(Fault.throttle().on("PutItem").table(t).after(2).times(1));
        put(ddb, t, "a");
        put(ddb, t, "b");
        assertThrows(ProvisionedThroughputExceededException.class, () -> put(ddb, t, "c"));
        put(ddb, t, "d");
        assertFalse(exists(t, "c"));
        assertTrue(exists(t, "d"));
    }

    @Test
    @Source("stratus-local: Fault.on (only the named operations are affected)")
    void operationFilterSparesOtherOperations() {
        String t = hashTable(ddb, unique("ops"));
        put(ddb, t, "a");
        faults.inject(Fault.internalError().on("DeleteItem"));
        assertTrue(ddb.getItem(b -> b.tableName(t).key(item("pk", "a"))).hasItem());
        put(ddb, t, "b");
        assertThrows(InternalServerErrorException.class, () -> ddb.deleteItem(b -> b.tableName(t).key(item("pk", "a"))));
    }

    @Test
    @Source("stratus-local: Fault.table (only requests touching the named tables are affected)")
    void tableFilterSparesOtherTables() {
        String hit = hashTable(ddb, unique("hit"));
        String spared = hashTable(ddb, unique("spared"));
        faults.inject(Fault.throttle().table(hit));
        put(ddb, spared, "a");
        assertThrows(ProvisionedThroughputExceededException.class, () -> put(ddb, hit, "a"));
        assertTrue(exists(spared, "a"));
    }

    @Test
    @Source("stratus-local: Fault.withProbability(p, seed) (a seeded draw: the same seed fails the same requests)")
    void probabilityIsDeterministicForASeed() {
        List<Boolean> first = failurePattern(unique("prob"));
        List<Boolean> second = failurePattern(unique("prob"));
        assertEquals(first, second);
        long failed = first.stream().filter(x -> x).count();
        assertTrue(failed > 0 && failed < first.size(), "p = 0.5 over 30 requests failed " + failed);
    }

    private List<Boolean> failurePattern(String table) {
        String t = hashTable(ddb, table);
        faults.clear();
        Faults.Injected injected = faults.inject(Fault.throttle().on("PutItem").table(t).withProbability(0.5, 42));
        List<Boolean> pattern = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int k = i;
            try {
                put(ddb, t, "k" + k);
                pattern.add(false);
            } catch (ProvisionedThroughputExceededException e) {
                pattern.add(true);
            }
        }
        assertEquals(pattern.stream().filter(x -> x).count(), injected.fired());
        faults.clear();
        return pattern;
    }

    @Test
    @Source("stratus-local: Faults.clear and Faults.Injected.remove (stop injecting)")
    void clearedFaultsStopFiring() {
        String t = hashTable(ddb, unique("clear"));
        Faults.Injected injected = faults.inject(Fault.throttle().on("PutItem").table(t));
        assertThrows(ProvisionedThroughputExceededException.class, () -> put(ddb, t, "a"));
        injected.remove();
        put(ddb, t, "a");
        faults.inject(Fault.throttle().on("PutItem").table(t));
        assertThrows(ProvisionedThroughputExceededException.class, () -> put(ddb, t, "b"));
        faults.clear();
        put(ddb, t, "b");
        assertTrue(exists(t, "b"));
    }

    @Test
    @Source("stratus-local: Fault (a failed request writes nothing; LocalDynamoDb.changeCount); API Reference: Common Errors")
    void failedRequestWritesNothing() {
        String t = hashTable(ddb, unique("nochange"));
        faults.inject(Fault.throttle().on("UpdateItem", "DeleteItem", "BatchWriteItem").table(t));
        long changes = h.db.changeCount();
        assertThrows(DynamoDbException.class, () -> ddb.updateItem(b -> b.tableName(t).key(item("pk", "a"))
                .updateExpression("SET v = :v").expressionAttributeValues(java.util.Map.of(":v", Fixtures.n(1)))));
        assertThrows(DynamoDbException.class, () -> ddb.deleteItem(b -> b.tableName(t).key(item("pk", "a"))));
        assertEquals(changes, h.db.changeCount());
    }
}
