package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidation;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationContains;
import static dev.stratus.local.dynamodb.conformance.Fixtures.attr;
import static dev.stratus.local.dynamodb.conformance.Fixtures.chars;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hash;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.n;
import static dev.stratus.local.dynamodb.conformance.Fixtures.payPerRequest;
import static dev.stratus.local.dynamodb.conformance.Fixtures.projection;
import static dev.stratus.local.dynamodb.conformance.Fixtures.s;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Scan: filters, counts, pagination, parallel segments, indexes and the errors. The tables are only read. */
class ScanTest {
    private static final int ITEMS = 50;
    private static Harness h;
    private static DynamoDbClient ddb;
    /** pk S; 50 items i00..i49 with num; tag on the first ten (GSI byTag ALL, GSI tagKeys KEYS_ONLY). */
    private static String table;
    private static String empty;
    private static String big;

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
        table = unique("scan");
        ddb.createTable(payPerRequest(table)
                .attributeDefinitions(attr("pk", ScalarAttributeType.S), attr("tag", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName("byTag").keySchema(hash("tag"))
                                .projection(projection(ProjectionType.ALL)).build(),
                        GlobalSecondaryIndex.builder().indexName("tagKeys").keySchema(hash("tag"))
                                .projection(projection(ProjectionType.KEYS_ONLY)).build())
                .build());
        for (int i = 0; i < ITEMS; i++) {
            Map<String, AttributeValue> item = new HashMap<>(item("pk", String.format("i%02d", i), "num", i,
                    "kind", i % 3 == 0 ? "three" : "plain"));
            if (i < 10) {
                item.put("tag", s("t" + (i % 2)));
            }
            ddb.putItem(b -> b.tableName(table).item(item));
        }
        empty = hashTable(ddb, unique("scanempty"));
        big = hashTable(ddb, unique("scanbig"));
        String filler = chars(100 * 1024);
        for (int i = 0; i < 15; i++) {
            int k = i;
            ddb.putItem(b -> b.tableName(big).item(item("pk", "b" + k, "filler", filler)));
        }
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** Every page of a scan, following LastEvaluatedKey. */
    private static List<ScanResponse> allPages(Consumer<ScanRequest.Builder> request) {
        List<ScanResponse> pages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = ddb.scan(b -> {
                request.accept(b);
                b.exclusiveStartKey(from);
            });
            pages.add(page);
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null && pages.size() < 1000);
        return pages;
    }

    private static List<String> keys(List<ScanResponse> pages) {
        List<String> keys = new ArrayList<>();
        pages.forEach(p -> p.items().forEach(i -> keys.add(i.get("pk").s())));
        return keys;
    }

