package dev.stratus.functions.expireorders;

import dev.stratus.functions.orders.model.Timestamps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The business logic against the local DynamoDB engine: boundaries, paging, reruns and races. */
class OrderExpiryTest extends LocalDynamoTest {
    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Duration AGE = Duration.ofHours(48);
    OrderExpiry expiry(int pageSize) {
        return expiry(dynamo, pageSize);
    }

    OrderExpiry expiry(DynamoDbClient client, int pageSize) {
        return new OrderExpiry(client, table, Orders.STATUS_INDEX, pageSize, CLOCK);
    }

    @Test
    void expiresOnlyPendingOrdersOlderThanTheCutoff() {
        Instant cutoff = NOW.minus(AGE);
        orders.put("stale", "PENDING", cutoff.minusMillis(1));
        orders.put("at-cutoff", "PENDING", cutoff);
        orders.put("young", "PENDING", NOW.minus(Duration.ofHours(1)));
        orders.put("old-paid", "PAID", cutoff.minus(Duration.ofDays(30)));

        ExpiryResult result = expiry(100).expire(AGE, () -> true);

        assertEquals(new ExpiryResult(1, 1, 0, true, "2026-11-20T02:00:00.000Z", "PT48H"), result);
        assertEquals("EXPIRED", orders.status("stale"));
        assertEquals("PENDING", orders.status("at-cutoff"));
        assertEquals("PENDING", orders.status("young"));
        assertEquals("PAID", orders.status("old-paid"));
    }

    @Test
    void keepsTheOtherAttributesAndRecordsWhen() {
        orders.put("stale", "PENDING", NOW.minus(Duration.ofDays(3)));
        Map<String, AttributeValue> before = orders.get("stale");

        expiry(100).expire(AGE, () -> true);

        Map<String, AttributeValue> after = orders.get("stale");
        assertEquals("2026-11-22T02:00:00.000Z", after.get("expiredAt").s());
        for (String unchanged : List.of("orderId", "createdAt", "userId", "total")) {
            assertEquals(before.get(unchanged), after.get(unchanged), unchanged);
        }
    }

    @Test
    void pagesThroughMoreStaleOrdersThanOnePage() {
        for (int i = 0; i < 35; i++) {
            orders.put(String.format("stale-%02d", i), "PENDING", NOW.minus(AGE).minusSeconds(60L * (i + 1)));
        }
        for (int i = 0; i < 5; i++) {
            orders.put("fresh-" + i, "PENDING", NOW.minusSeconds(i));
        }
        AtomicInteger queries = new AtomicInteger();
        DynamoDbClient counting = local.db().clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest) {
                    queries.incrementAndGet();
                }
            }
        })).build();

        ExpiryResult result = expiry(counting, 10).expire(AGE, () -> true);

        assertEquals(35, result.scanned());
        assertEquals(35, result.expired());
        assertTrue(result.complete());
        assertTrue(queries.get() >= 4, "35 stale orders in pages of 10 need at least 4 queries, made " + queries.get());
        long expired = orders.scanAll().stream().filter(i -> i.get("status").s().equals("EXPIRED")).count();
        assertEquals(35, expired);
        counting.close();
    }

    @Test
    void aRerunChangesNothing() {
        for (int i = 0; i < 12; i++) {
            orders.put("stale-" + i, "PENDING", NOW.minus(Duration.ofDays(5)));
        }
        assertEquals(12, expiry(5).expire(AGE, () -> true).expired());
        List<Map<String, AttributeValue>> afterFirst = orders.scanAll();

        ExpiryResult second = new OrderExpiry(dynamo, table, Orders.STATUS_INDEX, 5,
                Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC)).expire(AGE, () -> true);

        assertEquals(new ExpiryResult(0, 0, 0, true, "2026-11-20T03:00:00.000Z", "PT48H"), second);
        assertEquals(afterFirst, orders.scanAll(), "not even expiredAt moved");
    }

    @Test
    void anOrderPaidBetweenQueryAndUpdateStaysPaid() {
        orders.put("racy", "PENDING", NOW.minus(Duration.ofDays(3)));
        orders.put("plain", "PENDING", NOW.minus(Duration.ofDays(4)));
        AtomicBoolean paid = new AtomicBoolean();
        // A payment lands after the job has read the index and before its update reaches the table.
        DynamoDbClient racing = local.db().clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateItemRequest update
                        && update.key().get("orderId").s().equals("racy") && paid.compareAndSet(false, true)) {
                    orders.setStatus("racy", "PAID");
                }
            }
        })).build();

        ExpiryResult result = expiry(racing, 100).expire(AGE, () -> true);

        assertTrue(paid.get());
        assertEquals(2, result.scanned());
        assertEquals(1, result.expired());
        assertEquals(1, result.skipped());
        assertEquals("PAID", orders.status("racy"));
        assertFalse(orders.get("racy").containsKey("expiredAt"));
        assertEquals("EXPIRED", orders.status("plain"));
        racing.close();
    }

    @Test
    void concurrentRunsExpireEveryOrderExactlyOnce() throws Exception {
        int stale = 150;
        for (int i = 0; i < stale; i++) {
            orders.put(String.format("order-%03d", i), "PENDING", NOW.minus(AGE).minusSeconds(i + 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<ExpiryResult>> runs = new java.util.ArrayList<>();
            for (int r = 0; r < 3; r++) {
                DynamoDbClient own = local.db().client();
                runs.add(pool.submit(() -> {
                    go.await();
                    try (own) {
                        return expiry(own, 20).expire(AGE, () -> true);
                    }
                }));
            }
            go.countDown();
            int expired = 0;
            int skipped = 0;
            int scanned = 0;
            for (Future<ExpiryResult> run : runs) {
                ExpiryResult result = run.get();
                expired += result.expired();
                skipped += result.skipped();
                scanned += result.scanned();
            }
            assertEquals(stale, expired, "each order expired by exactly one run");
            assertEquals(scanned, expired + skipped);
            assertTrue(orders.scanAll().stream().allMatch(i -> i.get("status").s().equals("EXPIRED")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void stopsBeforeTheTimeoutAndTheNextRunCarriesOn() {
        for (int i = 0; i < 10; i++) {
            orders.put("stale-" + i, "PENDING", NOW.minus(Duration.ofDays(3)));
        }
        AtomicInteger budget = new AtomicInteger(4);

        ExpiryResult first = expiry(3).expire(AGE, () -> budget.getAndDecrement() > 0);
        ExpiryResult second = expiry(3).expire(AGE, () -> true);

        assertFalse(first.complete());
        assertEquals(4, first.expired());
        assertTrue(second.complete());
        assertEquals(6, second.expired());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1H", "PT0.001S", "PT59M59S", "P3651D"})
    void failsWhenTheAgeIsUnderAnHourOrOverTenYears(String age) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> expiry(10).expire(Duration.parse(age), () -> true));

        assertEquals("maxPendingAge must be from PT1H to P3650D, but was " + Duration.parse(age), e.getMessage());
    }

    @Test
    void timestampsAreFixedWidthSoStringOrderIsTimeOrder() {
        assertEquals("2026-11-20T01:02:03.000Z", Timestamps.format(Instant.parse("2026-11-20T01:02:03Z")));
        assertEquals("2026-11-20T01:02:03.500Z", Timestamps.format(Instant.parse("2026-11-20T01:02:03.5Z")));
        assertTrue(Timestamps.format(Instant.parse("2026-11-20T01:02:03Z"))
                .compareTo(Timestamps.format(Instant.parse("2026-11-20T01:02:03.5Z"))) < 0);
    }
}
