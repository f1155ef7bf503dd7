package dev.stratus.local.dynamodb.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Many threads on the same items at once (Developer Guide: "Condition expressions" for optimistic
 * locking and conditional writes, "Amazon DynamoDB Transactions" for isolation): the invariants
 * hold over thousands of operations — no lost update, uniqueness kept, money neither made nor lost.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;

    @RegisterExtension
    static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create();

    private static DynamoDbClient dynamo;
    private static ExecutorService pool;

    @BeforeAll
    static void setUp() {
        dynamo = DYNAMO.db().clientBuilder().httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())).build();
        dynamo.createTable(b -> b.tableName("things").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
        dynamo.close();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static long number(String id, String attribute) {
        return Long.parseLong(dynamo.getItem(b -> b.tableName("things").key(key(id)).consistentRead(true)).item().get(attribute).n());
    }

    private static void runAll(int perThread, IntTask task) throws Exception {
        List<Future<Void>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < perThread; i++) {
                    task.run(thread, i);
                }
                return null;
            }));
        }
        for (Future<Void> future : futures) {
            future.get();
        }
    }

    @FunctionalInterface
    private interface IntTask {
        void run(int thread, int i) throws Exception;
    }

    @Test
    void optimisticLockingLosesNoUpdate() throws Exception {
        dynamo.putItem(b -> b.tableName("things").item(Map.of("id", AttributeValue.fromS("counter"),
                "n", AttributeValue.fromN("0"), "version", AttributeValue.fromN("0"))));
        AtomicInteger conflicts = new AtomicInteger();
        runAll(150, (thread, i) -> {
            while (true) {
                Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("things").key(key("counter")).consistentRead(true)).item();
                long n = Long.parseLong(item.get("n").n());
                String version = item.get("version").n();
                try {
                    dynamo.updateItem(b -> b.tableName("things").key(key("counter"))
                            .updateExpression("SET n = :n, version = version + :one")
                            .conditionExpression("version = :version")
                            .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Long.toString(n + 1)),
                                    ":one", AttributeValue.fromN("1"), ":version", AttributeValue.fromN(version))));
                    return;
                } catch (ConditionalCheckFailedException e) {
                    conflicts.incrementAndGet();
                }
            }
        });
        assertEquals(THREADS * 150, number("counter", "n"));
        assertEquals(THREADS * 150, number("counter", "version"));
        System.out.println("CONCURRENCY optimistic locking: " + THREADS * 150 + " increments, " + conflicts + " retried conflicts");
    }

    @Test
    void atomicAddsAllCount() throws Exception {
        runAll(300, (thread, i) -> dynamo.updateItem(b -> b.tableName("things").key(key("adder"))
                .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))));
        assertEquals(THREADS * 300, number("adder", "n"));
    }

    @Test
    void conditionalPutsClaimEachNameExactlyOnce() throws Exception {
        int names = 200;
        AtomicInteger won = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        runAll(names, (thread, i) -> {
            try {
                dynamo.putItem(b -> b.tableName("things").item(Map.of("id", AttributeValue.fromS("name-" + i),
                        "owner", AttributeValue.fromN(Integer.toString(thread)))).conditionExpression("attribute_not_exists(id)"));
                won.incrementAndGet();
            } catch (ConditionalCheckFailedException e) {
                lost.incrementAndGet();
            }
        });
        assertEquals(names, won.get(), "each name claimed once");
        assertEquals(names * (THREADS - 1), lost.get());
    }

    @Test
    void transfersInTransactionsKeepTheTotal() throws Exception {
        int accounts = 10;
        for (int a = 0; a < accounts; a++) {
            int id = a;
            dynamo.putItem(b -> b.tableName("things").item(Map.of("id", AttributeValue.fromS("acct-" + id),
                    "balance", AttributeValue.fromN("100"))));
        }
        AtomicInteger done = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        runAll(250, (thread, i) -> {
            Random random = new Random(thread * 10_000L + i);
            int from = random.nextInt(accounts);
            int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
            String amount = Integer.toString(1 + random.nextInt(40));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName("things").key(key("acct-" + from))
                                .updateExpression("SET balance = balance - :amount").conditionExpression("balance >= :amount")
                                .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN(amount)))).build(),
                        TransactWriteItem.builder().update(u -> u.tableName("things").key(key("acct-" + to))
                                .updateExpression("SET balance = balance + :amount")
                                .expressionAttributeValues(Map.of(":amount", AttributeValue.fromN(amount)))).build()));
                done.incrementAndGet();
            } catch (TransactionCanceledException e) {
                cancelled.incrementAndGet();
            }
        });
        long total = 0;
        for (int a = 0; a < accounts; a++) {
            long balance = number("acct-" + a, "balance");
            assertTrue(balance >= 0, "acct-" + a + " went negative: " + balance);
            total += balance;
        }
        assertEquals(100L * accounts, total, "money neither made nor lost");
        assertEquals(THREADS * 250, done.get() + cancelled.get());
        assertTrue(done.get() > 0 && cancelled.get() > 0, "both paths taken: " + done + " done, " + cancelled + " cancelled");
        System.out.println("CONCURRENCY transfers: " + done + " committed, " + cancelled + " cancelled by their condition");
    }
}
