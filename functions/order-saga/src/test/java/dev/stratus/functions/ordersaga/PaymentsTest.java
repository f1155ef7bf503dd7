package dev.stratus.functions.ordersaga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;

/** Authorizations against a per-user credit limit, on the local DynamoDB engine. */
class PaymentsTest {
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    SagaTables t;
    Payments payments;

    @BeforeEach
    void tables() {
        t = new SagaTables(local.client());
        payments = new Payments(t.dynamo, t.payments, 10_000, SagaTables.CLOCK);
    }

    long available(String userId) {
        return Long.parseLong(t.item(t.payments, "pk", "ACCOUNT#" + userId).get("availableCents").n());
    }

    String status(String orderId) {
        return t.item(t.payments, "pk", "AUTH#" + orderId).get("status").s();
    }

    @Test
    void authorizesWithinTheAvailableCreditOnceWhateverTheRetries() {
        assertEquals(new Payments.Authorization("AUTH#o-1", "u-1", 8_000), payments.authorize("o-1", "u-1", 8_000));
        assertEquals(new Payments.Authorization("AUTH#o-1", "u-1", 8_000), payments.authorize("o-1", "u-1", 8_000));
        assertEquals(2_000, available("u-1"));
        assertEquals("AUTHORIZED", status("o-1"));
    }

    @Test
    void declinesWhatTheAvailableCreditDoesNotCoverAndKeepsThatDecision() {
        payments.authorize("o-1", "u-1", 8_000);
        assertEquals("the order total 3000 cents is above the available credit of 2000 cents",
                assertThrows(PaymentDeclined.class, () -> payments.authorize("o-2", "u-1", 3_000)).getMessage());
        assertEquals(2_000, available("u-1"));
        // the credit comes back, but the decision for o-2 stands: a retry sees the same outcome
        assertTrue(payments.voidAuthorization("o-1"));
        assertEquals(10_000, available("u-1"));
        assertThrows(PaymentDeclined.class, () -> payments.authorize("o-2", "u-1", 3_000));
        assertEquals("DECLINED", status("o-2"));
        // another user has a credit of their own
        payments.authorize("o-3", "u-2", 3_000);
    }

    @Test
    void declinesATotalAboveTheLimitWithoutTouchingTheAccount() {
        assertEquals("the order total 10001 cents is above the credit limit of 10000 cents",
                assertThrows(PaymentDeclined.class, () -> payments.authorize("o-1", "u-1", 10_001)).getMessage());
        assertTrue(t.item(t.payments, "pk", "ACCOUNT#u-1").isEmpty());
    }

    @Test
    void voidsOnceAndRefundsNothingForADeclinedPayment() {
        payments.authorize("o-1", "u-1", 4_000);
        assertTrue(payments.voidAuthorization("o-1"));
        assertFalse(payments.voidAuthorization("o-1"));
        assertEquals(10_000, available("u-1"));
        assertThrows(PaymentDeclined.class, () -> payments.authorize("o-2", "u-1", 20_000));
        long writes = local.db().changeCount();
        assertFalse(payments.voidAuthorization("o-2"));
        assertEquals(writes, local.db().changeCount());
        assertEquals("DECLINED", status("o-2"));
    }

    @Test
    void aVoidBeforeTheAuthorizationStopsALateOne() {
        assertFalse(payments.voidAuthorization("o-1"));
        assertEquals("the payment of order o-1 was voided already",
                assertThrows(PaymentDeclined.class, () -> payments.authorize("o-1", "u-1", 1_000)).getMessage());
        assertTrue(t.item(t.payments, "pk", "ACCOUNT#u-1").isEmpty());
    }

    @Test
    void concurrentOrdersOfOneUserNeverOverdrawTheCredit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String orderId = "o-" + i;
            results.add(pool.submit(() -> {
                for (int attempt = 0; ; attempt++) {
                    try {
                        payments.authorize(orderId, "u-1", 1_000);
                        return true;
                    } catch (PaymentDeclined declined) {
                        return false;
                    } catch (TransientFailure conflict) {
                        if (attempt > 50) {
                            throw conflict;
                        }
                    }
                }
            }));
        }
        int authorized = 0;
        for (Future<Boolean> result : results) {
            authorized += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(10, authorized);
        assertEquals(0, available("u-1"));
    }

    @Test
    void refusesANonPositiveAmountOrANegativeLimit() {
        assertEquals("the amount of order o-1 must be positive, but was 0",
                assertThrows(IllegalArgumentException.class, () -> payments.authorize("o-1", "u-1", 0)).getMessage());
        assertEquals("the credit limit must not be negative, but was -1",
                assertThrows(IllegalArgumentException.class, () -> new Payments(t.dynamo, t.payments, -1, SagaTables.CLOCK)).getMessage());
    }
}
