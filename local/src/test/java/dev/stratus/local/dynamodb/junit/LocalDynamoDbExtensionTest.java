package dev.stratus.local.dynamodb.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.stratus.local.dynamodb.LocalDynamoDb;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The extension used declaratively: parameters, one engine per class, shared with nested classes. */
@ExtendWith(LocalDynamoDbExtension.class)
class LocalDynamoDbExtensionTest {
    static LocalDynamoDb outer;

    @BeforeAll
    static void createTable(LocalDynamoDb db, DynamoDbClient dynamo) {
        outer = db;
        dynamo.createTable(b -> b.tableName("ext").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    }

    @Test
    void injectsTheEngineAndItsClients(LocalDynamoDb db, DynamoDbClient dynamo, DynamoDbStreamsClient streams) {
        assertSame(outer, db);
        assertEquals(List.of("ext"), dynamo.listTables().tableNames());
        assertEquals(0, streams.listStreams().streams().size());
    }

    @Nested
    class Nested1 {
        @Test
        void sharesTheOuterClassEngine(LocalDynamoDb db, DynamoDbClient dynamo) {
            assertSame(outer, db);
            assertEquals(List.of("ext"), dynamo.listTables().tableNames());
        }
    }
}
