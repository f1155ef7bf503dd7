package dev.stratus.functions.expireorders;

import dev.stratus.functions.orders.model.OrderTable;
import dev.stratus.functions.orders.model.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Marks orders that have stayed {@code PENDING} longer than an age limit as {@code EXPIRED}.
 *
 * <p>It pages through the status index ({@code status}, {@code createdAt}) and updates each
 * candidate with a condition that re-checks status and age on the item itself. The index is
 * eventually consistent and other writers (a payment, a concurrent run) may change an order at
 * any time; the condition makes every order expire at most once, so reruns and concurrent runs
 * change nothing twice. Knows nothing of Lambda.
 */
public final class OrderExpiry {
    static final String PENDING = OrderTable.PENDING;
    static final String EXPIRED = OrderTable.EXPIRED;
    /**
     * One hour: an order younger than that may still be paid for (a payment page, a bank's
     * confirmation); expiring it would cancel a purchase in flight. A typo such as {@code PT1S}
     * for {@code P1D} must fail, not expire every pending order.
     */
    public static final Duration MIN_PENDING_AGE = Duration.ofHours(1);
    static final String MIN_PENDING_AGE_ISO = "PT1H";
    /** Ten years: far beyond any sensible age, and far from the overflow of {@code now - age}. */
    public static final Duration MAX_PENDING_AGE = Duration.ofDays(3650);
    static final String MAX_PENDING_AGE_ISO = "P3650D";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String statusIndex;
    private final int pageSize;
    private final Clock clock;

    public OrderExpiry(DynamoDbClient dynamo, String table, String statusIndex, int pageSize, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.statusIndex = statusIndex;
        this.pageSize = pageSize;
        this.clock = clock;
    }

    /**
     * Expires every order created before {@code now - maxPendingAge} that is still PENDING.
     *
     * @param hasTimeLeft asked before each update; when it answers false the run stops and
     *                    reports {@code complete = false}
     */
    public ExpiryResult expire(Duration maxPendingAge, BooleanSupplier hasTimeLeft) {
        if (maxPendingAge.compareTo(MIN_PENDING_AGE) < 0 || maxPendingAge.compareTo(MAX_PENDING_AGE) > 0) {
            throw new IllegalArgumentException("maxPendingAge must be from " + MIN_PENDING_AGE_ISO + " to " + MAX_PENDING_AGE_ISO
                    + ", but was " + maxPendingAge);
        }
        Instant now = clock.instant();
        String cutoff = Timestamps.format(now.minus(maxPendingAge));
        String expiredAt = Timestamps.format(now);
        int scanned = 0;
        int expired = 0;
        int skipped = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamo.query(QueryRequest.builder()
                    .tableName(table)
                    .indexName(statusIndex)
                    .keyConditionExpression("#status = :pending AND createdAt < :cutoff")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":pending", string(PENDING), ":cutoff", string(cutoff)))
                    .limit(pageSize)
                    .exclusiveStartKey(startKey)
                    .build());
            for (Map<String, AttributeValue> key : page.items()) {
                if (!hasTimeLeft.getAsBoolean()) {
                    return new ExpiryResult(scanned, expired, skipped, false, cutoff, maxPendingAge.toString());
                }
                scanned++;
                if (expireOne(key.get("orderId"), cutoff, expiredAt)) {
                    expired++;
                } else {
                    skipped++;
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return new ExpiryResult(scanned, expired, skipped, true, cutoff, maxPendingAge.toString());
    }

    /** True when this call expired the order; false when it was no longer a stale PENDING order. */
    private boolean expireOne(AttributeValue orderId, String cutoff, String expiredAt) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(Map.of("orderId", orderId))
                    .updateExpression("SET #status = :expired, expiredAt = :expiredAt")
                    .conditionExpression("attribute_exists(orderId) AND #status = :pending AND createdAt < :cutoff")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(
                            ":expired", string(EXPIRED),
                            ":pending", string(PENDING),
                            ":cutoff", string(cutoff),
                            ":expiredAt", string(expiredAt)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    private static AttributeValue string(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
