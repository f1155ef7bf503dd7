package dev.stratus.functions.testing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Small helpers for the tables of handler tests (the engine is {@code dev.stratus:stratus-local}). */
public final class Tables {
    private Tables() {
    }

    /** Every item, sorted by the string key {@code keyAttribute}: to compare a table before and after. */
    public static List<Map<String, AttributeValue>> scanAll(DynamoDbClient dynamo, String table, String keyAttribute) {
        return dynamo.scanPaginator(ScanRequest.builder().tableName(table).build()).items().stream()
                .sorted(Comparator.comparing(item -> item.get(keyAttribute).s()))
                .toList();
    }

    /** A string attribute definition, for table schemas in tests. */
    public static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
