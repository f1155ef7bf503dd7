package dev.stratus.functions.ordersaga;

import static dev.stratus.functions.ordersaga.SagaTables.EXECUTION;
import static dev.stratus.functions.ordersaga.SagaTables.OTHER_EXECUTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;

/** The order's status through the saga, on the local DynamoDB engine. */
class OrderLifecycleTest {
    @RegisterExtension
    static final LocalDynamoDbExtension local = LocalDynamoDbExtension.create();
    SagaTables t;
    OrderLifecycle orders;

    @BeforeEach
    void tables() {
        local.db().faults().clear();
        t = new SagaTables(local.client());
        t.order("o-1", "u-1", "espresso", 2);
        orders = new OrderLifecycle(t.dynamo, t.orders, t.outbox(), SagaTables.CLOCK);
    }

    @Test
    void claimsAPendingOrderForOneExecutionAndAgainForItsRetry() {
        OrderLifecycle.Claim claim = orders.process("o-1", EXECUTION);
        assertEquals(new OrderLifecycle.Claim(true, "o-1", "u-1", OrderTable.PROCESSING, 500, "EUR"), claim);
        assertEquals(EXECUTION, t.order("o-1").get(OrderTable.SAGA_EXECUTION).s());
        // the same execution's retry (its first answer was lost) goes on
        assertEquals(claim, orders.process("o-1", EXECUTION));
    }

    @Test
    void anotherExecutionOfTheSameEventEndsWithoutChangingAnything() {
        orders.process("o-1", EXECUTION);
        long writes = local.db().changeCount();
        assertEquals(new OrderLifecycle.Claim(false, "o-1", "u-1", OrderTable.PROCESSING, 500, "EUR"), orders.process("o-1", OTHER_EXECUTION));
        assertEquals(writes, local.db().changeCount());
        assertEquals(EXECUTION, t.order("o-1").get(OrderTable.SAGA_EXECUTION).s());
    }

