package dev.stratus.functions.ordersaga;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.orders.model.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Stock in the products table ({@code stock}, a number), reserved for an order in one transaction:
 * every line's product decremented on the condition that it has enough ({@code stock} never goes below
 * zero), and the order marked {@code inventory = RESERVED} (by this execution) so that a retry
 * reserves nothing twice. Releasing (the compensation) puts the stock back and marks the order
 * RELEASED; releasing an order that reserved nothing marks it RELEASED too, so that a late reservation
 * cannot follow its release.
 */
public final class Inventory {
    static final String INVENTORY = "inventory";
    static final String INVENTORY_BY = "inventoryBy";
    static final String RESERVED = "RESERVED";
    static final String RELEASED = "RELEASED";
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String orders;
    private final String products;
    private final Clock clock;

    public Inventory(DynamoDbClient dynamo, String ordersTable, String productsTable, Clock clock) {
        this.dynamo = dynamo;
        this.orders = ordersTable;
        this.products = productsTable;
        this.clock = clock;
    }

    /** A quantity of one product. */
    public record Line(String productId, long quantity) {
    }

    /**
     * Reserves the stock of every line of the order this execution claimed, once: a retry after the
     * reservation returns the same lines.
     *
     * @throws InsufficientStock when a product has less stock than ordered (nothing is reserved)
     * @throws IllegalStateException when the order is not this execution's PROCESSING order, or its
     *     stock was released already
     */
    public List<Line> reserve(String orderId, String execution) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> order = read(orderId).orElseThrow(() -> new IllegalStateException("order " + orderId + " is gone"));
            List<Line> lines = lines(order);
            String inventory = text(order, INVENTORY);
            if (RESERVED.equals(inventory) && execution.equals(text(order, INVENTORY_BY))) {
                return lines;
            }
            if (inventory != null) {
                throw new IllegalStateException("the stock of order " + orderId + " is " + inventory
                        + (execution.equals(text(order, INVENTORY_BY)) ? "" : " by another execution") + ": it cannot be reserved");
            }
            if (!OrderTable.PROCESSING.equals(text(order, OrderTable.STATUS)) || !execution.equals(text(order, OrderTable.SAGA_EXECUTION))) {
                throw new IllegalStateException("order " + orderId + " is " + text(order, OrderTable.STATUS)
                        + " and not this execution's PROCESSING order: its stock is not reserved");
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(orders).key(orderKey(orderId))
                    .updateExpression("SET " + INVENTORY + " = :reserved, " + INVENTORY_BY + " = :me, updatedAt = :now")
                    .conditionExpression("attribute_not_exists(" + INVENTORY + ") AND #status = :processing AND "
                            + OrderTable.SAGA_EXECUTION + " = :me")
                    .expressionAttributeNames(Map.of("#status", OrderTable.STATUS))
                    .expressionAttributeValues(Map.of(":reserved", s(RESERVED), ":me", s(execution), ":now", s(now()),
                            ":processing", s(OrderTable.PROCESSING)))
                    .build()).build());
            for (Line line : lines) {
                writes.add(TransactWriteItem.builder().update(Update.builder().tableName(products)
                        .key(Map.of("productId", s(line.productId())))
                        .updateExpression("SET stock = stock - :quantity")
                        .conditionExpression("attribute_exists(productId) AND stock >= :quantity")
                        .expressionAttributeValues(Map.of(":quantity", n(line.quantity())))
                        .build()).build());
            }
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return lines;
            } catch (TransactionCanceledException e) {
                if (Transactions.conditionFailed(e, 0)) {
                    continue; // the order changed meanwhile: read it again
                }
                List<Integer> failed = Transactions.failedConditions(e);
                if (!failed.isEmpty()) {
                    throw new InsufficientStock(failed.stream().map(i -> lines.get(i - 1).productId()).toList());
                }
                throw Transactions.transientOrRethrow(e, "the reservation of order " + orderId);
            }
        }
        throw new TransientFailure("order " + orderId + " changed during " + ATTEMPTS + " attempts to reserve its stock", null);
    }

    /**
     * Puts back the stock this execution reserved for the order, once. True when this call released
     * it; false when there was nothing to release (nothing reserved: then the order is marked RELEASED
     * so that no reservation follows; released already; or another execution's order).
     */
    public boolean release(String orderId, String execution) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> found = read(orderId);
            if (found.isEmpty()) {
                return false;
            }
            Map<String, AttributeValue> order = found.get();
            String inventory = text(order, INVENTORY);
            if (inventory == null) {
                if (!execution.equals(text(order, OrderTable.SAGA_EXECUTION))) {
                    return false;
                }
                try {
                    dynamo.updateItem(b -> b.tableName(orders).key(orderKey(orderId))
                            .updateExpression("SET " + INVENTORY + " = :released, " + INVENTORY_BY + " = :me, updatedAt = :now")
                            .conditionExpression("attribute_not_exists(" + INVENTORY + ")")
                            .expressionAttributeValues(Map.of(":released", s(RELEASED), ":me", s(execution), ":now", s(now()))));
                    return false;
                } catch (ConditionalCheckFailedException e) {
                    continue; // reserved meanwhile: release that
                }
            }
            if (!RESERVED.equals(inventory) || !execution.equals(text(order, INVENTORY_BY))) {
                return false;
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(orders).key(orderKey(orderId))
                    .updateExpression("SET " + INVENTORY + " = :released, updatedAt = :now")
                    .conditionExpression(INVENTORY + " = :reserved AND " + INVENTORY_BY + " = :me")
                    .expressionAttributeValues(Map.of(":released", s(RELEASED), ":reserved", s(RESERVED), ":me", s(execution),
                            ":now", s(now())))
                    .build()).build());
            for (Line line : lines(order)) {
                writes.add(TransactWriteItem.builder().update(Update.builder().tableName(products)
                        .key(Map.of("productId", s(line.productId())))
                        .updateExpression("SET stock = stock + :quantity")
                        .conditionExpression("attribute_exists(stock)")
                        .expressionAttributeValues(Map.of(":quantity", n(line.quantity())))
                        .build()).build());
            }
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return true;
            } catch (TransactionCanceledException e) {
                if (Transactions.conditionFailed(e, 0)) {
                    continue;
                }
                throw Transactions.transientOrRethrow(e, "the release of order " + orderId);
            }
        }
        throw new TransientFailure("order " + orderId + " changed during " + ATTEMPTS + " attempts to release its stock", null);
    }

    /** The order's lines, one per product (quantities of a product listed twice added up). */
    static List<Line> lines(Map<String, AttributeValue> order) {
        Map<String, Long> quantities = new LinkedHashMap<>();
        AttributeValue lines = order.get("lines");
        for (AttributeValue line : lines == null || !lines.hasL() ? List.<AttributeValue>of() : lines.l()) {
            quantities.merge(line.m().get("productId").s(), Long.parseLong(line.m().get("quantity").n()), Long::sum);
        }
        return quantities.entrySet().stream().map(e -> new Line(e.getKey(), e.getValue())).toList();
    }

    private Optional<Map<String, AttributeValue>> read(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(orders).key(orderKey(orderId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Map<String, AttributeValue> orderKey(String orderId) {
        return Map.of(OrderTable.ORDER_ID, s(orderId));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
