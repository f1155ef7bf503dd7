package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.attr;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertError;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidation;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationContains;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationError;
import static dev.stratus.local.dynamodb.conformance.Fixtures.awaitIndexActive;
import static dev.stratus.local.dynamodb.conformance.Fixtures.awaitIndexGone;
import static dev.stratus.local.dynamodb.conformance.Fixtures.awaitTableActive;
import static dev.stratus.local.dynamodb.conformance.Fixtures.b;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hash;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashRangeTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.n;
import static dev.stratus.local.dynamodb.conformance.Fixtures.payPerRequest;
import static dev.stratus.local.dynamodb.conformance.Fixtures.projection;
import static dev.stratus.local.dynamodb.conformance.Fixtures.range;
import static dev.stratus.local.dynamodb.conformance.Fixtures.s;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** CreateTable, DescribeTable, ListTables, DeleteTable and UpdateTable. */
class TablesTest {
    private static Harness h;
    private static DynamoDbClient ddb;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static ProvisionedThroughput throughput(long read, long write) {
        return ProvisionedThroughput.builder().readCapacityUnits(read).writeCapacityUnits(write).build();
    }

    private static TableDescription describe(String table) {
        return ddb.describeTable(b -> b.tableName(table)).table();
    }

    private static String arn(String table) {
        return "arn:aws:dynamodb:us-east-1:000000000000:table/" + table;
    }

    // ---- CreateTable and DescribeTable ----

    @Test
    @Source("API Reference: CreateTable — Response TableDescription; API Reference: DescribeTable — TableStatus ACTIVE")
    void createdHashTableBecomesActiveWithItsKeySchema() {
        String t = unique("hash");
        CreateTableResponse created = ddb.createTable(b -> b.tableName(t)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(hash("pk")));
        assertEquals(t, created.tableDescription().tableName());
        assertTrue(created.tableDescription().tableStatus() == TableStatus.CREATING
                || created.tableDescription().tableStatus() == TableStatus.ACTIVE);
        TableDescription table = awaitTableActive(ddb, t);
        assertEquals(TableStatus.ACTIVE, table.tableStatus());
        assertEquals(List.of(hash("pk")), table.keySchema());
        assertEquals(List.of(attr("pk", ScalarAttributeType.S)), table.attributeDefinitions());
    }

