package dev.stratus.functions.orderstats;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.functions.orders.model.OrderStatsTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Keeps the order statistics ({@link OrderStatsTable}) in step with the orders table. Plain business
 * code: it knows DynamoDB, not Lambda.
 *
 * <p>Per order it remembers what is counted ({@code ORDER#<orderId>}, with a version). A change moves
 * the aggregates from what was counted to what the new image says, in one transaction with the
 * {@code ORDER#} item (conditional on its version) and, for a stream record, the record's
 * {@code RECORD#<eventID>} marker (conditional on its absence). So a redelivered record writes nothing
 * — also when Lambda delivers an already applied record again after newer ones, as a bisected retry
 * does — and the backfill and the stream never count an order twice: the backfill adds an order only
 * when nothing is counted for it yet.
 */
public final class OrderStatistics {
    /** How long a record marker is kept: the stream keeps records 24 hours; two days is safely beyond. */
    static final Duration MARKER_LIFETIME = Duration.ofDays(2);
    /** Attempts when a concurrent writer (the backfill, another processor) changed the order's counted state meanwhile. */
    static final int ATTEMPTS = 3;

    /** What became of one change. */
    public enum Outcome {
        /** The aggregates moved. */
        APPLIED,
        /** The stream record was applied before: nothing was written. */
        ALREADY_APPLIED,
        /** The item is no order (an outbox event, an Idempotency-Key record): nothing was written. */
        NOT_AN_ORDER,
        /** The change does not touch what is counted (same user, day, status and total): nothing was written. */
        UNCHANGED,
        /** Backfill: the order is counted already (by the stream or an earlier run): nothing was written. */
        ALREADY_COUNTED
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public OrderStatistics(DynamoDbClient dynamo, String statsTable, Clock clock) {
        this.dynamo = dynamo;
        this.table = statsTable;
        this.clock = clock;
    }

    /**
     * Applies one stream record of the orders table.
     *
     * @param eventId  the record's {@code eventID}, unique per record
     * @param orderId  the item's key
     * @param oldImage the item before (null for INSERT)
     * @param newImage the item after (null for REMOVE)
     */
    public Outcome apply(String eventId, String orderId, Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        if (orderId.startsWith(OrderContribution.OUTBOX_PREFIX)) {
            return Outcome.NOT_AN_ORDER;
        }
        Optional<OrderContribution> target = OrderContribution.of(newImage);
        if (target.isEmpty() && OrderContribution.of(oldImage).isEmpty()) {
            return Outcome.NOT_AN_ORDER;
        }
        for (int attempt = 1; ; attempt++) {
            Counted counted = counted(orderId);
            if (counted.contribution().equals(target) && !counted.absent()) {
                return marked(eventId) ? Outcome.ALREADY_APPLIED : Outcome.UNCHANGED;
            }
            List<TransactWriteItem> writes = new ArrayList<>();
            writes.add(orderItem(orderId, counted, target));
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(Map.of(OrderStatsTable.PK, s(OrderStatsTable.RECORD_PREFIX + eventId),
                            OrderStatsTable.EXPIRES_AT, n(clock.instant().plus(MARKER_LIFETIME).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            writes.addAll(aggregateUpdates(counted.contribution(), target));
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
                return Outcome.APPLIED;
            } catch (TransactionCanceledException e) {
                if (failedCondition(e, 1)) {
                    return Outcome.ALREADY_APPLIED;
                }
                if (!failedCondition(e, 0) || attempt == ATTEMPTS) {
                    throw e;
                }
                // the backfill (or another processor) counted this order meanwhile: read it again
            }
        }
    }

    /**
     * Counts one item of the orders table as it is now, unless something is counted for it already.
     *
     * @throws MalformedOrderException an order that cannot be counted
     */
    public Outcome backfill(Map<String, AttributeValue> item) {
        String orderId = item.get(dev.stratus.functions.orders.model.OrderTable.ORDER_ID).s();
        Optional<OrderContribution> target = orderId.startsWith(OrderContribution.OUTBOX_PREFIX) ? Optional.empty()
                : OrderContribution.of(item);
        if (target.isEmpty()) {
            return Outcome.NOT_AN_ORDER;
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(orderItem(orderId, Counted.NOTHING, target));
        writes.addAll(aggregateUpdates(Optional.empty(), target));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return Outcome.APPLIED;
        } catch (TransactionCanceledException e) {
            if (failedCondition(e, 0)) {
                return Outcome.ALREADY_COUNTED;
            }
            throw e;
        }
    }

    /** What is counted for an order: nothing yet (absent), a tombstone (removed), or a contribution; with its version. */
    private record Counted(boolean absent, Optional<OrderContribution> contribution, long version) {
        static final Counted NOTHING = new Counted(true, Optional.empty(), 0);
    }

    private Counted counted(String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(OrderStatsTable.PK, s(OrderStatsTable.ORDER_PREFIX + orderId)))).item();
        if (item == null || item.isEmpty()) {
            return Counted.NOTHING;
        }
        long version = Long.parseLong(item.get("version").n());
        if (item.containsKey("removed")) {
            return new Counted(false, Optional.empty(), version);
        }
        return new Counted(false, Optional.of(new OrderContribution(item.get("userId").s(), item.get("day").s(),
                item.get("status").s(), Long.parseLong(item.get("totalCents").n()))), version);
    }

    private boolean marked(String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(OrderStatsTable.PK, s(OrderStatsTable.RECORD_PREFIX + eventId)))).item();
        return item != null && !item.isEmpty();
    }

    /** The ORDER# item after the change, conditional on the version read (or on its absence). */
    private TransactWriteItem orderItem(String orderId, Counted counted, Optional<OrderContribution> target) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(OrderStatsTable.PK, s(OrderStatsTable.ORDER_PREFIX + orderId));
        item.put("version", n(counted.version() + 1));
        target.ifPresentOrElse(c -> {
            item.put("userId", s(c.userId()));
            item.put("day", s(c.day()));
            item.put("status", s(c.status()));
            item.put("totalCents", n(c.totalCents()));
        }, () -> item.put("removed", AttributeValue.builder().bool(true).build()));
        Put.Builder put = Put.builder().tableName(table).item(item);
        if (counted.absent()) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :version").expressionAttributeValues(Map.of(":version", n(counted.version())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** ADD updates moving the aggregates from {@code before} to {@code after}; one per aggregate item, none for a zero change. */
    private List<TransactWriteItem> aggregateUpdates(Optional<OrderContribution> before, Optional<OrderContribution> after) {
        Map<String, Map<String, Long>> deltas = new LinkedHashMap<>();
        before.ifPresent(c -> add(deltas, c, -1));
        after.ifPresent(c -> add(deltas, c, +1));
        List<TransactWriteItem> updates = new ArrayList<>();
        deltas.forEach((key, delta) -> {
            delta.values().removeIf(v -> v == 0);
            if (delta.isEmpty()) {
                return;
            }
            List<String> adds = new ArrayList<>();
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, Long> e : delta.entrySet()) {
                adds.add("#a" + i + " :v" + i);
                names.put("#a" + i, e.getKey());
                values.put(":v" + i, n(e.getValue()));
                i++;
            }
            updates.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Map.of(OrderStatsTable.PK, s(key)))
                    .updateExpression("ADD " + String.join(", ", adds))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build()).build());
        });
        return updates;
    }

    private static void add(Map<String, Map<String, Long>> deltas, OrderContribution c, int sign) {
        for (String key : List.of(OrderStatsTable.USER_PREFIX + c.userId(), OrderStatsTable.DAY_PREFIX + c.day())) {
            Map<String, Long> delta = deltas.computeIfAbsent(key, k -> new LinkedHashMap<>());
            delta.merge(OrderStatsTable.ORDERS, (long) sign, Long::sum);
            delta.merge(OrderStatsTable.REVENUE_CENTS, sign * c.totalCents(), Long::sum);
            delta.merge(OrderStatsTable.ordersWithStatus(c.status()), (long) sign, Long::sum);
            delta.merge(OrderStatsTable.revenueWithStatus(c.status()), sign * c.totalCents(), Long::sum);
        }
    }

    private static boolean failedCondition(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
