package dev.stratus.local.dynamodb.internal.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.function.Executable;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Shorthands for the read and batch tests. */
final class ReadSupport {
    private ReadSupport() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue b(int... bytes) {
        byte[] array = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            array[i] = (byte) bytes[i];
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(array));
    }

    /** An item from name/value pairs, in order. */
    static Map<String, AttributeValue> item(Object... pairs) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            item.put((String) pairs[i], (AttributeValue) pairs[i + 1]);
        }
        return item;
    }

    static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static Projection projection(ProjectionType type, String... nonKey) {
        Projection.Builder projection = Projection.builder().projectionType(type);
        if (nonKey.length > 0) {
            projection.nonKeyAttributes(nonKey);
        }
        return projection.build();
    }

    static GlobalSecondaryIndex gsi(String name, Projection projection, KeySchemaElement... keys) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(keys).projection(projection).build();
    }

    static LocalSecondaryIndex lsi(String name, Projection projection, KeySchemaElement... keys) {
        return LocalSecondaryIndex.builder().indexName(name).keySchema(keys).projection(projection).build();
    }

    /** An on-demand table with a partition key and an optional sort key (null). */
    static void createTable(DynamoDbClient dynamo, String name, String pk, ScalarAttributeType pkType, String sk,
                            ScalarAttributeType skType) {
        createTable(dynamo, CreateTableRequest.builder().tableName(name), pk, pkType, sk, skType, List.of());
    }

    static void createTable(DynamoDbClient dynamo, CreateTableRequest.Builder builder, String pk, ScalarAttributeType pkType,
                            String sk, ScalarAttributeType skType, List<AttributeDefinition> extra) {
        List<AttributeDefinition> definitions = new ArrayList<>();
        definitions.add(def(pk, pkType));
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(hash(pk));
        if (sk != null) {
            definitions.add(def(sk, skType));
            keys.add(range(sk));
        }
        definitions.addAll(extra);
        dynamo.createTable(builder.attributeDefinitions(definitions).keySchema(keys).billingMode(BillingMode.PAY_PER_REQUEST).build());
    }

    /** Asserts that the call fails with this error code and exact message. */
    static DynamoDbException fails(String code, String message, Executable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        return e;
    }

    static DynamoDbException invalid(String message, Executable call) {
        return fails("ValidationException", message, call);
    }

    /** Writes the items with BatchWriteItem, 25 at a time (much faster than one PutItem each). */
    static void putAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + 25))) {
                writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, writes)));
            assertEquals(Map.of(), response.unprocessedItems());
        }
    }

    /** A string of {@code length} ASCII characters. */
    static String filler(int length) {
        return "x".repeat(length);
    }
}
