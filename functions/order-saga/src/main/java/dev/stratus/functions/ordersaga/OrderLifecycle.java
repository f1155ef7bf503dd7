package dev.stratus.functions.ordersaga;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.orders.model.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The order's side of the saga, in the orders table: an execution claims a PENDING order
 * (PROCESSING, {@code sagaExecution} = its ARN), and then confirms it or cancels it with a reason,
 * each with its {@code order.confirmed} / {@code order.cancelled} event written to the table's outbox
 * in the same transaction and published right after. Every method may run twice for one execution
 * (a retry after a lost answer) and does its effect once.
 */
public final class OrderLifecycle {
    static final String SOURCE = "stratus.orders";
    static final String CONFIRMED_EVENT = "order.confirmed";
    static final String CANCELLED_EVENT = "order.cancelled";
    /** A write that lost a race re-reads and decides again, a bounded number of times. */
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Outbox outbox;
    private final Clock clock;

    /** @param outbox the orders table's outbox (key attribute {@code orderId}); null for ProcessOrder, which writes no event */
    public OrderLifecycle(DynamoDbClient dynamo, String table, Outbox outbox, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * What ProcessOrder found: the order, and whether this execution may go on with it.
     *
     * @param proceed false when the order is not PENDING (or is claimed by another execution): a
     *                redelivered {@code order.placed}, or an order handled already; the saga ends there
     */
    public record Claim(boolean proceed, String orderId, String userId, String status, long totalCents, String currency) {
    }

    /**
     * Claims the order for {@code execution}: PENDING becomes PROCESSING, conditionally. Claiming it
     * again for the same execution succeeds (a retried step); any other status is answered with
     * {@code proceed = false} and no change.
     *
     * @throws OrderNotFound when no order has this id
     */
    public Claim process(String orderId, String execution) {
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(b -> b.tableName(table).key(key(orderId))
                    .updateExpression("SET #status = :processing, " + OrderTable.SAGA_EXECUTION + " = :me, updatedAt = :now")
                    .conditionExpression("#status = :pending OR (#status = :processing AND " + OrderTable.SAGA_EXECUTION + " = :me)")
                    .expressionAttributeNames(Map.of("#status", OrderTable.STATUS))
                    .expressionAttributeValues(Map.of(":processing", s(OrderTable.PROCESSING), ":pending", s(OrderTable.PENDING),
                            ":me", s(execution), ":now", s(now())))
                    .returnValues(ReturnValue.ALL_NEW)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
            return claim(item, true);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = e.hasItem() ? e.item() : Map.of();
            if (!isOrder(item)) {
                throw new OrderNotFound(orderId);
            }
            return claim(item, false);
        }
    }

    /**
     * Confirms the order this execution claimed, with its {@code order.confirmed} event. True when this
     * call confirmed it; false when it was confirmed by this execution already (the event was written then).
     *
     * @throws IllegalStateException when the order is not this execution's PROCESSING order
     */
    public boolean confirm(String orderId, String execution) {
        return confirm(orderId, execution, null);
    }

    /** {@link #confirm(String, String)}, the event carrying {@code correlationId} (null: none). */
    public boolean confirm(String orderId, String execution, String correlationId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> order = read(orderId).orElseThrow(() -> new IllegalStateException("order " + orderId + " is gone"));
            String status = text(order, OrderTable.STATUS);
            boolean mine = execution.equals(text(order, OrderTable.SAGA_EXECUTION));
            if (mine && OrderTable.CONFIRMED.equals(status)) {
                return false;
            }
            if (!mine || !OrderTable.PROCESSING.equals(status)) {
                throw new IllegalStateException("order " + orderId + " is " + status + (mine ? "" : " and not claimed by this execution")
                        + ", not PROCESSING: it cannot be confirmed");
            }
            EventEnvelope confirmed = EventEnvelope.of(CONFIRMED_EVENT, SOURCE, 1, eventData(order, null, null))
                    .withCorrelationId(correlationId);
            if (transition(orderId, OrderTable.CONFIRMED, null, "#status = :processing AND " + OrderTable.SAGA_EXECUTION + " = :me",
                    Map.of(":processing", s(OrderTable.PROCESSING), ":me", s(execution)), confirmed)) {
                outbox.flush(confirmed);
                return true;
            }
        }
        throw new TransientFailure("order " + orderId + " changed during " + ATTEMPTS + " attempts to confirm it", null);
    }

