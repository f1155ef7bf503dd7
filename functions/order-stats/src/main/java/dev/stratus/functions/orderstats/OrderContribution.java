package dev.stratus.functions.orderstats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.stratus.functions.orders.model.OrderTable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one order adds to the statistics: one order of {@code status} and {@code totalCents} of
 * revenue, for its user and for the day it was created (UTC).
 */
record OrderContribution(String userId, String day, String status, long totalCents) {
    /** The prefix of the orders table's outbox items ({@code Outbox.KEY_PREFIX}): events, not orders. */
    static final String OUTBOX_PREFIX = "EVENT#";
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern STATUS = Pattern.compile("[A-Z][A-Z_]{0,31}");

    /**
     * The contribution of an item of the orders table; empty when the item is not an order: an outbox
     * event ({@code EVENT#...}) or an Idempotency-Key record (no {@code userId}).
     *
     * @throws MalformedOrderException an item with a {@code userId} that is not a valid order
     */
    static Optional<OrderContribution> of(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty() || !item.containsKey(OrderTable.USER_ID)) {
            return Optional.empty();
        }
        AttributeValue key = item.get(OrderTable.ORDER_ID);
        if (key != null && key.s() != null && key.s().startsWith(OUTBOX_PREFIX)) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        String userId = text(item, OrderTable.USER_ID, problems);
        String status = text(item, OrderTable.STATUS, problems);
        String createdAt = text(item, OrderTable.CREATED_AT, problems);
        if (status != null && !STATUS.matcher(status).matches()) {
            problems.add("status '" + status + "' is not an upper-case status name");
        }
        String day = createdAt == null || createdAt.length() < 10 ? null : createdAt.substring(0, 10);
        if (createdAt != null && (day == null || !DAY.matcher(day).matches())) {
            problems.add("createdAt '" + createdAt + "' does not start with a yyyy-mm-dd date");
        }
        long total = 0;
        AttributeValue cents = item.get("totalCents");
        if (cents == null || cents.n() == null) {
            problems.add("totalCents is not a number");
        } else {
            try {
                total = Long.parseLong(cents.n());
                if (total < 0) {
                    problems.add("totalCents is negative");
                }
            } catch (NumberFormatException e) {
                problems.add("totalCents " + cents.n() + " is not a whole number of cents");
            }
        }
        if (!problems.isEmpty()) {
            throw new MalformedOrderException(key == null ? "?" : key.s(), problems);
        }
        return Optional.of(new OrderContribution(userId, day, status, total));
    }

    private static String text(Map<String, AttributeValue> item, String name, List<String> problems) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null || value.s().isBlank()) {
            problems.add(name + " is not a non-empty string");
            return null;
        }
        return value.s();
    }
}
