package dev.stratus.functions.ordersaga;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import dev.stratus.functions.orders.model.Timestamps;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Payment authorizations in the payments table (key {@code pk}), by a deterministic rule: each user
 * has the same credit limit, and an order is authorized when the user's available credit (the limit
 * less the open authorizations) covers its total. Items: {@code AUTH#<orderId>} (the decision:
 * AUTHORIZED, DECLINED or VOIDED, with the amount) and {@code ACCOUNT#<userId>} ({@code availableCents}).
 * Idempotent by order id: the first decision for an order is the one every retry gets, and a void
 * (compensation) that comes first leaves a VOIDED record that no later authorization overrides.
 */
public final class Payments {
    static final String AUTHORIZED = "AUTHORIZED";
    static final String DECLINED = "DECLINED";
    static final String VOIDED = "VOIDED";
    private static final int ATTEMPTS = 3;

    private final DynamoDbClient dynamo;
    private final String table;
    private final long creditLimitCents;
    private final Clock clock;

    public Payments(DynamoDbClient dynamo, String table, long creditLimitCents, Clock clock) {
        if (creditLimitCents < 0) {
            throw new IllegalArgumentException("the credit limit must not be negative, but was " + creditLimitCents);
        }
        this.dynamo = dynamo;
        this.table = table;
        this.creditLimitCents = creditLimitCents;
        this.clock = clock;
    }

    /** An authorization: its record's key and amount. */
    public record Authorization(String authorizationId, String userId, long amountCents) {
    }

    /**
     * Authorizes {@code amountCents} for the order, once: a retry returns the same authorization.
     *
     * @throws PaymentDeclined when the user's available credit does not cover it (recorded: a retry is
     *     declined again), or when the order's authorization was voided already
     */
    public Authorization authorize(String orderId, String userId, long amountCents) {
        if (amountCents <= 0) {
            throw new IllegalArgumentException("the amount of order " + orderId + " must be positive, but was " + amountCents);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> decided = read(auth(orderId));
            if (decided.isPresent()) {
                return decision(orderId, decided.get());
            }
            if (amountCents > creditLimitCents) {
                if (record(orderId, userId, amountCents, DECLINED, "the order total " + amountCents
                        + " cents is above the credit limit of " + creditLimitCents + " cents")) {
                    return decision(orderId, read(auth(orderId)).orElseThrow());
                }
                continue;
            }
            Put authorization = Put.builder().tableName(table)
                    .item(Map.of("pk", s(auth(orderId)), "status", s(AUTHORIZED), "userId", s(userId),
                            "amountCents", n(amountCents), "decidedAt", s(now())))
                    .conditionExpression("attribute_not_exists(pk)")
                    .build();
            Update credit = Update.builder().tableName(table).key(Map.of("pk", s(account(userId))))
                    .updateExpression("SET availableCents = if_not_exists(availableCents, :limit) - :amount")
                    .conditionExpression("attribute_not_exists(availableCents) OR availableCents >= :amount")
                    .expressionAttributeValues(Map.of(":limit", n(creditLimitCents), ":amount", n(amountCents)))
                    .build();
            try {
                dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().put(authorization).build(),
                        TransactWriteItem.builder().update(credit).build()));
                return new Authorization(auth(orderId), userId, amountCents);
            } catch (TransactionCanceledException e) {
                if (Transactions.conditionFailed(e, 0)) {
                    continue; // decided meanwhile: read it
                }
                if (Transactions.conditionFailed(e, 1)) {
                    long available = read(account(userId)).map(a -> Long.parseLong(a.get("availableCents").n())).orElse(creditLimitCents);
                    if (record(orderId, userId, amountCents, DECLINED, "the order total " + amountCents
                            + " cents is above the available credit of " + available + " cents")) {
                        return decision(orderId, read(auth(orderId)).orElseThrow());
                    }
                    continue;
                }
                throw Transactions.transientOrRethrow(e, "the authorization of order " + orderId);
            }
        }
        throw new TransientFailure("the payment of order " + orderId + " changed during " + ATTEMPTS + " attempts", null);
    }

    /**
     * Voids the order's authorization and gives the amount back to the user's credit, once. True when
     * this call voided it; false when there was nothing to void (declined, voided already, or never
     * authorized: then a VOIDED record stops a late authorization).
     */
    public boolean voidAuthorization(String orderId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> found = read(auth(orderId));
            if (found.isEmpty()) {
                if (record(orderId, null, 0, VOIDED, "voided before any authorization")) {
                    return false;
                }
                continue;
            }
            Map<String, AttributeValue> item = found.get();
            if (!AUTHORIZED.equals(item.get("status").s())) {
                return false;
            }
            long amount = Long.parseLong(item.get("amountCents").n());
            Update voided = Update.builder().tableName(table).key(Map.of("pk", s(auth(orderId))))
                    .updateExpression("SET #status = :voided, voidedAt = :now")
                    .conditionExpression("#status = :authorized")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":voided", s(VOIDED), ":authorized", s(AUTHORIZED), ":now", s(now())))
                    .build();
            Update credit = Update.builder().tableName(table).key(Map.of("pk", s(account(item.get("userId").s()))))
                    .updateExpression("SET availableCents = availableCents + :amount")
                    .conditionExpression("attribute_exists(availableCents)")
                    .expressionAttributeValues(Map.of(":amount", n(amount)))
                    .build();
            try {
                dynamo.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(voided).build(),
                        TransactWriteItem.builder().update(credit).build()));
                return true;
            } catch (TransactionCanceledException e) {
                if (Transactions.conditionFailed(e, 0)) {
                    continue; // voided meanwhile
                }
                throw Transactions.transientOrRethrow(e, "the void of order " + orderId);
            }
        }
        throw new TransientFailure("the payment of order " + orderId + " changed during " + ATTEMPTS + " attempts to void it", null);
    }

    /** Writes a decision unless one exists; false when one did. */
    private boolean record(String orderId, String userId, long amountCents, String status, String reason) {
        java.util.Map<String, AttributeValue> item = new java.util.LinkedHashMap<>();
        item.put("pk", s(auth(orderId)));
        item.put("status", s(status));
        item.put("amountCents", n(amountCents));
        item.put("reason", s(reason));
        item.put("decidedAt", s(now()));
        if (userId != null) {
            item.put("userId", s(userId));
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Authorization decision(String orderId, Map<String, AttributeValue> item) {
        String status = item.get("status").s();
        if (AUTHORIZED.equals(status)) {
            return new Authorization(auth(orderId), item.get("userId").s(), Long.parseLong(item.get("amountCents").n()));
        }
        if (VOIDED.equals(status)) {
            throw new PaymentDeclined("the payment of order " + orderId + " was voided already");
        }
        throw new PaymentDeclined(item.containsKey("reason") ? item.get("reason").s() : "declined");
    }

    private Optional<Map<String, AttributeValue>> read(String pk) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    static String auth(String orderId) {
        return "AUTH#" + orderId;
    }

    static String account(String userId) {
        return "ACCOUNT#" + userId;
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