    /**
     * Cancels the order with {@code reason} and its {@code order.cancelled} event, when it is this
     * execution's (PROCESSING, or CONFIRMED by a ConfirmOrder whose answer was lost), or PENDING and
     * claimed by no one (the claim itself failed). True when this call cancelled it; false when there
     * was nothing to cancel: no such order, cancelled already, or another execution's or the expiry
     * job's (left as it is).
     */
    public boolean cancel(String orderId, String execution, String reason, String failedStep) {
        return cancel(orderId, execution, reason, failedStep, null);
    }

    /** {@link #cancel(String, String, String, String)}, the event carrying {@code correlationId} (null: none). */
    public boolean cancel(String orderId, String execution, String reason, String failedStep, String correlationId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> found = read(orderId);
            if (found.isEmpty() || !isOrder(found.get())) {
                return false;
            }
            Map<String, AttributeValue> order = found.get();
            String status = text(order, OrderTable.STATUS);
            String claimedBy = text(order, OrderTable.SAGA_EXECUTION);
            boolean unclaimed = OrderTable.PENDING.equals(status) && claimedBy == null;
            boolean mine = execution.equals(claimedBy) && (OrderTable.PROCESSING.equals(status) || OrderTable.CONFIRMED.equals(status));
            if (!unclaimed && !mine) {
                return false;
            }
            EventEnvelope cancelled = EventEnvelope.of(CANCELLED_EVENT, SOURCE, 1, eventData(order, reason, failedStep))
                    .withCorrelationId(correlationId);
            boolean changed = unclaimed
                    ? transition(orderId, OrderTable.CANCELLED, reason, "#status = :pending AND attribute_not_exists(" + OrderTable.SAGA_EXECUTION + ")",
                            Map.of(":pending", s(OrderTable.PENDING)), cancelled)
                    : transition(orderId, OrderTable.CANCELLED, reason, "#status = :was AND " + OrderTable.SAGA_EXECUTION + " = :me",
                            Map.of(":was", s(status), ":me", s(execution)), cancelled);
            if (changed) {
                outbox.flush(cancelled);
                return true;
            }
        }
        throw new TransientFailure("order " + orderId + " changed during " + ATTEMPTS + " attempts to cancel it", null);
    }

    /**
     * The order's new status and its event in one transaction, on the condition that the order is
     * still as it was read; false when it changed meanwhile.
     */
    private boolean transition(String orderId, String to, String reason, String condition, Map<String, AttributeValue> conditionValues,
            EventEnvelope event) {
        Map<String, AttributeValue> values = new LinkedHashMap<>(conditionValues);
        values.put(":to", s(to));
        values.put(":now", s(now()));
        String update = "SET #status = :to, updatedAt = :now";
        if (reason != null) {
            update += ", " + OrderTable.STATUS_REASON + " = :reason";
            values.put(":reason", s(reason));
        }
        Update change = Update.builder().tableName(table).key(key(orderId))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#status", OrderTable.STATUS))
                .expressionAttributeValues(values)
                .build();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(change).build(),
                    TransactWriteItem.builder().put(outbox.put(event)).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailed(e, 0)) {
                return false;
            }
            throw Transactions.transientOrRethrow(e, "the transaction on order " + orderId);
        }
    }

    private static Map<String, Object> eventData(Map<String, AttributeValue> order, String reason, String failedStep) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", text(order, OrderTable.ORDER_ID));
        data.put("userId", text(order, OrderTable.USER_ID));
        data.put("totalCents", Long.parseLong(order.get("totalCents").n()));
        data.put("currency", text(order, "currency"));
        if (reason != null) {
            data.put("reason", reason);
            data.put("failedStep", failedStep);
        }
        return data;
    }

    private Optional<Map<String, AttributeValue>> read(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(orderId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** An order, not an outbox event or an idempotency record that share the table. */
    private static boolean isOrder(Map<String, AttributeValue> item) {
        return item.containsKey(OrderTable.STATUS) && item.containsKey(OrderTable.USER_ID) && item.containsKey("totalCents");
    }

    private static Claim claim(Map<String, AttributeValue> item, boolean proceed) {
        return new Claim(proceed, text(item, OrderTable.ORDER_ID), text(item, OrderTable.USER_ID), text(item, OrderTable.STATUS),
                Long.parseLong(item.get("totalCents").n()), text(item, "currency"));
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Map<String, AttributeValue> key(String orderId) {
        return Map.of(OrderTable.ORDER_ID, s(orderId));
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
