package dev.stratus.functions.bff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.functions.bff.Downstreams.OrderStats;
import dev.stratus.functions.bff.Downstreams.OrderSummary;
import dev.stratus.functions.bff.Downstreams.UserView;
import dev.stratus.functions.orders.model.OrderStatsTable;
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
    private final DynamoDbClient dynamo;
    private final String usersTable;
    private final String ordersTable;
    private final String notificationsTable;
    private final String statsTable;

    /**
     * @param statsTable the order statistics the order-stats stream processor keeps ({@link OrderStatsTable});
     *                   "" when the function shows no stats (the mobile dashboard)
     */
    public TableReaders(DynamoDbClient dynamo, String usersTable, String ordersTable, String notificationsTable, String statsTable) {
        this.dynamo = dynamo;
        this.usersTable = usersTable;
        this.ordersTable = ordersTable;
        this.notificationsTable = notificationsTable;
        this.statsTable = statsTable;
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

    /**
     * One read of the user's aggregate, whatever their number of orders: before, the dashboard counted
     * up to 1,000 of the user's orders on every request (about a second for 20,000) and said {@code capped}.
     */
    @Override
    public OrderStats stats(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(statsTable)
                .key(Map.of(OrderStatsTable.PK, s(OrderStatsTable.USER_PREFIX + userId)))).item();
        if (item == null || item.isEmpty()) {
            return new OrderStats(0, 0);
        }
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        String prefix = OrderStatsTable.ordersWithStatus("");
        item.forEach((name, value) -> {
            if (name.startsWith(prefix) && value.n() != null && Long.parseLong(value.n()) != 0) {
                byStatus.put(name.substring(prefix.length()), Long.parseLong(value.n()));
            }
        });
        return new OrderStats(number(item, OrderStatsTable.ORDERS), number(item, OrderStatsTable.REVENUE_CENTS), byStatus);
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
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
