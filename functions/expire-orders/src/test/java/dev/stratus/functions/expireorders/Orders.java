package dev.stratus.functions.expireorders;

import java.time.Instant;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Writes and reads test orders. */
final class Orders {
    private final DynamoDbClient dynamo;
    private final String table;

    Orders(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    void put(String orderId, String status, Instant createdAt) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of(
                "orderId", s(orderId),
                "status", s(status),
                "createdAt", s(Timestamps.format(createdAt)),
                "userId", s("user-" + orderId),
                "total", AttributeValue.builder().n("42.50").build())));
    }

    Map<String, AttributeValue> get(String orderId) {
        return dynamo.getItem(b -> b.tableName(table).key(Map.of("orderId", s(orderId))).consistentRead(true)).item();
    }

    String status(String orderId) {
        return get(orderId).get("status").s();
    }

    void setStatus(String orderId, String status) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("orderId", s(orderId)))
                .updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s(status))));
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