    private static Set<String> allKeys() {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            all.add(String.format("i%02d", i));
        }
        return all;
    }

    @Test
    @Source("API Reference: Scan — returns every item of the table; Count and ScannedCount")
    void scanReturnsEveryItem() {
        ScanResponse r = ddb.scan(b -> b.tableName(table));
        assertEquals(ITEMS, r.count());
        assertEquals(ITEMS, r.scannedCount());
        assertFalse(r.hasLastEvaluatedKey());
        Set<String> seen = new HashSet<>();
        r.items().forEach(i -> seen.add(i.get("pk").s()));
        assertEquals(allKeys(), seen);
    }

    @Test
    @Source("Developer Guide: Filter expressions for scan — Count after the filter, ScannedCount before")
    void filterReducesCountButNotScannedCount() {
        ScanResponse r = ddb.scan(b -> b.tableName(table).filterExpression("num < :ten")
                .expressionAttributeValues(Map.of(":ten", n(10))));
        assertEquals(10, r.count());
        assertEquals(ITEMS, r.scannedCount());
        assertTrue(r.items().stream().allMatch(i -> Integer.parseInt(i.get("num").n()) < 10));
    }

    @Test
    @Source("Developer Guide: Filter expressions for scan — a scan filter may use any attribute, the key included")
    void filterOnTheKeyAttribute() {
        ScanResponse r = ddb.scan(b -> b.tableName(table).filterExpression("begins_with(pk, :p)")
                .expressionAttributeValues(Map.of(":p", s("i1"))));
        assertEquals(10, r.count());
    }

    @Test
    @Source("API Reference: Scan — Limit (the maximum number of items to evaluate), LastEvaluatedKey")
    void limitStopsWithALastEvaluatedKey() {
        ScanResponse r = ddb.scan(b -> b.tableName(table).limit(7));
        assertEquals(7, r.count());
        assertEquals(7, r.scannedCount());
        assertTrue(r.hasLastEvaluatedKey());
        assertEquals(Set.of("pk"), r.lastEvaluatedKey().keySet());
    }

    @Test
    @Source("Developer Guide: Paginating the results — ExclusiveStartKey continues a scan where LastEvaluatedKey stopped")
    void paginationVisitsEveryItemOnce() {
        List<String> keys = keys(allPages(b -> b.tableName(table).limit(7)));
        assertEquals(ITEMS, keys.size());
        assertEquals(allKeys(), new HashSet<>(keys));
    }

    @Test
    @Source("Developer Guide: Filter expressions for scan — Limit counts the items evaluated, before the filter")
    void limitAppliesBeforeTheFilter() {
        List<ScanResponse> pages = allPages(b -> b.tableName(table).limit(10).filterExpression("kind = :k")
                .expressionAttributeValues(Map.of(":k", s("three"))));
        int matched = 0;
        for (ScanResponse page : pages) {
            assertTrue(page.scannedCount() <= 10);
            assertTrue(page.count() <= page.scannedCount());
            matched += page.count();
        }
        assertEquals(10, pages.get(0).scannedCount());
        assertEquals(17, matched);
    }

    @ParameterizedTest(name = "TotalSegments {0}")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    @Source("Developer Guide: Parallel scan — Segment and TotalSegments (together the segments cover every item exactly once)")
    void parallelScanSegmentsCoverEveryItemExactlyOnce(int totalSegments) {
        List<String> keys = new ArrayList<>();
        for (int segment = 0; segment < totalSegments; segment++) {
            int seg = segment;
            keys.addAll(keys(allPages(b -> b.tableName(table).segment(seg).totalSegments(totalSegments).limit(5))));
        }
        assertEquals(ITEMS, keys.size());
        assertEquals(allKeys(), new HashSet<>(keys));
    }

    @Test
    @Source("Developer Guide: Parallel scan — Segment is zero-based and less than TotalSegments; dynalite validations/scan.js")
    void segmentNotBelowTotalSegmentsIsRefused() {
        assertValidation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 3",
                () -> ddb.scan(b -> b.tableName(table).segment(3).totalSegments(3)));
    }

    @Test
    @Source("API Reference: Scan — Segment requires TotalSegments; dynalite validations/scan.js")
    void segmentWithoutTotalSegmentsIsRefused() {
        assertValidation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
                () -> ddb.scan(b -> b.tableName(table).segment(1)));
    }

    @Test
    @Source("API Reference: Scan — TotalSegments requires Segment; dynalite validations/scan.js")
    void totalSegmentsWithoutSegmentIsRefused() {
        assertValidation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present",
                () -> ddb.scan(b -> b.tableName(table).totalSegments(2)));
    }

    @Test
    @Source("API Reference: Scan — TotalSegments (valid range 1 to 1000000)")
    void totalSegmentsAboveTheMaximumIsRefused() {
        assertValidationContains("Member must have value less than or equal to 1000000",
                () -> ddb.scan(b -> b.tableName(table).segment(0).totalSegments(1_000_001)));
    }

    @Test
    @Source("API Reference: Scan — Select COUNT")
    void selectCountReturnsOnlyTheCount() {
        ScanResponse r = ddb.scan(b -> b.tableName(table).select(Select.COUNT));
        assertEquals(ITEMS, r.count());
        assertFalse(r.hasItems() && !r.items().isEmpty());
    }

    @Test
    @Source("API Reference: Scan — ProjectionExpression")
    void projectionLimitsTheAttributes() {
        ScanResponse r = ddb.scan(b -> b.tableName(table).projectionExpression("num"));
        assertEquals(ITEMS, r.count());
        assertTrue(r.items().stream().allMatch(i -> i.keySet().equals(Set.of("num"))));
    }

    @Test
    @Source("Developer Guide: Take advantage of sparse indexes — scanning a sparse index returns only the items that have its key")
    void scanOfASparseIndex() {
        ScanResponse r = ddb.scan(b -> b.tableName(table).indexName("byTag"));
        assertEquals(10, r.count());
        assertTrue(r.items().stream().allMatch(i -> i.containsKey("num") && i.containsKey("tag")));
    }

    @Test
    @Source("Developer Guide: Projections (KEYS_ONLY) — scanning a KEYS_ONLY index returns keys only")
    void scanOfAKeysOnlyIndex() {
        ScanResponse r = ddb.scan(b -> b.tableName(table).indexName("tagKeys"));
        assertEquals(10, r.count());
        assertTrue(r.items().stream().allMatch(i -> i.keySet().equals(Set.of("pk", "tag"))));
    }

    @Test
    @Source("API Reference: Scan — ConsistentRead is not supported on global secondary indexes; dynalite actions/scan.js")
    void consistentScanOfAGlobalIndexIsRefused() {
        assertValidation("Consistent reads are not supported on global secondary indexes",
                () -> ddb.scan(b -> b.tableName(table).indexName("byTag").consistentRead(true)));
    }

    @Test
    @Source("API Reference: Scan — IndexName (the index must exist); dynalite actions/scan.js")
    void scanOfAnUnknownIndexIsRefused() {
        assertValidation("The table does not have the specified index: nope",
                () -> ddb.scan(b -> b.tableName(table).indexName("nope")));
    }

    @Test
    @Source("API Reference: Scan — an empty table returns Count 0")
    void scanOfAnEmptyTable() {
        ScanResponse r = ddb.scan(b -> b.tableName(empty));
        assertEquals(0, r.count());
        assertEquals(0, r.scannedCount());
        assertFalse(r.hasLastEvaluatedKey());
    }

    @Test
    @Source("Developer Guide: Paginating the results — a Scan reads at most 1 MB of data per call")
    void oneMegabytePageEndsWithALastEvaluatedKey() {
        ScanResponse first = ddb.scan(b -> b.tableName(big));
        assertTrue(first.count() >= 9 && first.count() <= 11, "about 1 MB of 100 KB items, but " + first.count());
        assertTrue(first.hasLastEvaluatedKey());
        assertEquals(15, keys(allPages(b -> b.tableName(big))).size());
    }

    @Test
    @Source("API Reference: Scan — ExclusiveStartKey must match the table's key schema; dynalite actions/scan.js")
    void startKeyOfTheWrongSchemaIsRefused() {
        assertValidation("The provided starting key is invalid: The provided key element does not match the schema",
                () -> ddb.scan(b -> b.tableName(table).exclusiveStartKey(item("nope", "x"))));
    }

    @Test
    @Source("API Reference: Scan — Errors: ResourceNotFoundException")
    void scanOfAMissingTableIsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class, () -> ddb.scan(b -> b.tableName(unique("gone"))));
    }

    @Test
    @Source("Developer Guide: Filter expressions for scan — the filter sees the whole item, the projection shapes what is returned")
    void filterOnAnAttributeThatIsNotProjected() {
        ScanResponse r = ddb.scan(b -> b.tableName(table).filterExpression("num >= :n").projectionExpression("pk")
                .expressionAttributeValues(Map.of(":n", n(45))));
        assertEquals(5, r.count());
        assertTrue(r.items().stream().allMatch(i -> i.keySet().equals(Set.of("pk"))));
    }
}