    @Test
    @Source("API Reference: CreateTable — KeySchema (HASH then RANGE)")
    void hashAndRangeKeySchemaIsDescribedInOrder() {
        String t = hashRangeTable(ddb, unique("hr"), ScalarAttributeType.N);
        TableDescription table = describe(t);
        assertEquals(2, table.keySchema().size());
        assertEquals("pk", table.keySchema().get(0).attributeName());
        assertEquals(KeyType.HASH, table.keySchema().get(0).keyType());
        assertEquals("sk", table.keySchema().get(1).attributeName());
        assertEquals(KeyType.RANGE, table.keySchema().get(1).keyType());
        assertTrue(table.attributeDefinitions().contains(attr("sk", ScalarAttributeType.N)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"S", "N", "B"})
    @Source("Developer Guide: Core components of Amazon DynamoDB — Primary key (each key attribute must be a scalar: string, number, or binary)")
    void partitionKeyOfEachScalarTypeStoresAndReadsItems(String type) {
        String t = hashTable(ddb, unique("type-" + type.toLowerCase()), "k", ScalarAttributeType.fromValue(type));
        AttributeValue key = type.equals("S") ? s("x") : type.equals("N") ? n("7") : b(1, 2, 3);
        ddb.putItem(r -> r.tableName(t).item(item("k", key, "v", "value")));
        Map<String, AttributeValue> got = ddb.getItem(r -> r.tableName(t).key(item("k", key))).item();
        assertEquals(item("k", key, "v", "value"), got);
        assertEquals(ScalarAttributeType.fromValue(type), describe(t).attributeDefinitions().get(0).attributeType());
    }

    @Test
    @Source("Developer Guide: Using IAM with DynamoDB — DynamoDB resource ARN format arn:aws:dynamodb:region:account-id:table/table-name")
    void tableArnNamesRegionAccountAndTable() {
        String t = hashTable(ddb, unique("arn"));
        TableDescription table = describe(t);
        assertEquals(arn(t), table.tableArn());
        assertNotNull(table.tableId());
        UUID.fromString(table.tableId());
    }

    @Test
    @Source("API Reference: TableDescription — ItemCount, TableSizeBytes")
    void newTableHasNoItemsAndNoBytes() {
        String t = hashTable(ddb, unique("empty"));
        TableDescription table = describe(t);
        assertEquals(0L, table.itemCount());
        assertEquals(0L, table.tableSizeBytes());
    }

    @Test
    @Source("API Reference: TableDescription — CreationDateTime; stratus-local: LocalClock (creation times read the engine's clock)")
    void creationDateTimeIsTheEngineClock() {
        Instant at = Instant.parse("2031-02-03T04:05:06Z");
        h.db.clock().freeze(at);
        try {
            String t = hashTable(ddb, unique("created"));
            assertEquals(at, describe(t).creationDateTime());
        } finally {
            h.db.clock().resume();
        }
    }

    @Test
    @Source("API Reference: TableDescription — BillingModeSummary (PAY_PER_REQUEST)")
    void payPerRequestTableReportsItsBillingMode() {
        String t = hashTable(ddb, unique("ppr"));
        assertEquals(BillingMode.PAY_PER_REQUEST, describe(t).billingModeSummary().billingMode());
    }

    @Test
    @Source("API Reference: CreateTable — ProvisionedThroughput; API Reference: ProvisionedThroughputDescription")
    void provisionedTableReportsItsThroughput() {
        String t = unique("prov");
        ddb.createTable(b -> b.tableName(t)
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(throughput(7, 3))
                .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(hash("pk")));
        TableDescription table = describe(t);
        assertEquals(7L, table.provisionedThroughput().readCapacityUnits());
        assertEquals(3L, table.provisionedThroughput().writeCapacityUnits());
    }

    @Test
    @Source("API Reference: CreateTable — GlobalSecondaryIndexes; API Reference: GlobalSecondaryIndexDescription")
    void globalSecondaryIndexIsDescribed() {
        String t = unique("gsi");
        ddb.createTable(payPerRequest(t)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("gk", ScalarAttributeType.S),
                        attr("gs", ScalarAttributeType.N))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(hash("gk"), range("gs")).projection(projection(ProjectionType.ALL)).build())
                .build());
        TableDescription table = describe(t);
        assertEquals(1, table.globalSecondaryIndexes().size());
        GlobalSecondaryIndexDescription gsi = table.globalSecondaryIndexes().get(0);
        assertEquals("byG", gsi.indexName());
        assertEquals(List.of(hash("gk"), range("gs")), gsi.keySchema());
        assertEquals(ProjectionType.ALL, gsi.projection().projectionType());
        assertEquals(IndexStatus.ACTIVE, gsi.indexStatus());
        assertEquals(arn(t) + "/index/byG", gsi.indexArn());
    }

    @Test
    @Source("API Reference: Projection — ProjectionType INCLUDE, NonKeyAttributes")
    void includeProjectionListsItsNonKeyAttributes() {
        String t = unique("incl");
        ddb.createTable(payPerRequest(t)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("gk", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("inc")
                        .keySchema(hash("gk")).projection(projection(ProjectionType.INCLUDE, "a", "b")).build())
                .build());
        GlobalSecondaryIndexDescription gsi = describe(t).globalSecondaryIndexes().get(0);
        assertEquals(ProjectionType.INCLUDE, gsi.projection().projectionType());
        assertEquals(List.of("a", "b"), gsi.projection().nonKeyAttributes());
    }

    @Test
    @Source("API Reference: CreateTable — LocalSecondaryIndexes; API Reference: LocalSecondaryIndexDescription")
    void localSecondaryIndexIsDescribed() {
        String t = unique("lsi");
        ddb.createTable(payPerRequest(t)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.S),
                        attr("ls", ScalarAttributeType.N))
                .keySchema(hash("pk"), range("sk"))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byL")
                        .keySchema(hash("pk"), range("ls")).projection(projection(ProjectionType.KEYS_ONLY)).build())
                .build());
        TableDescription table = describe(t);
        assertEquals(1, table.localSecondaryIndexes().size());
        LocalSecondaryIndexDescription lsi = table.localSecondaryIndexes().get(0);
        assertEquals("byL", lsi.indexName());
        assertEquals(List.of(hash("pk"), range("ls")), lsi.keySchema());
        assertEquals(ProjectionType.KEYS_ONLY, lsi.projection().projectionType());
        assertEquals(arn(t) + "/index/byL", lsi.indexArn());
    }

    @Test
    @Source("API Reference: CreateTable — StreamSpecification; API Reference: TableDescription — LatestStreamArn, LatestStreamLabel")
    void streamSpecificationGivesTheTableALatestStream() {
        String t = unique("stream");
        ddb.createTable(payPerRequest(t)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build());
        TableDescription table = describe(t);
        assertTrue(table.streamSpecification().streamEnabled());
        assertEquals(StreamViewType.NEW_AND_OLD_IMAGES, table.streamSpecification().streamViewType());
        assertNotNull(table.latestStreamLabel());
        assertEquals(arn(t) + "/stream/" + table.latestStreamLabel(), table.latestStreamArn());
    }

    @Test
    @Source("API Reference: TableDescription — LatestStreamArn (absent without a stream)")
    void tableWithoutStreamHasNoStreamArn() {
        String t = hashTable(ddb, unique("nostream"));
        TableDescription table = describe(t);
        assertEquals(null, table.latestStreamArn());
        assertFalse(table.streamSpecification() != null && Boolean.TRUE.equals(table.streamSpecification().streamEnabled()));
    }

    @Test
    @Source("API Reference: CreateTable — DeletionProtectionEnabled; API Reference: TableDescription — DeletionProtectionEnabled")
    void deletionProtectionIsDescribed() {
        String t = unique("protected");
        ddb.createTable(payPerRequest(t).attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(hash("pk")).deletionProtectionEnabled(true).build());
        assertTrue(describe(t).deletionProtectionEnabled());
        ddb.updateTable(b -> b.tableName(t).deletionProtectionEnabled(false));
        assertFalse(describe(t).deletionProtectionEnabled());
        ddb.deleteTable(b -> b.tableName(t));
    }

    // ---- CreateTable validation ----

    @Test
    @Source("API Reference: CreateTable — AttributeDefinitions (every key attribute must be defined); dynalite validations/createTable.js")
    void keyAttributeMissingFromDefinitionsIsRefused() {
        String t = unique("bad");
        assertValidation("One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]",
                () -> ddb.createTable(payPerRequest(t).attributeDefinitions(attr("other", ScalarAttributeType.S))
                        .keySchema(hash("pk")).build()));
    }

    @Test
    @Source("API Reference: CreateTable — AttributeDefinitions (only key attributes); dynalite validations/createTable.js")
    void unusedAttributeDefinitionIsRefused() {
        String t = unique("bad");
        assertValidation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly "
                        + "match number of attributes defined in AttributeDefinitions",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("extra", ScalarAttributeType.S))
                        .keySchema(hash("pk")).build()));
    }

    @Test
    @Source("API Reference: CreateTable — Errors: ResourceInUseException (you attempted to recreate an existing table)")
    void creatingAnExistingTableIsResourceInUse() {
        String t = hashTable(ddb, unique("dup"));
        assertThrows(ResourceInUseException.class, () -> hashTable(ddb, t));
    }

    @Test
    @Source("Developer Guide: Local secondary indexes (a table with an LSI must have a composite primary key); dynalite validations/createTable.js")
    void localIndexOnHashOnlyTableIsRefused() {
        String t = unique("bad");
        assertValidation("One or more parameter values were invalid: Table KeySchema does not have a range key, "
                        + "which is required when specifying a LocalSecondaryIndex",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("ls", ScalarAttributeType.S))
                        .keySchema(hash("pk"))
                        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("lsi")
                                .keySchema(hash("pk"), range("ls")).projection(projection(ProjectionType.ALL)).build())
                        .build()));
    }

    @Test
    @Source("Developer Guide: Local secondary indexes (same partition key as the base table); dynalite validations/createTable.js")
    void localIndexWithAnotherPartitionKeyIsRefused() {
        String t = unique("bad");
        assertValidation("One or more parameter values were invalid: Index KeySchema does not have the same leading hash "
                        + "key as table KeySchema for index: lsi. index hash key: other, table hash key: pk",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.S),
                                attr("other", ScalarAttributeType.S), attr("ls", ScalarAttributeType.S))
                        .keySchema(hash("pk"), range("sk"))
                        .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("lsi")
                                .keySchema(hash("other"), range("ls")).projection(projection(ProjectionType.ALL)).build())
                        .build()));
    }

    @Test
    @Source("API Reference: KeySchemaElement (partition and sort key must differ); dynalite validations/createTable.js")
    void hashAndRangeWithTheSameNameAreRefused() {
        String t = unique("bad");
        assertValidation("Both the Hash Key and the Range Key element in the KeySchema have the same name",
                () -> ddb.createTable(payPerRequest(t).attributeDefinitions(attr("pk", ScalarAttributeType.S))
                        .keySchema(hash("pk"), range("pk")).build()));
    }

    @Test
    @Source("API Reference: CreateTable — KeySchema (the first element must be the HASH key); dynalite validations/createTable.js")
    void firstKeyElementMustBeHash() {
        String t = unique("bad");
        assertValidation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.S))
                        .keySchema(range("sk"), hash("pk")).build()));
    }

    @Test
    @Source("API Reference: CreateTable — BillingMode PROVISIONED requires ProvisionedThroughput; dynalite validations/createTable.js")
    void provisionedWithoutThroughputIsRefused() {
        String t = unique("bad");
        assertValidation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both "
                        + "be specified when BillingMode is PROVISIONED",
                () -> ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PROVISIONED)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(hash("pk"))));
    }

    @Test
    @Source("API Reference: CreateTable — ProvisionedThroughput (not with PAY_PER_REQUEST); dynalite validations/createTable.js")
    void payPerRequestWithThroughputIsRefused() {
        String t = unique("bad");
        assertValidation("One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
                        + "can be specified when BillingMode is PAY_PER_REQUEST",
                () -> ddb.createTable(payPerRequest(t).provisionedThroughput(throughput(1, 1))
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(hash("pk")).build()));
    }

    @Test
    @Source("API Reference: CreateTable — IndexName must be unique among the table's indexes; dynalite validations/createTable.js")
    void duplicateIndexNameIsRefused() {
        String t = unique("bad");
        GlobalSecondaryIndex gsi = GlobalSecondaryIndex.builder().indexName("same").keySchema(hash("gk"))
                .projection(projection(ProjectionType.ALL)).build();
        assertValidation("One or more parameter values were invalid: Duplicate index name: same",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("gk", ScalarAttributeType.S))
                        .keySchema(hash("pk")).globalSecondaryIndexes(gsi, gsi).build()));
    }

    @Test
    @Source("API Reference: Projection — NonKeyAttributes only with INCLUDE; dynalite validations/createTable.js")
    void nonKeyAttributesWithKeysOnlyAreRefused() {
        String t = unique("bad");
        assertValidation("One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("gk", ScalarAttributeType.S))
                        .keySchema(hash("pk"))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi").keySchema(hash("gk"))
                                .projection(projection(ProjectionType.KEYS_ONLY, "a")).build())
                        .build()));
    }

    @Test
    @Source("API Reference: AttributeDefinition — AttributeType valid values S | N | B")
    void nonScalarKeyAttributeTypeIsRefused() {
        String t = unique("bad");
        assertValidationContains("Member must satisfy enum value set: [B, N, S]",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(b -> b.attributeName("pk").attributeType("BOOL"))
                        .keySchema(hash("pk")).build()));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Table names (3 to 255 characters); dynalite validations/index.js")
    void tooShortTableNameIsRefused() {
        assertValidation("TableName must be at least 3 characters long and at most 255 characters long",
                () -> hashTable(ddb, "ab"));
    }

    @Test
    @Source("Developer Guide: Supported data types and naming rules — Table names (a-z, A-Z, 0-9, _, -, .)")
    void tableNameWithInvalidCharactersIsRefused() {
        assertValidation("1 validation error detected: Value 'bad name!' at 'tableName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                () -> hashTable(ddb, "bad name!"));
    }

    // ---- DescribeTable / ListTables ----

    @Test
    @Source("API Reference: DescribeTable — Errors: ResourceNotFoundException")
    void describingAMissingTableIsResourceNotFound() {
        String t = unique("missing");
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> describe(t));
        assertEquals("Requested resource not found: Table: " + t + " not found", e.awsErrorDetails().errorMessage());
    }

    @Test
    @Source("API Reference: ListTables — TableNames (names of the tables, in ascending order)")
    void listTablesReturnsEveryTableInAscendingOrder() {
        String prefix = unique("list");
        List<String> created = List.of(prefix + "-c", prefix + "-a", prefix + "-b");
        for (String t : created) {
            hashTable(ddb, t);
        }
        List<String> names = new ArrayList<>();
        ddb.listTablesPaginator(b -> b.limit(100)).forEach(page -> names.addAll(page.tableNames()));
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
        assertTrue(names.containsAll(created));
        int a = names.indexOf(prefix + "-a");
        assertEquals(prefix + "-b", names.get(a + 1));
        assertEquals(prefix + "-c", names.get(a + 2));
    }

    @Test
    @Source("API Reference: ListTables — Limit, ExclusiveStartTableName, LastEvaluatedTableName")
    void listTablesPaginatesWithLimitAndExclusiveStartTableName() {
        String prefix = unique("page");
        for (int i = 0; i < 5; i++) {
            hashTable(ddb, prefix + "-" + i);
        }
        List<String> all = ddb.listTables(b -> b.limit(100)).tableNames();
        List<String> paged = new ArrayList<>();
        String start = null;
        int pages = 0;
        do {
            String from = start;
            ListTablesResponse page = ddb.listTables(b -> b.limit(2).exclusiveStartTableName(from));
            assertTrue(page.tableNames().size() <= 2);
            paged.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
            if (start != null) {
                assertEquals(page.tableNames().get(page.tableNames().size() - 1), start);
            }
            pages++;
        } while (start != null && pages < 1000);
        assertEquals(all, paged);
    }

    @Test
    @Source("API Reference: ListTables — Limit (valid range 1 to 100)")
    void listTablesLimitAboveOneHundredIsRefused() {
        assertValidationContains("Member must have value less than or equal to 100",
                () -> ddb.listTables(b -> b.limit(101)));
    }

    @Test
    @Source("API Reference: ListTables — Limit (valid range 1 to 100)")
    void listTablesLimitZeroIsRefused() {
        assertValidationContains("Member must have value greater than or equal to 1",
                () -> ddb.listTables(b -> b.limit(0)));
    }

    // ---- DeleteTable ----

    @Test
    @Source("API Reference: DeleteTable — after deletion the table is not found (ResourceNotFoundException)")
    void deletedTableIsGone() {
        String t = hashTable(ddb, unique("del"));
        ddb.putItem(b -> b.tableName(t).item(item("pk", "a")));
        TableDescription deleted = ddb.deleteTable(b -> b.tableName(t)).tableDescription();
        assertEquals(t, deleted.tableName());
        assertThrows(ResourceNotFoundException.class, () -> describe(t));
        assertThrows(ResourceNotFoundException.class, () -> ddb.getItem(b -> b.tableName(t).key(item("pk", "a"))));
        assertFalse(ddb.listTables(b -> b.limit(100)).tableNames().contains(t));
    }

    @Test
    @Source("API Reference: DeleteTable — Errors: ResourceNotFoundException")
    void deletingAMissingTableIsResourceNotFound() {
        String t = unique("nodel");
        assertError("ResourceNotFoundException", "Requested resource not found: Table: " + t + " not found",
                () -> ddb.deleteTable(b -> b.tableName(t)));
    }

    @Test
    @Source("Developer Guide: Using deletion protection — a protected table cannot be deleted")
    void deletionProtectionRefusesDeleteTable() {
        String t = unique("keep");
        ddb.createTable(payPerRequest(t).attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(hash("pk")).deletionProtectionEnabled(true).build());
        assertValidation("Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.",
                () -> ddb.deleteTable(b -> b.tableName(t)));
        assertEquals(TableStatus.ACTIVE, describe(t).tableStatus());
    }

    @Test
    @Source("API Reference: GetItem — Errors: ResourceNotFoundException (the table does not exist)")
    void itemOperationOnMissingTableIsResourceNotFound() {
        String t = unique("none");
        assertThrows(ResourceNotFoundException.class, () -> ddb.putItem(b -> b.tableName(t).item(item("pk", "a"))));
    }

    // ---- UpdateTable ----

    @Test
    @Source("Developer Guide: Managing global secondary indexes — Adding a GSI to an existing table (backfilling indexes existing items)")
    void addedGlobalIndexIndexesExistingItems() {
        String t = hashTable(ddb, unique("addgsi"));
        ddb.putItem(b -> b.tableName(t).item(item("pk", "1", "color", "red")));
        ddb.putItem(b -> b.tableName(t).item(item("pk", "2", "color", "blue")));
        ddb.putItem(b -> b.tableName(t).item(item("pk", "3", "color", "red")));
        ddb.updateTable(b -> b.tableName(t)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("color", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byColor").keySchema(hash("color"))
                        .projection(projection(ProjectionType.ALL)))));
        awaitIndexActive(ddb, t, "byColor");
        var result = ddb.query(b -> b.tableName(t).indexName("byColor").keyConditionExpression("color = :c")
                .expressionAttributeValues(Map.of(":c", s("red"))));
        assertEquals(2, result.count());
        List<String> keys = new ArrayList<>();
        result.items().forEach(i -> keys.add(i.get("pk").s()));
        keys.sort(null);
        assertEquals(List.of("1", "3"), keys);
    }

    @Test
    @Source("Developer Guide: Managing global secondary indexes — Deleting a GSI")
    void deletedGlobalIndexIsGone() {
        String t = unique("delgsi");
        ddb.createTable(payPerRequest(t)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("gk", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi").keySchema(hash("gk"))
                        .projection(projection(ProjectionType.ALL)).build())
                .build());
        ddb.updateTable(b -> b.tableName(t).globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("gsi"))));
        awaitIndexGone(ddb, t, "gsi");
        assertValidation("The table does not have the specified index: gsi",
                () -> ddb.query(b -> b.tableName(t).indexName("gsi").keyConditionExpression("gk = :g")
                        .expressionAttributeValues(Map.of(":g", s("x")))));
    }

    @Test
    @Source("API Reference: UpdateTable — StreamSpecification (enable a stream)")
    void updateTableEnablesAStream() {
        String t = hashTable(ddb, unique("enstream"));
        ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));
        TableDescription table = describe(t);
        assertTrue(table.streamSpecification().streamEnabled());
        assertEquals(StreamViewType.KEYS_ONLY, table.streamSpecification().streamViewType());
        assertTrue(table.latestStreamArn().startsWith(arn(t) + "/stream/"));
    }

    @Test
    @Source("API Reference: UpdateTable — StreamSpecification (StreamEnabled false disables the stream)")
    void updateTableDisablesAStream() {
        String t = unique("disstream");
        ddb.createTable(payPerRequest(t).attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(hash("pk"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)).build());
        ddb.updateTable(b -> b.tableName(t).streamSpecification(s -> s.streamEnabled(false)));
        TableDescription table = describe(t);
        assertFalse(table.streamSpecification() != null && Boolean.TRUE.equals(table.streamSpecification().streamEnabled()));
    }

    @Test
    @Source("API Reference: UpdateTable — BillingMode (switch PROVISIONED to PAY_PER_REQUEST)")
    void updateTableSwitchesToOnDemand() {
        String t = unique("switch");
        ddb.createTable(b -> b.tableName(t).billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(5, 5))
                .attributeDefinitions(attr("pk", ScalarAttributeType.S)).keySchema(hash("pk")));
        ddb.updateTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST));
        assertEquals(BillingMode.PAY_PER_REQUEST, describe(t).billingModeSummary().billingMode());
    }

    @Test
    @Source("API Reference: UpdateTable — BillingMode PROVISIONED with ProvisionedThroughput")
    void updateTableSwitchesToProvisioned() {
        String t = hashTable(ddb, unique("toprov"));
        ddb.updateTable(b -> b.tableName(t).billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(4, 2)));
        TableDescription table = describe(t);
        assertEquals(BillingMode.PROVISIONED, table.billingModeSummary().billingMode());
        assertEquals(4L, table.provisionedThroughput().readCapacityUnits());
        assertEquals(2L, table.provisionedThroughput().writeCapacityUnits());
    }

    @Test
    @Source("API Reference: UpdateTable — Errors: ResourceNotFoundException")
    void updatingAMissingTableIsResourceNotFound() {
        String t = unique("noupd");
        assertThrows(ResourceNotFoundException.class,
                () -> ddb.updateTable(b -> b.tableName(t).billingMode(BillingMode.PAY_PER_REQUEST)));
    }

    @Test
    @Source("API Reference: UpdateTable — at least one change is required; dynalite validations/updateTable.js")
    void updateTableWithoutChangesIsRefused() {
        String t = hashTable(ddb, unique("nochange"));
        assertValidationError(() -> ddb.updateTable(b -> b.tableName(t)));
    }

    @Test
    @Source("Developer Guide: Service, account, and table quotas — Secondary indexes (20 global secondary indexes per table); dynalite validations/createTable.js")
    void moreThanTwentyGlobalIndexesAreRefused() {
        String t = unique("manygsi");
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            indexes.add(GlobalSecondaryIndex.builder().indexName("gsi" + i).keySchema(hash("gk"))
                    .projection(projection(ProjectionType.KEYS_ONLY)).build());
        }
        assertValidation("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("gk", ScalarAttributeType.S))
                        .keySchema(hash("pk")).globalSecondaryIndexes(indexes).build()));
    }

    @Test
    @Source("Developer Guide: Service, account, and table quotas — Secondary indexes (5 local secondary indexes per table); dynalite validations/createTable.js")
    void moreThanFiveLocalIndexesAreRefused() {
        String t = unique("manylsi");
        List<LocalSecondaryIndex> indexes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            indexes.add(LocalSecondaryIndex.builder().indexName("lsi" + i).keySchema(hash("pk"), range("ls"))
                    .projection(projection(ProjectionType.KEYS_ONLY)).build());
        }
        assertValidation("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.S),
                                attr("ls", ScalarAttributeType.S))
                        .keySchema(hash("pk"), range("sk")).localSecondaryIndexes(indexes).build()));
    }

    @Test
    @Source("API Reference: CreateTable — AttributeDefinitions (index key attributes must be defined too); dynalite validations/createTable.js")
    void indexKeyMissingFromDefinitionsIsRefused() {
        String t = unique("bad");
        assertValidation("One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: [gk], AttributeDefinitions: [pk]",
                () -> ddb.createTable(payPerRequest(t)
                        .attributeDefinitions(attr("pk", ScalarAttributeType.S))
                        .keySchema(hash("pk"))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi").keySchema(hash("gk"))
                                .projection(projection(ProjectionType.ALL)).build())
                        .build()));
    }

    @Test
    @Source("API Reference: DeleteTable — the table is in the DELETING state until DynamoDB completes the deletion (TableDescription of the response)")
    void deleteTableAnswersDeleting() {
        String t = hashTable(ddb, unique("deleting"));
        assertEquals(TableStatus.DELETING, ddb.deleteTable(b -> b.tableName(t)).tableDescription().tableStatus());
    }

    @Test
    @Source("API Reference: StreamSpecification — StreamViewType is required when StreamEnabled is true")
    void enabledStreamWithoutAViewTypeIsRefused() {
        String t = unique("noview");
        assertValidationError(() -> ddb.createTable(payPerRequest(t).attributeDefinitions(attr("pk", ScalarAttributeType.S))
                .keySchema(hash("pk")).streamSpecification(s -> s.streamEnabled(true)).build()));
    }
}
