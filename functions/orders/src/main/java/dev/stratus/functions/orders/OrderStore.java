package dev.stratus.functions.orders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.functions.events.EventEnvelope;
import dev.stratus.functions.http.ApiException;
import dev.stratus.functions.http.Json;
import dev.stratus.functions.events.publish.Outbox;
import dev.stratus.functions.orders.model.OrderTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Orders in the orders table; a user's orders through the user index, newest first. */
public final class OrderStore {
    /** The orders table's time-to-live attribute (epoch seconds); only idempotency records carry it. */
    public static final String EXPIRES_AT = "expiresAt";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Outbox outbox;

    public OrderStore(DynamoDbClient dynamo, String table, Outbox outbox) {
        this.dynamo = dynamo;
        this.table = table;
        this.outbox = outbox;
    }

    /** A page of orders and where the next one starts (null on the last page). */
    public record Page(List<Order> orders, Map<String, String> nextKey) {
    }

    /**
     * A remembered {@code Idempotency-Key}: the item {@code IDEMPOTENCY#<hash of caller and key>} in
     * the orders table (no {@code userId}, {@code status} or {@code outbox}, so it is in no index),
     * with the hash of the request it was used for, the answer given, and its time to live.
     */
    public record Idempotency(String itemKey, String requestHash, long expiresAtEpochSecond) {
    }

    /** The answer remembered for a key: the order placed, and whether it was for the same request. */
    public record Remembered(Order order, boolean sameRequest) {
    }

    /** Another request took the same idempotency key between our read and our write. */
    public static final class KeyTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeyTaken() {
            super("the idempotency key was taken meanwhile", null, false, false);
        }
    }

    /**
     * Writes the order, its {@code order.placed} event to the outbox and, with a key, the
     * remembered answer, in one transaction; then publishes the event.
     *
     * @param correlationId the request's correlation id, carried in the event's envelope
     *
     * @throws KeyTaken when a live record of the same key exists (a concurrent retry won)
     */
    public void insert(Order order, Idempotency idempotency, long nowEpochSecond) {
        insert(order, idempotency, nowEpochSecond, null);
    }

    /** {@link #insert(Order, Idempotency, long)}, the {@code order.placed} envelope carrying {@code correlationId} (null: none). */
    public void insert(Order order, Idempotency idempotency, long nowEpochSecond, String correlationId) {
        EventEnvelope placed = EventEnvelope.of("order.placed", "stratus.orders", 1, Map.of(
                "orderId", order.orderId(), "userId", order.userId(), "totalCents", order.totalCents(),
                "currency", order.currency(), "lines", order.lines().size())).withCorrelationId(correlationId);
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(order))
                        .conditionExpression("attribute_not_exists(orderId)").build()).build(),
                TransactWriteItem.builder().put(outbox.put(placed)).build()));
        if (idempotency != null) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(Map.of(OrderTable.ORDER_ID, s(idempotency.itemKey()),
                            "requestHash", s(idempotency.requestHash()),
                            "response", s(json(order)),
                            EXPIRES_AT, n(idempotency.expiresAtEpochSecond())))
                    // time to live deletes within days, not at once: an expired record counts as absent
                    .conditionExpression("attribute_not_exists(orderId) OR " + EXPIRES_AT + " < :now")
                    .expressionAttributeValues(Map.of(":now", n(nowEpochSecond))).build()).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (idempotency != null && reasons.size() > 2 && "ConditionalCheckFailed".equals(reasons.get(2).code())) {
                throw new KeyTaken();
            }
            throw ApiException.conflict("a concurrent request wrote the same order; retry");
        }
        outbox.flush(placed);
    }

    /** The live answer remembered under {@code idempotency}'s key, if any. */
    public Optional<Remembered> remembered(Idempotency idempotency, long nowEpochSecond) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(OrderTable.ORDER_ID, s(idempotency.itemKey()))).consistentRead(true)).item();
        if (item == null || item.isEmpty() || Long.parseLong(item.get(EXPIRES_AT).n()) < nowEpochSecond) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Remembered(Json.MAPPER.readValue(item.get("response").s(), Order.class),
                    idempotency.requestHash().equals(item.get("requestHash").s())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the remembered answer of " + idempotency.itemKey() + " is not an order", e);
        }
    }

    private static String json(Order order) {
        try {
            return Json.MAPPER.writeValueAsString(order);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Order> find(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of(OrderTable.ORDER_ID, s(orderId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(order(item));
    }

    public Page listByUser(String userId, int limit, Map<String, String> startKey) {
        Map<String, AttributeValue> start = null;
        if (startKey != null) {
            start = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : startKey.entrySet()) {
                start.put(e.getKey(), s(e.getValue()));
            }
        }
        Map<String, AttributeValue> exclusiveStart = start;
        QueryResponse response = dynamo.query(b -> b.tableName(table)
                .indexName(OrderTable.USER_INDEX)
                .keyConditionExpression("userId = :user")
                .expressionAttributeValues(Map.of(":user", s(userId)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(exclusiveStart));
        List<Order> orders = response.items().stream().map(OrderStore::order).toList();
        Map<String, String> next = null;
        if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
            next = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> e : response.lastEvaluatedKey().entrySet()) {
                next.put(e.getKey(), e.getValue().s());
            }
        }
        return new Page(orders, next);
    }

    private static Map<String, AttributeValue> item(Order order) {
        List<AttributeValue> lines = new ArrayList<>();
        for (Order.Line line : order.lines()) {
            lines.add(AttributeValue.builder().m(Map.of(
                    "productId", s(line.productId()),
                    "name", s(line.name()),
                    "quantity", n(line.quantity()),
                    "unitPriceCents", n(line.unitPriceCents()),
                    "lineTotalCents", n(line.lineTotalCents()))).build());
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(OrderTable.ORDER_ID, s(order.orderId()));
        item.put(OrderTable.USER_ID, s(order.userId()));
        item.put(OrderTable.STATUS, s(order.status()));
        item.put(OrderTable.CREATED_AT, s(order.createdAt()));
        item.put("lines", AttributeValue.builder().l(lines).build());
        item.put("totalCents", n(order.totalCents()));
        item.put("currency", s(order.currency()));
        return item;
    }

    private static Order order(Map<String, AttributeValue> item) {
        List<Order.Line> lines = new ArrayList<>();
        for (AttributeValue value : item.getOrDefault("lines", AttributeValue.builder().l(List.of()).build()).l()) {
            Map<String, AttributeValue> m = value.m();
            lines.add(new Order.Line(m.get("productId").s(), m.get("name").s(), Integer.parseInt(m.get("quantity").n()),
                    Long.parseLong(m.get("unitPriceCents").n()), Long.parseLong(m.get("lineTotalCents").n())));
        }
        return new Order(item.get(OrderTable.ORDER_ID).s(), item.get(OrderTable.USER_ID).s(), item.get(OrderTable.STATUS).s(),
                lines, Long.parseLong(item.get("totalCents").n()), item.get("currency").s(), item.get(OrderTable.CREATED_AT).s(),
                item.containsKey(OrderTable.STATUS_REASON) ? item.get(OrderTable.STATUS_REASON).s() : null);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
