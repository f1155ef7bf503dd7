package dev.stratus.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;

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
    @RegisterExtension
    static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create();
    private static LocalDynamoDb db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = DYNAMO.db();
        dynamo = DYNAMO.client();
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

    @Test
    void closeStopsServingAndFreesThePort() throws Exception {
        LocalDynamoDb own = LocalDynamoDb.start();
        int port = own.port();
        own.close();
        assertThrows(java.net.ConnectException.class, () -> new java.net.Socket("127.0.0.1", port).close());
    }

    @Test
    void refusesBadOptionsByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalDynamoDb.Options.builder().port(70000));
        assertEquals("port must be between 0 and 65535, but was 70000", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LocalDynamoDb.Options.builder().accountId("12"));
        assertEquals("accountId must be 12 digits, but was 12", e.getMessage());
    }
}
