package dev.stratus.functions.ordersaga;

import static dev.stratus.functions.ordersaga.SagaTables.EXECUTION;
import static dev.stratus.functions.ordersaga.SagaTables.OTHER_EXECUTION;
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

/** Stock reserved and released in transactions, on the local DynamoDB engine. */
class InventoryTest {
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    SagaTables t;
    Inventory inventory;
    OrderLifecycle orders;

    @BeforeEach
    void tables() {
        t = new SagaTables(local.client());
        t.product("espresso", 250, 10L);
        t.product("croissant", 190, 1L);
        t.product("tea", 200, null);
        inventory = new Inventory(t.dynamo, t.orders, t.products, SagaTables.CLOCK);
        orders = new OrderLifecycle(t.dynamo, t.orders, t.outbox(), SagaTables.CLOCK);
    }

    void claimed(String orderId, Object... lines) {
        t.order(orderId, "u-1", lines);
        orders.process(orderId, EXECUTION);
    }

    @Test
    void reservesEveryLineInOneTransactionOnceWhateverTheRetries() {
        claimed("o-1", "espresso", 2, "croissant", 1);
        List<Inventory.Line> lines = List.of(new Inventory.Line("espresso", 2), new Inventory.Line("croissant", 1));
        assertEquals(lines, inventory.reserve("o-1", EXECUTION));
        assertEquals(lines, inventory.reserve("o-1", EXECUTION));
        assertEquals(8, t.stock("espresso"));
        assertEquals(0, t.stock("croissant"));
        assertEquals("RESERVED", t.order("o-1").get("inventory").s());
    }

    @Test
    void reservesNothingWhenOneProductIsShortOrHasNoStockOrIsGone() {
        claimed("o-1", "espresso", 2, "croissant", 2, "tea", 1, "gone", 1);
        long writes = local.db().changeCount();
        InsufficientStock e = assertThrows(InsufficientStock.class, () -> inventory.reserve("o-1", EXECUTION));
        assertEquals(List.of("croissant", "tea", "gone"), e.productIds());
        assertEquals("not enough stock of croissant, tea, gone", e.getMessage());
        assertEquals(writes, local.db().changeCount());
        assertEquals(10, t.stock("espresso"));
        assertFalse(t.order("o-1").containsKey("inventory"));
    }

    @Test
    void releasesTheReservedStockOnce() {
        claimed("o-1", "espresso", 3);
        inventory.reserve("o-1", EXECUTION);
        assertTrue(inventory.release("o-1", EXECUTION));
        assertFalse(inventory.release("o-1", EXECUTION));
        assertEquals(10, t.stock("espresso"));
        assertEquals("RELEASED", t.order("o-1").get("inventory").s());
    }

    @Test
    void aReleaseBeforeTheReservationStopsALateOne() {
        claimed("o-1", "espresso", 3);
        assertFalse(inventory.release("o-1", EXECUTION));
        assertEquals("the stock of order o-1 is RELEASED: it cannot be reserved",
                assertThrows(IllegalStateException.class, () -> inventory.reserve("o-1", EXECUTION)).getMessage());
        assertEquals(10, t.stock("espresso"));
    }

    @Test
    void touchesNoOrderThatIsNotThisExecutions() {
        claimed("o-1", "espresso", 3);
        assertEquals("order o-1 is PROCESSING and not this execution's PROCESSING order: its stock is not reserved",
                assertThrows(IllegalStateException.class, () -> inventory.reserve("o-1", OTHER_EXECUTION)).getMessage());
        long writes = local.db().changeCount();
        assertFalse(inventory.release("o-1", OTHER_EXECUTION));
        inventory.reserve("o-1", EXECUTION);
        assertFalse(inventory.release("o-1", OTHER_EXECUTION));
        assertEquals(writes + 2, local.db().changeCount());
        assertEquals(7, t.stock("espresso"));
    }

    @Test
    void ordersCompetingForTheLastUnitsNeverTakeStockBelowZero() throws Exception {
        for (int i = 0; i < 16; i++) {
            claimed("o-" + i, "espresso", 1);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String orderId = "o-" + i;
            results.add(pool.submit(() -> {
                for (int attempt = 0; ; attempt++) {
                    try {
                        inventory.reserve(orderId, EXECUTION);
                        return true;
                    } catch (InsufficientStock none) {
                        return false;
                    } catch (TransientFailure conflict) {
                        if (attempt > 50) {
                            throw conflict;
                        }
                    }
                }
            }));
        }
        int reserved = 0;
        for (Future<Boolean> result : results) {
            reserved += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(10, reserved);
        assertEquals(0, t.stock("espresso"));
    }
}
