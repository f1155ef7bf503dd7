package dev.stratus.functions.expireorders;

import dev.stratus.functions.orders.model.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.stratus.functions.testing.Tables;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The orders table as the data stack defines it, and test orders in it. */
final class Orders {
    static final String STATUS_INDEX = dev.stratus.functions.orders.model.OrderTable.STATUS_INDEX;

    /** The orders table as the data stack defines it: key orderId, keys-only status index. */
    static void createOrdersTable(DynamoDbClient dynamo, String table) {
        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        Tables.stringAttribute("orderId"), Tables.stringAttribute("status"), Tables.stringAttribute("createdAt"))
                .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(STATUS_INDEX)
                        .keySchema(KeySchemaElement.builder().attributeName("status").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("createdAt").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                        .build()));
    }

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

    List<Map<String, AttributeValue>> scanAll() {
        return Tables.scanAll(dynamo, table, "orderId");
    }

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }
}
