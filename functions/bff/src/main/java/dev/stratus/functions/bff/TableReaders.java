package dev.stratus.functions.bff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.functions.bff.Downstreams.OrderStats;
import dev.stratus.functions.bff.Downstreams.OrderSummary;
import dev.stratus.functions.bff.Downstreams.UserView;
import dev.stratus.functions.orders.model.OrderTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The dashboards' downstreams in AWS: read-only views of the tables the users and orders services
 * own (users at {@code USER#<id>}; orders through the user index) and of the notifications table
 * (key {@code userId} + {@code notificationId}, boolean {@code read}). Reads only: the functions
 * are granted {@code GetItem} and {@code Query}, nothing that writes.
 */
public final class TableReaders implements Downstreams.Users, Downstreams.Orders, Downstreams.Notifications {
    /**
     * The web stats count at most this many of a user's newest orders: reading every order on every
     * request took about a second for 20,000. A stored aggregate, kept by stream processing, will
     * replace the count; until then the answer says when it is {@code capped}.
     */
    public static final int DEFAULT_STATS_LIMIT = 1_000;

    private final DynamoDbClient dynamo;
    private final String usersTable;
    private final String ordersTable;
    private final String notificationsTable;
    private final int statsLimit;

    public TableReaders(DynamoDbClient dynamo, String usersTable, String ordersTable, String notificationsTable) {
        this(dynamo, usersTable, ordersTable, notificationsTable, DEFAULT_STATS_LIMIT);
    }

    public TableReaders(DynamoDbClient dynamo, String usersTable, String ordersTable, String notificationsTable, int statsLimit) {
        if (statsLimit < 1) {
            throw new IllegalArgumentException("statsLimit must be at least 1, but was " + statsLimit);
        }
        this.dynamo = dynamo;
        this.usersTable = usersTable;
        this.ordersTable = ordersTable;
        this.notificationsTable = notificationsTable;
        this.statsLimit = statsLimit;
    }

    @Override
    public Optional<UserView> user(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(usersTable)
                .key(Map.of("pk", s("USER#" + userId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> preferences = new LinkedHashMap<>();
        item.getOrDefault("preferences", AttributeValue.builder().m(Map.of()).build()).m().forEach((k, v) -> preferences.put(k, v.s()));
        AttributeValue avatar = item.get("avatarUrl");
        return Optional.of(new UserView(item.get("id").s(), item.get("name").s(), avatar == null ? null : avatar.s(), preferences));
    }

    @Override
    public List<OrderSummary> recent(String userId, int count) {
        QueryResponse response = dynamo.query(b -> b.tableName(ordersTable).indexName(OrderTable.USER_INDEX)
                .keyConditionExpression("userId = :user")
                .expressionAttributeValues(Map.of(":user", s(userId)))
                .scanIndexForward(false)
                .limit(count));
        List<OrderSummary> orders = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            orders.add(new OrderSummary(item.get(OrderTable.ORDER_ID).s(), item.get(OrderTable.STATUS).s(),
                    Long.parseLong(item.get("totalCents").n()), item.get(OrderTable.CREATED_AT).s()));
        }
        return orders;
    }

    /** Counts the user's newest orders, at most {@code statsLimit} of them (reading one more to know whether there are). */
    @Override
    public OrderStats stats(String userId) {
        long count = 0;
        long spent = 0;
        boolean capped = false;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            int wanted = (int) Math.min(statsLimit + 1L - count, 1_000);
            QueryResponse page = dynamo.query(b -> b.tableName(ordersTable).indexName(OrderTable.USER_INDEX)
                    .keyConditionExpression("userId = :user")
                    .expressionAttributeValues(Map.of(":user", s(userId)))
                    .projectionExpression("totalCents")
                    .scanIndexForward(false)
                    .limit(wanted)
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                if (count == statsLimit) {
                    capped = true;
                    break;
                }
                count++;
                spent += Long.parseLong(item.get("totalCents").n());
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (!capped && start != null && !Thread.currentThread().isInterrupted());
        return new OrderStats(count, spent, capped);
    }

    @Override
    public int unread(String userId) {
        int unread = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(notificationsTable)
                    .keyConditionExpression("userId = :user")
                    .filterExpression("#read = :false")
                    .expressionAttributeNames(Map.of("#read", "read"))
                    .expressionAttributeValues(Map.of(":user", s(userId), ":false", AttributeValue.builder().bool(false).build()))
                    .select(Select.COUNT)
                    .exclusiveStartKey(from));
            unread += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && !Thread.currentThread().isInterrupted());
        return unread;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
