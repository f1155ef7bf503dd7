package dev.stratus.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger guards what the snapshot-based guard could not: an update run rewrote the snapshot it
 * compared with (so one run, or a commit carrying the rewritten snapshot, disarmed it), and a key
 * attribute's type was not compared at all.
 */
class StatefulLedgerTest {
    static Map<String, Object> table(String keyType) {
        return Map.of("Type", "AWS::DynamoDB::Table", "Properties", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "orderId", "KeyType", "HASH")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "orderId", "AttributeType", keyType),
                        Map.of("AttributeName", "status", "AttributeType", "S"))));
    }

    static Map<String, Map<String, Object>> app(Map<String, Object> resources) {
        return Map.of("Data", Map.of("Resources", resources));
    }

    static final Map<String, Map<String, Object>> RECORDED = app(Map.of(
            "OrdersTable", table("S"),
            "Key", Map.of("Type", "AWS::KMS::Key", "Properties", Map.of("EnableKeyRotation", true)),
            "Handler", Map.of("Type", "AWS::Lambda::Function", "Properties", Map.of())));

    static StatefulLedger recorded(Path dir) {
        StatefulLedger ledger = StatefulLedger.at(dir.resolve("stateful.ledger"));
        ledger.assertNoUnreviewedReplacement(RECORDED, true, false);
        return ledger;
    }

    @Test
    void recordsEachStatefulResourceWithItsReplacingPropertiesAndKeyTypes(@TempDir Path dir) throws Exception {
        recorded(dir);
        assertEquals("""
                # Stateful resources: Stack/LogicalId | type | the properties whose change replaces (and empties) it.
                # Written by the test kit's StatefulLedger (-Dsnapshot.update=true records new resources only).
                # To let a change replace one, add a line allowReplacement(Stack/LogicalId, "why its data may go").

                Data/Key | AWS::KMS::Key | KeySpec=- | KeyUsage=- | MultiRegion=- | Origin=-
                Data/OrdersTable | AWS::DynamoDB::Table | TableName=- | Keys=orderId:S:HASH | LocalSecondaryIndexes=-
                """, Files.readString(dir.resolve("stateful.ledger")));
    }

    @Test
    void failsWhenAKeyAttributesTypeChanges(@TempDir Path dir) {
        StatefulLedger ledger = recorded(dir);
        assertEquals(List.of("Data/OrdersTable: AWS::DynamoDB::Table would be replaced (Keys orderId:S:HASH -> orderId:N:HASH). "
                        + "If losing its data is intended, add allowReplacement(Data/OrdersTable, \"why\") to the ledger and have it reviewed"),
                ledger.violations(app(Map.of("OrdersTable", table("N"), "Key", keyResource()))));
    }

    @Test
    void anUpdateRunDoesNotDisarmIt(@TempDir Path dir) throws Exception {
        StatefulLedger ledger = recorded(dir);
        String before = Files.readString(dir.resolve("stateful.ledger"));
        Map<String, Map<String, Object>> rekeyed = app(Map.of("OrdersTable", table("N"), "Key", keyResource()));
        AssertionError e = assertThrows(AssertionError.class, () -> ledger.assertNoUnreviewedReplacement(rekeyed, true, false));
        assertEquals("1 stateful resource(s) of the ledger " + dir.resolve("stateful.ledger") + ":\n  Data/OrdersTable: AWS::DynamoDB::Table "
                + "would be replaced (Keys orderId:S:HASH -> orderId:N:HASH). If losing its data is intended, add "
                + "allowReplacement(Data/OrdersTable, \"why\") to the ledger and have it reviewed", e.getMessage());
        assertEquals(before, Files.readString(dir.resolve("stateful.ledger")), "the recorded state is kept");
        assertThrows(AssertionError.class, () -> ledger.assertNoUnreviewedReplacement(rekeyed, false, false), "and so the next run fails too");
    }

    @Test
    void anExplicitAllowanceLetsItThroughAndAnUpdateRecordsItWithItsReason(@TempDir Path dir) throws Exception {
        StatefulLedger ledger = recorded(dir);
        Path file = dir.resolve("stateful.ledger");
        Files.writeString(file, Files.readString(file) + "allowReplacement(Data/OrdersTable, \"the dev table holds test data only\")\n");
        Map<String, Map<String, Object>> rekeyed = app(Map.of("OrdersTable", table("N"), "Key", keyResource()));
        ledger.assertNoUnreviewedReplacement(rekeyed, false, false);
        ledger.assertNoUnreviewedReplacement(rekeyed, true, false);
        String ledgerText = Files.readString(file);
        assertEquals(true, ledgerText.contains("# replaced Data/OrdersTable (Keys orderId:S:HASH -> orderId:N:HASH): the dev table holds test data only\n"),
                ledgerText);
        assertEquals(true, ledgerText.contains("Data/OrdersTable | AWS::DynamoDB::Table | TableName=- | Keys=orderId:N:HASH"), ledgerText);
        assertEquals(false, ledgerText.contains("allowReplacement(Data"), "consumed: " + ledgerText);
        assertEquals(List.of("Data/OrdersTable: AWS::DynamoDB::Table would be replaced (Keys orderId:N:HASH -> orderId:S:HASH). "
                + "If losing its data is intended, add allowReplacement(Data/OrdersTable, \"why\") to the ledger and have it reviewed"),
                ledger.violations(RECORDED), "the allowance was for one replacement, not for every later one");
    }

    @Test
    void failsWhenAResourceIsGoneOrNewOrAnAllowanceAllowsNothing(@TempDir Path dir) throws Exception {
        StatefulLedger ledger = recorded(dir);
        Path file = dir.resolve("stateful.ledger");
        Files.writeString(file, Files.readString(file) + "allowReplacement(Data/Key, \"not needed\")\n");
        assertEquals(List.of(
                "allowReplacement(Data/Key) allows nothing: the resource is not being replaced; remove the line",
                "Data/OrdersTable: AWS::DynamoDB::Table would be replaced (its logical id is gone). If losing its data is intended, "
                        + "add allowReplacement(Data/OrdersTable, \"why\") to the ledger and have it reviewed",
                "Data/OrdersTableV2: a new AWS::DynamoDB::Table is not in the ledger; record it with -Dsnapshot.update=true and commit the ledger"),
                ledger.violations(app(Map.of("OrdersTableV2", table("S"), "Key", keyResource()))));
    }

    @Test
    void failsWhenAnUpdateIsAskedUnderCi(@TempDir Path dir) {
        AssertionError e = assertThrows(AssertionError.class,
                () -> StatefulLedger.at(dir.resolve("l")).assertNoUnreviewedReplacement(RECORDED, true, true));
        assertEquals("snapshot.update is refused when CI=true: update the ledger locally and commit it", e.getMessage());
    }

    static Map<String, Object> keyResource() {
        return Map.of("Type", "AWS::KMS::Key", "Properties", Map.of("EnableKeyRotation", true));
    }
}
