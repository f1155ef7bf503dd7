package dev.stratus.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The public entry point: start, serve the SDK, stop. */
class LocalDynamoDbTest {
    private static LocalDynamoDb db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = LocalDynamoDb.start();
        dynamo = db.clientBuilder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        db.close();
    }

    @Test
    void servesTheSdkOnALoopbackPort() {
        assertEquals("127.0.0.1", db.endpoint().getHost());
        assertTrue(db.port() > 0);
        dynamo.createTable(b -> b.tableName("smoke")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        assertEquals(TableStatus.ACTIVE, dynamo.describeTable(b -> b.tableName("smoke")).table().tableStatus());
        long before = db.changeCount();
        dynamo.putItem(b -> b.tableName("smoke").item(Map.of("pk", AttributeValue.fromS("a"), "n", AttributeValue.fromN("1.50"))));
        assertEquals(before + 1, db.changeCount());
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("smoke").key(Map.of("pk", AttributeValue.fromS("a")))).item();
        assertEquals("1.5", item.get("n").n());
        assertFalse(dynamo.getItem(b -> b.tableName("smoke").key(Map.of("pk", AttributeValue.fromS("b")))).hasItem());
        dynamo.deleteTable(b -> b.tableName("smoke"));
        assertThrows(ResourceNotFoundException.class, () -> dynamo.describeTable(b -> b.tableName("smoke")));
    }

    @Test
    void refusesAnOperationItDoesNotImplementByName() {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> dynamo.createBackup(b -> b.tableName("t12").backupName("b")));
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertEquals("The operation CreateBackup is not supported by the local DynamoDB engine (stratus-local)",
                e.awsErrorDetails().errorMessage());
    }
}
