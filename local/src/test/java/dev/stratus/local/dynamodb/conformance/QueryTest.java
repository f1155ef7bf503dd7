package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidation;
import static dev.stratus.local.dynamodb.conformance.Fixtures.attr;
import static dev.stratus.local.dynamodb.conformance.Fixtures.b;
import static dev.stratus.local.dynamodb.conformance.Fixtures.chars;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hash;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashRangeTable;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Query on a table, a global and a local secondary index: key conditions, order, pagination,
 * filters, counts, projections and the errors. The tables are written once and only read.
 */
class QueryTest {
    private static Harness h;
    private static DynamoDbClient ddb;
    /** pk S, sk N; GSIs byGroup (gk, gs; ALL), keysOnly (gk; KEYS_ONLY), included (gk; INCLUDE extra); LSI byAlt (pk, alt; ALL). */
    private static String table;
    private static String strings;
    private static String numbers;
    private static String binaries;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
        table = unique("query");
        ddb.createTable(payPerRequest(table)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("sk", ScalarAttributeType.N),
                        attr("gk", ScalarAttributeType.S), attr("gs", ScalarAttributeType.N),
                        attr("alt", ScalarAttributeType.S))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName("byGroup").keySchema(hash("gk"), range("gs"))
                                .projection(projection(ProjectionType.ALL)).build(),
                        GlobalSecondaryIndex.builder().indexName("keysOnly").keySchema(hash("gk"))
                                .projection(projection(ProjectionType.KEYS_ONLY)).build(),
                        GlobalSecondaryIndex.builder().indexName("included").keySchema(hash("gk"))
                                .projection(projection(ProjectionType.INCLUDE, "extra")).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byAlt").keySchema(hash("pk"), range("alt"))
                        .projection(projection(ProjectionType.ALL)).build())
                .build());
        for (int i = 1; i <= 10; i++) {
            Map<String, AttributeValue> item = new HashMap<>(item("pk", "p", "sk", i,
                    "parity", i % 2 == 0 ? "even" : "odd",
                    "alt", String.valueOf((char) ('a' + 10 - i)),
                    "extra", "e" + i, "other", "o" + i));
            if (i <= 6) {
                item.put("gk", s("g"));
                item.put("gs", n(100 - i));
            }
            ddb.putItem(b -> b.tableName(table).item(item));
        }
        for (int i = 1; i <= 3; i++) {
            int sk = i;
            ddb.putItem(b -> b.tableName(table).item(item("pk", "q", "sk", sk, "gk", "h", "gs", sk, "alt", "x")));
        }
        String filler = chars(100 * 1024);
        for (int i = 1; i <= 15; i++) {
            int sk = i;
            ddb.putItem(b -> b.tableName(table).item(item("pk", "big", "sk", sk, "filler", filler)));
        }

        strings = hashRangeTable(ddb, unique("strsort"), ScalarAttributeType.S);
        for (String sk : List.of("b#1", "a", "é", "B", "a#2", "A", "b", "a#1")) {
            ddb.putItem(b -> b.tableName(strings).item(item("pk", "p", "sk", sk)));
        }
        numbers = hashRangeTable(ddb, unique("numsort"), ScalarAttributeType.N);
        for (String sk : List.of("10", "-2.5", "100", "0", "2", "-10")) {
            ddb.putItem(b -> b.tableName(numbers).item(item("pk", "p", "sk", n(sk))));
        }
        binaries = hashRangeTable(ddb, unique("binsort"), ScalarAttributeType.B);
        for (int first : new int[] {0xff, 0x01, 0x80, 0x7f}) {
            ddb.putItem(b -> b.tableName(binaries).item(item("pk", "p", "sk", b(first))));
        }
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static QueryResponse partition(String condition, Map<String, AttributeValue> values, Consumer<QueryRequest.Builder> more) {
        return ddb.query(b -> {
            b.tableName(table).keyConditionExpression(condition).expressionAttributeValues(values);
            more.accept(b);
        });
    }

    private static List<Integer> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> Integer.valueOf(i.get("sk").n())).collect(Collectors.toList());
    }

    private static List<Integer> ints(int from, int to) {
        List<Integer> out = new ArrayList<>();
        if (from <= to) {
            for (int i = from; i <= to; i++) {
                out.add(i);
            }
        } else {
            for (int i = from; i >= to; i--) {
                out.add(i);
            }
        }
        return out;
    }

    // ---- key conditions and order ----

    @Test
    @Source("Developer Guide: Querying tables — Key condition expressions (partition key equality returns the items of the partition in sort key order)")
    void partitionKeyEqualityReturnsThePartitionInSortKeyOrder() {
        QueryResponse r = partition("pk = :p", Map.of(":p", s("p")), b -> { });
        assertEquals(ints(1, 10), sortKeys(r.items()));
        assertEquals(10, r.count());
        assertEquals(10, r.scannedCount());
        assertFalse(r.hasLastEvaluatedKey());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "sk = :five | 5",
        "sk < :three | 1 2",
        "sk <= :three | 1 2 3",
        "sk > :eight | 9 10",
        "sk >= :eight | 8 9 10",
        "sk BETWEEN :three AND :five | 3 4 5",
        "sk BETWEEN :five AND :five | 5",
    })
    @Source("Developer Guide: Querying tables — Key condition expressions for query (=, <, <=, >, >=, BETWEEN on the sort key)")
    void sortKeyConditions(String condition, String expected) {
        Map<String, AttributeValue> all = Map.of(":p", s("p"), ":three", n(3), ":five", n(5), ":eight", n(8));
        String expression = "pk = :p AND " + condition;
        QueryResponse r = partition(expression, Fixtures.valuesUsedIn(all, expression), b -> { });
        List<Integer> want = Arrays.stream(expected.split(" ")).map(Integer::valueOf).collect(Collectors.toList());
        assertEquals(want, sortKeys(r.items()));
    }

    @Test
    @Source("Developer Guide: Querying tables — Key condition expressions for query (begins_with on the sort key)")
    void beginsWithOnTheSortKey() {
        QueryResponse r = ddb.query(b -> b.tableName(strings).keyConditionExpression("pk = :p AND begins_with(sk, :a)")
                .expressionAttributeValues(Map.of(":p", s("p"), ":a", s("a#"))));
        assertEquals(List.of("a#1", "a#2"), r.items().stream().map(i -> i.get("sk").s()).collect(Collectors.toList()));
    }

    @Test
    @Source("Developer Guide: Querying tables — sort order (string sort keys are ordered by UTF-8 bytes)")
    void stringSortKeysAreOrderedByUtf8Bytes() {
        QueryResponse r = ddb.query(b -> b.tableName(strings).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertEquals(List.of("A", "B", "a", "a#1", "a#2", "b", "b#1", "é"),
                r.items().stream().map(i -> i.get("sk").s()).collect(Collectors.toList()));
    }

    @Test
    @Source("Developer Guide: Querying tables — sort order (number sort keys are ordered numerically)")
    void numberSortKeysAreOrderedNumerically() {
        QueryResponse r = ddb.query(b -> b.tableName(numbers).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertEquals(List.of("-10", "-2.5", "0", "2", "10", "100"),
                r.items().stream().map(i -> i.get("sk").n()).collect(Collectors.toList()));
    }

    @Test
    @Source("Developer Guide: Supported data types — Binary (each byte is compared as unsigned when sorting)")
    void binarySortKeysAreOrderedAsUnsignedBytes() {
        QueryResponse r = ddb.query(b -> b.tableName(binaries).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertEquals(List.of(0x01, 0x7f, 0x80, 0xff),
                r.items().stream().map(i -> i.get("sk").b().asByteArray()[0] & 0xff).collect(Collectors.toList()));
    }

    @Test
    @Source("API Reference: Query — ScanIndexForward (false: descending order of the sort key)")
    void scanIndexForwardFalseReversesTheOrder() {
        QueryResponse r = partition("pk = :p", Map.of(":p", s("p")), b -> b.scanIndexForward(false));
        assertEquals(ints(10, 1), sortKeys(r.items()));
    }

    @Test
    @Source("Developer Guide: Querying tables — Expression attribute names in key conditions")
    void keyConditionWithNamePlaceholders() {
        QueryResponse r = ddb.query(b -> b.tableName(table).keyConditionExpression("#p = :p AND #s BETWEEN :lo AND :hi")
                .expressionAttributeNames(Map.of("#p", "pk", "#s", "sk"))
                .expressionAttributeValues(Map.of(":p", s("p"), ":lo", n(9), ":hi", n(20))));
        assertEquals(List.of(9, 10), sortKeys(r.items()));
    }

    @Test
    @Source("API Reference: Query — a partition with no items returns Count 0 and no LastEvaluatedKey")
    void emptyPartitionReturnsNothing() {
        QueryResponse r = partition("pk = :p", Map.of(":p", s("nobody")), b -> { });
        assertEquals(0, r.count());
        assertTrue(r.items().isEmpty());
        assertFalse(r.hasLastEvaluatedKey());
    }

    // ---- pagination ----

    @Test
    @Source("API Reference: Query — Limit, LastEvaluatedKey (the primary key of the item where the operation stopped)")
    void limitStopsWithALastEvaluatedKey() {
        QueryResponse r = partition("pk = :p", Map.of(":p", s("p")), b -> b.limit(3));
        assertEquals(List.of(1, 2, 3), sortKeys(r.items()));
        assertEquals(item("pk", "p", "sk", 3), r.lastEvaluatedKey());
    }

    @Test
    @Source("Developer Guide: Paginating table query results — ExclusiveStartKey continues where LastEvaluatedKey stopped")
    void paginationVisitsEveryItemOnce() {
        List<Integer> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = partition("pk = :p", Map.of(":p", s("p")), b -> b.limit(4).exclusiveStartKey(from));
            assertTrue(r.count() <= 4);
            seen.addAll(sortKeys(r.items()));
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
            pages++;
        } while (start != null && pages < 20);
        assertEquals(ints(1, 10), seen);
    }

    @Test
    @Source("Developer Guide: Paginating table query results — pagination in descending order")
    void descendingPaginationVisitsEveryItemOnce() {
        List<Integer> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = partition("pk = :p", Map.of(":p", s("p")),
                    b -> b.limit(3).scanIndexForward(false).exclusiveStartKey(from));
            seen.addAll(sortKeys(r.items()));
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
            pages++;
        } while (start != null && pages < 20);
        assertEquals(ints(10, 1), seen);
    }

    @Test
    @Source("Developer Guide: Paginating table query results — a Query reads at most 1 MB of data per call")
    void oneMegabytePageEndsWithALastEvaluatedKey() {
        QueryResponse first = partition("pk = :p", Map.of(":p", s("big")), b -> { });
        assertTrue(first.count() >= 9 && first.count() <= 11, "about 1 MB of 100 KB items, but " + first.count());
        assertTrue(first.hasLastEvaluatedKey());
        int total = first.count();
        Map<String, AttributeValue> start = first.lastEvaluatedKey();
        int pages = 0;
        while (start != null && pages < 10) {
            Map<String, AttributeValue> from = start;
            QueryResponse next = partition("pk = :p", Map.of(":p", s("big")), b -> b.exclusiveStartKey(from));
            total += next.count();
            start = next.hasLastEvaluatedKey() ? next.lastEvaluatedKey() : null;
            pages++;
        }
        assertEquals(15, total);
    }

    // ---- filters, counts, projections ----

    @Test
    @Source("Developer Guide: Filter expressions for query — Count (after the filter) and ScannedCount (before the filter)")
    void filterReducesCountButNotScannedCount() {
        QueryResponse r = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p").filterExpression("parity = :even")
                .expressionAttributeValues(Map.of(":p", s("p"), ":even", s("even"))));
        assertEquals(List.of(2, 4, 6, 8, 10), sortKeys(r.items()));
        assertEquals(5, r.count());
        assertEquals(10, r.scannedCount());
    }

    @Test
    @Source("Developer Guide: Filter expressions for query — Limit is applied before the filter expression")
    void limitAppliesBeforeTheFilter() {
        QueryResponse r = ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p").filterExpression("parity = :even")
                .expressionAttributeValues(Map.of(":p", s("p"), ":even", s("even"))).limit(4));
        assertEquals(List.of(2, 4), sortKeys(r.items()));
        assertEquals(2, r.count());
        assertEquals(4, r.scannedCount());
        assertEquals(item("pk", "p", "sk", 4), r.lastEvaluatedKey());
    }

    @Test
    @Source("API Reference: Query — Select COUNT (returns the number of matching items, not the items)")
    void selectCountReturnsOnlyTheCount() {
        QueryResponse r = partition("pk = :p", Map.of(":p", s("p")), b -> b.select(Select.COUNT));
        assertEquals(10, r.count());
        assertFalse(r.hasItems() && !r.items().isEmpty());
    }

    @Test
    @Source("API Reference: Query — ProjectionExpression")
    void projectionLimitsTheAttributes() {
        QueryResponse r = partition("pk = :p AND sk = :one", Map.of(":p", s("p"), ":one", n(1)),
                b -> b.projectionExpression("sk, extra"));
        assertEquals(List.of(item("sk", 1, "extra", "e1")), r.items());
    }

    @Test
    @Source("API Reference: Query — FilterExpression cannot contain partition key or sort key attributes; dynalite actions/query.js")
    void filterOnAKeyAttributeIsRefused() {
        assertValidation("Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
                () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p").filterExpression("sk > :three")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":three", n(3)))));
    }

    // ---- indexes ----

    @Test
    @Source("Developer Guide: Querying a global secondary index — items ordered by the index sort key")
    void globalIndexQueryIsOrderedByTheIndexSortKey() {
        QueryResponse r = ddb.query(b -> b.tableName(table).indexName("byGroup").keyConditionExpression("gk = :g")
                .expressionAttributeValues(Map.of(":g", s("g"))));
        assertEquals(List.of(6, 5, 4, 3, 2, 1), sortKeys(r.items()));
        assertEquals("o6", r.items().get(0).get("other").s());
    }

    @Test
    @Source("Developer Guide: Querying a global secondary index — sort key condition on the index sort key")
    void globalIndexSortKeyCondition() {
        QueryResponse r = ddb.query(b -> b.tableName(table).indexName("byGroup").keyConditionExpression("gk = :g AND gs > :gs")
                .expressionAttributeValues(Map.of(":g", s("g"), ":gs", n(96))));
        assertEquals(List.of(3, 2, 1), sortKeys(r.items()));
    }

    @Test
    @Source("Developer Guide: Take advantage of sparse indexes — items without the index key attributes are not in the index")
    void itemsWithoutTheIndexKeyAreNotInTheIndex() {
        QueryResponse r = ddb.query(b -> b.tableName(table).indexName("keysOnly").keyConditionExpression("gk = :g")
                .expressionAttributeValues(Map.of(":g", s("g"))));
        assertEquals(6, r.count());
        assertTrue(sortKeys(r.items()).stream().allMatch(sk -> sk <= 6));
    }

    @Test
    @Source("Developer Guide: Projections (KEYS_ONLY: only the index and primary keys are projected)")
    void keysOnlyIndexReturnsOnlyKeys() {
        QueryResponse r = ddb.query(b -> b.tableName(table).indexName("keysOnly").keyConditionExpression("gk = :g")
                .expressionAttributeValues(Map.of(":g", s("h"))));
        assertEquals(3, r.count());
        for (Map<String, AttributeValue> i : r.items()) {
            assertEquals(java.util.Set.of("pk", "sk", "gk"), i.keySet());
        }
    }

    @Test
    @Source("Developer Guide: Projections (INCLUDE: the keys and the listed non-key attributes)")
    void includeIndexReturnsKeysAndIncludedAttributes() {
        QueryResponse r = ddb.query(b -> b.tableName(table).indexName("included").keyConditionExpression("gk = :g")
                .expressionAttributeValues(Map.of(":g", s("g"))));
        assertEquals(6, r.count());
        for (Map<String, AttributeValue> i : r.items()) {
            assertEquals(java.util.Set.of("pk", "sk", "gk", "extra"), i.keySet());
        }
    }

    @Test
    @Source("API Reference: Query — Select ALL_ATTRIBUTES on a GSI whose projection is not ALL; dynalite actions/query.js")
    void allAttributesFromAKeysOnlyGlobalIndexIsRefused() {
        assertValidation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
                        + "secondary index keysOnly because its projection type is not ALL",
                () -> ddb.query(b -> b.tableName(table).indexName("keysOnly").keyConditionExpression("gk = :g")
                        .select(Select.ALL_ATTRIBUTES).expressionAttributeValues(Map.of(":g", s("g")))));
    }

    @Test
    @Source("Developer Guide: Paginating on a global secondary index — Limit and ExclusiveStartKey")
    void globalIndexPagination() {
        List<Integer> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = ddb.query(b -> b.tableName(table).indexName("byGroup").keyConditionExpression("gk = :g")
                    .expressionAttributeValues(Map.of(":g", s("g"))).limit(4).exclusiveStartKey(from));
            seen.addAll(sortKeys(r.items()));
            start = r.hasLastEvaluatedKey() ? r.lastEvaluatedKey() : null;
            pages++;
        } while (start != null && pages < 10);
        assertEquals(List.of(6, 5, 4, 3, 2, 1), seen);
    }

    @Test
    @Source("Developer Guide: Local secondary indexes — queries on an LSI are ordered by the alternate sort key")
    void localIndexQueryIsOrderedByTheAlternateSortKey() {
        QueryResponse r = ddb.query(b -> b.tableName(table).indexName("byAlt").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertEquals(ints(10, 1), sortKeys(r.items()));
    }

    @Test
    @Source("Developer Guide: Local secondary indexes — strongly consistent reads are supported on an LSI")
    void localIndexAllowsConsistentRead() {
        QueryResponse r = ddb.query(b -> b.tableName(table).indexName("byAlt").keyConditionExpression("pk = :p AND alt < :c")
                .consistentRead(true).expressionAttributeValues(Map.of(":p", s("p"), ":c", s("c"))));
        assertEquals(List.of(10, 9), sortKeys(r.items()));
    }

    @Test
    @Source("Developer Guide: Global secondary indexes — Reading data from a GSI (strongly consistent reads are not supported); dynalite actions/query.js")
    void consistentReadOnAGlobalIndexIsRefused() {
        assertValidation("Consistent reads are not supported on global secondary indexes",
                () -> ddb.query(b -> b.tableName(table).indexName("byGroup").keyConditionExpression("gk = :g")
                        .consistentRead(true).expressionAttributeValues(Map.of(":g", s("g")))));
    }

    // ---- errors ----

    @Test
    @Source("API Reference: Query — IndexName (the index must exist); dynalite actions/query.js")
    void unknownIndexIsRefused() {
        assertValidation("The table does not have the specified index: nope",
                () -> ddb.query(b -> b.tableName(table).indexName("nope").keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))));
    }

    @Test
    @Source("Developer Guide: Querying tables — Key condition expressions (an equality condition on the partition key is required); dynalite actions/query.js")
    void missingPartitionKeyConditionIsRefused() {
        assertValidation("Query condition missed key schema element: pk",
                () -> ddb.query(b -> b.tableName(table).keyConditionExpression("sk = :five")
                        .expressionAttributeValues(Map.of(":five", n(5)))));
    }

    @Test
    @Source("Developer Guide: Querying tables — Key condition expressions (the partition key takes only an equality condition); dynalite actions/query.js")
    void rangeConditionOnThePartitionKeyIsRefused() {
        assertValidation("Query key condition not supported",
                () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk > :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))));
    }

    @Test
    @Source("Developer Guide: Querying tables — Key condition expressions (conditions are joined with AND only); dynalite validations/index.js")
    void orInAKeyConditionIsRefused() {
        assertValidation("Invalid operator used in KeyConditionExpression: OR",
                () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p OR sk = :five")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":five", n(5)))));
    }

    @Test
    @Source("API Reference: Query — KeyConditionExpression values must match the key attribute types; dynalite actions/query.js")
    void keyConditionValueOfTheWrongTypeIsRefused() {
        assertValidation("One or more parameter values were invalid: Condition parameter type does not match schema type",
                () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk = :s")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":s", s("5")))));
    }

    @Test
    @Source("Developer Guide: Querying tables — begins_with(sort_key, :value) needs a string or binary operand; dynalite db/conditionParser.js")
    void beginsWithOnANumberIsRefused() {
        assertValidation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
                () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND begins_with(sk, :five)")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":five", n(5)))));
    }

    @Test
    @Source("API Reference: Query — Errors: ResourceNotFoundException")
    void queryOfAMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> ddb.query(b -> b.tableName(unique("gone")).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))));
    }

    @Test
    @Source("API Reference: Query — LastEvaluatedKey of an index query holds the index and table keys")
    void globalIndexLastEvaluatedKeyHoldsIndexAndTableKeys() {
        QueryResponse r = ddb.query(b -> b.tableName(table).indexName("byGroup").keyConditionExpression("gk = :g")
                .expressionAttributeValues(Map.of(":g", s("g"))).limit(1));
        assertNotNull(r.lastEvaluatedKey());
        assertEquals(item("pk", "p", "sk", 6, "gk", "g", "gs", 94), r.lastEvaluatedKey());
    }

    @Test
    @Source("Developer Guide: Querying tables — Key condition expressions (one condition per key attribute); dynalite validations/index.js")
    void twoConditionsOnTheSortKeyAreRefused() {
        assertValidation("KeyConditionExpressions must only contain one condition per key",
                () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk > :a AND sk < :b")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":a", n(1), ":b", n(5)))));
    }

    @Test
    @Source("Developer Guide: Querying tables — Key condition expressions (only key attributes; a condition on another attribute belongs in a filter); dynalite actions/query.js")
    void keyConditionOnANonKeyAttributeIsRefused() {
        assertValidation("Query condition missed key schema element: sk",
                () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND parity = :e")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":e", s("even")))));
    }

    @Test
    @Source("Developer Guide: Querying tables — Key condition expressions (the sort key takes =, <, <=, >, >=, BETWEEN, begins_with; not <>); dynalite validations/index.js")
    void notEqualInAKeyConditionIsRefused() {
        assertValidation("Invalid operator used in KeyConditionExpression: <>",
                () -> ddb.query(b -> b.tableName(table).keyConditionExpression("pk = :p AND sk <> :five")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":five", n(5)))));
    }

    @Test
    @Source("API Reference: Query — Select COUNT with Limit (the count of the items evaluated up to the limit, with LastEvaluatedKey)")
    void selectCountWithLimitStopsAtTheLimit() {
        QueryResponse r = partition("pk = :p", Map.of(":p", s("p")), b -> b.select(Select.COUNT).limit(3));
        assertEquals(3, r.count());
        assertEquals(item("pk", "p", "sk", 3), r.lastEvaluatedKey());
    }

    @Test
    @Source("API Reference: Query — ExclusiveStartKey must lie within the queried partition; dynalite actions/query.js")
    void startKeyFromAnotherPartitionIsRefused() {
        assertValidation("The provided starting key is outside query boundaries based on provided conditions",
                () -> partition("pk = :p", Map.of(":p", s("p")), b -> b.exclusiveStartKey(item("pk", "q", "sk", 1))));
    }

    @Test
    @Source("API Reference: Query — ExclusiveStartKey must satisfy the sort key condition; dynalite actions/query.js")
    void startKeyOutsideTheSortKeyConditionIsRefused() {
        assertValidation("The provided starting key does not match the range key predicate",
                () -> partition("pk = :p AND sk > :five", Map.of(":p", s("p"), ":five", n(5)),
                        b -> b.exclusiveStartKey(item("pk", "p", "sk", 2))));
    }
}
