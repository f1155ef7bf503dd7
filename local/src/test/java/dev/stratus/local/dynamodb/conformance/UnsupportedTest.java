package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationContains;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.s;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;

/**
 * Operations and parameters DynamoDB has but the local engine does not implement are refused, not
 * ignored: a ValidationException whose message names them as unsupported by the local engine.
 */
class UnsupportedTest {
    private static final String UNSUPPORTED = "not supported by the local DynamoDB engine";
    private static Harness h;
    private static DynamoDbClient ddb;
    private static String table;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
        table = hashTable(ddb, unique("unsupported"));
        ddb.putItem(b -> b.tableName(table).item(item("pk", "a", "v", "x")));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** Refused as unsupported, with a message naming {@code what}. */
    private static void assertUnsupported(String what, Executable request) {
        DynamoDbException e = assertValidationContains(UNSUPPORTED, request);
        assertTrue(e.awsErrorDetails().errorMessage().contains(what),
                () -> "the message should name " + what + ": " + e.awsErrorDetails().errorMessage());
    }

    private static Condition equalsA() {
        return Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("a")).build();
    }

    @Test
    @Source("stratus-local: unsupported operations are refused; API Reference: CreateBackup")
    void createBackupIsUnsupported() {
        assertUnsupported("CreateBackup", () -> ddb.createBackup(b -> b.tableName(table).backupName("backup")));
    }

    @Test
    @Source("stratus-local: unsupported operations are refused; API Reference: ExecuteStatement (PartiQL)")
    void executeStatementIsUnsupported() {
        assertUnsupported("ExecuteStatement",
                () -> ddb.executeStatement(b -> b.statement("SELECT * FROM \"" + table + "\"")));
    }

    @Test
    @Source("stratus-local: unsupported operations are refused; API Reference: BatchExecuteStatement (PartiQL)")
    void batchExecuteStatementIsUnsupported() {
        assertUnsupported("BatchExecuteStatement", () -> ddb.batchExecuteStatement(b -> b.statements(
                BatchStatementRequest.builder().statement("SELECT * FROM \"" + table + "\" WHERE pk = 'a'").build())));
    }

    @Test
    @Source("stratus-local: unsupported operations are refused; API Reference: ExecuteTransaction (PartiQL)")
    void executeTransactionIsUnsupported() {
        assertUnsupported("ExecuteTransaction", () -> ddb.executeTransaction(b -> b.transactStatements(
                ParameterizedStatement.builder().statement("SELECT * FROM \"" + table + "\" WHERE pk = 'a'").build())));
    }

    @Test
    @Source("stratus-local: unsupported operations are refused; API Reference: CreateGlobalTable")
    void createGlobalTableIsUnsupported() {
        assertUnsupported("CreateGlobalTable", () -> ddb.createGlobalTable(b -> b.globalTableName(table)
                .replicationGroup(r -> r.regionName("eu-west-1"))));
    }

    @Test
    @Source("stratus-local: legacy parameters are refused; API Reference: PutItem — Expected (legacy conditional parameter)")
    void legacyExpectedIsUnsupported() {
        assertUnsupported("Expected", () -> ddb.putItem(b -> b.tableName(table).item(item("pk", "new"))
                .expected(Map.of("pk", ExpectedAttributeValue.builder().exists(false).build()))));
        assertFalse(ddb.getItem(b -> b.tableName(table).key(item("pk", "new")).consistentRead(true)).hasItem());
    }

    @Test
    @Source("stratus-local: legacy parameters are refused; API Reference: GetItem — AttributesToGet (legacy parameter)")
    void legacyAttributesToGetIsUnsupported() {
        assertUnsupported("AttributesToGet", () -> ddb.getItem(b -> b.tableName(table).key(item("pk", "a")).attributesToGet("v")));
    }

    @Test
    @Source("stratus-local: legacy parameters are refused; API Reference: Query — KeyConditions (legacy parameter)")
    void legacyKeyConditionsIsUnsupported() {
        assertUnsupported("KeyConditions", () -> ddb.query(b -> b.tableName(table).keyConditions(Map.of("pk", equalsA()))));
    }

    @Test
    @Source("stratus-local: legacy parameters are refused; API Reference: Scan — ScanFilter (legacy parameter)")
    void legacyScanFilterIsUnsupported() {
        assertUnsupported("ScanFilter", () -> ddb.scan(b -> b.tableName(table).scanFilter(Map.of("pk", equalsA()))));
    }

    @Test
    @Source("stratus-local: legacy parameters are refused; API Reference: UpdateItem — AttributeUpdates (legacy parameter)")
    void legacyAttributeUpdatesIsUnsupported() {
        assertUnsupported("AttributeUpdates", () -> ddb.updateItem(b -> b.tableName(table).key(item("pk", "a"))
                .attributeUpdates(Map.of("v", AttributeValueUpdate.builder().action(AttributeAction.PUT).value(s("y")).build()))));
        assertTrue(ddb.getItem(b -> b.tableName(table).key(item("pk", "a")).consistentRead(true)).item().get("v").s().equals("x"));
    }
}