    @Test
    void anExpiredOrConfirmedOrderIsNotProceeded() {
        orders.process("o-1", EXECUTION);
        orders.confirm("o-1", EXECUTION);
        assertFalse(orders.process("o-1", OTHER_EXECUTION).proceed());
        t.order("o-2", "u-1", "espresso", 1);
        t.dynamo.updateItem(b -> b.tableName(t.orders).key(Map.of("orderId", SagaTables.s("o-2")))
                .updateExpression("SET #s = :e").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":e", SagaTables.s(OrderTable.EXPIRED))));
        assertEquals(OrderTable.EXPIRED, orders.process("o-2", EXECUTION).status());
        assertEquals(OrderTable.EXPIRED, t.status("o-2"));
    }

    @Test
    void aMissingOrderOrAnotherKindOfItemIsOrderNotFoundAndWritesNothing() {
        long writes = local.db().changeCount();
        assertEquals("order o-9 does not exist", assertThrows(OrderNotFound.class, () -> orders.process("o-9", EXECUTION)).getMessage());
        t.dynamo.putItem(b -> b.tableName(t.orders).item(Map.of("orderId", SagaTables.s("EVENT-1"), "outbox", SagaTables.s("PENDING"))));
        assertThrows(OrderNotFound.class, () -> orders.process("EVENT-1", EXECUTION));
        assertEquals(writes + 1, local.db().changeCount());
        assertTrue(t.order("o-9") == null || t.order("o-9").isEmpty(), "the conditional update created no order");
    }

    @Test
    void confirmsOnceWithOneOrderConfirmedEventWhateverTheRetries() {
        orders.process("o-1", EXECUTION);
        assertTrue(orders.confirm("o-1", EXECUTION));
        assertFalse(orders.confirm("o-1", EXECUTION));
        assertEquals(OrderTable.CONFIRMED, t.status("o-1"));
        assertEquals(1, t.published.size());
        assertEquals("order.confirmed", t.published.get(0).type());
        assertEquals("stratus.orders", t.published.get(0).source());
        assertEquals("o-1", t.published.get(0).data().get("orderId").asText());
        assertEquals(500, t.published.get(0).data().get("totalCents").asLong());
        assertEquals(0, t.outboxItems());
    }

    @Test
    void aConfirmationWhoseEventCannotBePublishedLeavesItInTheOutbox() {
        orders.process("o-1", EXECUTION);
        t.busDown.set(true);
        assertTrue(orders.confirm("o-1", EXECUTION));
        assertEquals(OrderTable.CONFIRMED, t.status("o-1"));
        assertEquals(1, t.outboxItems());
    }

    @Test
    void refusesToConfirmAnOrderThatIsNotThisExecutionsProcessingOrder() {
        assertEquals("order o-1 is PENDING and not claimed by this execution, not PROCESSING: it cannot be confirmed",
                assertThrows(IllegalStateException.class, () -> orders.confirm("o-1", EXECUTION)).getMessage());
        orders.process("o-1", EXECUTION);
        assertThrows(IllegalStateException.class, () -> orders.confirm("o-1", OTHER_EXECUTION));
        assertEquals(List.of(), t.published);
    }

    @Test
    void cancelsThisExecutionsOrderOnceWithTheReasonAndOneOrderCancelledEvent() {
        orders.process("o-1", EXECUTION);
        assertTrue(orders.cancel("o-1", EXECUTION, "payment declined: over the limit", "ValidatePayment"));
        assertFalse(orders.cancel("o-1", EXECUTION, "payment declined: over the limit", "ValidatePayment"));
        assertEquals(OrderTable.CANCELLED, t.status("o-1"));
        assertEquals("payment declined: over the limit", t.order("o-1").get(OrderTable.STATUS_REASON).s());
        assertEquals(1, t.published.size());
        assertEquals("order.cancelled", t.published.get(0).type());
        assertEquals("payment declined: over the limit", t.published.get(0).data().get("reason").asText());
        assertEquals("ValidatePayment", t.published.get(0).data().get("failedStep").asText());
    }

    @Test
    void cancelsAnUnclaimedPendingOrderAndOneThisExecutionConfirmedBeforeItsAnswerWasLost() {
        assertTrue(orders.cancel("o-1", EXECUTION, "the order could not be processed (ProcessOrder failed)", "ProcessOrder"));
        assertEquals(OrderTable.CANCELLED, t.status("o-1"));
        t.order("o-2", "u-1", "espresso", 1);
        orders.process("o-2", EXECUTION);
        orders.confirm("o-2", EXECUTION);
        assertTrue(orders.cancel("o-2", EXECUTION, "the order could not be processed (ConfirmOrder failed)", "ConfirmOrder"));
        assertEquals(OrderTable.CANCELLED, t.status("o-2"));
    }

    @Test
    void leavesAnotherExecutionsOrderAMissingOneAndAnExpiredOneAlone() {
        orders.process("o-1", OTHER_EXECUTION);
        long writes = local.db().changeCount();
        assertFalse(orders.cancel("o-1", EXECUTION, "r", "UpdateInventory"));
        assertFalse(orders.cancel("o-9", EXECUTION, "r", "UpdateInventory"));
        assertEquals(writes, local.db().changeCount());
        assertEquals(OrderTable.PROCESSING, t.status("o-1"));
        assertEquals(List.of(), t.published);
    }

    @Test
    void aTransactionConflictIsATransientFailure() {
        orders.process("o-1", EXECUTION);
        local.db().faults().inject(Fault.transactionConflict().on("TransactWriteItems"));
        TransientFailure e = assertThrows(TransientFailure.class, () -> orders.confirm("o-1", EXECUTION));
        assertTrue(e.getMessage().contains("TransactionConflict"), e.getMessage());
        assertEquals(OrderTable.PROCESSING, t.status("o-1"));
        local.db().faults().clear();
        assertTrue(orders.confirm("o-1", EXECUTION));
    }
}
