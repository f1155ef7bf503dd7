package dev.stratus.local.dynamodb.internal.ops;

import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.createTable;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.def;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.filler;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.gsi;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.hash;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.invalid;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.item;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.n;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.projection;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.putAll;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.range;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.local.dynamodb.LocalDynamoDb;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import dev.stratus.local.dynamodb.internal.engine.StoreKey;
import dev.stratus.local.dynamodb.internal.value.Value;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Scan through the SDK: paging, page size, parallel segments, indexes, Select, and DynamoDB's refusals. */
class ScanTest {
    @RegisterExtension
    static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create();
    private static final int ITEMS = 500;
    private static LocalDynamoDb db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = DYNAMO.db();
        dynamo = DYNAMO.client();
        createTable(dynamo, "s_hash", "pk", ScalarAttributeType.S, null, null);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            items.add(item("pk", s(key(i)), "v", n(i)));
        }
        putAll(dynamo, "s_hash", items);

        createTable(dynamo, CreateTableRequest.builder().tableName("s_idx")
                        .globalSecondaryIndexes(
                                gsi("byGroup", projection(ProjectionType.KEYS_ONLY), hash("grp")),
                                gsi("byGroupAll", projection(ProjectionType.ALL), hash("grp"), range("sk"))),
                "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N, List.of(def("grp", ScalarAttributeType.S)));
        List<Map<String, AttributeValue>> grouped = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, AttributeValue> item = item("pk", s("p" + (i % 6)), "sk", n(i), "other", s("o" + i));
            if (i % 3 != 0) {
                item.put("grp", s("g" + (i % 5)));
            }
            grouped.add(item);
        }
        putAll(dynamo, "s_idx", grouped);
    }

    private static String key(int i) {
        return String.format("item-%03d", i);
    }

    private static ScanResponse scan(Consumer<ScanRequest.Builder> request) {
        return dynamo.scan(request);
    }

    /** Follows LastEvaluatedKey to the end; returns the pages. */
    private static List<ScanResponse> pages(ScanRequest first) {
        List<ScanResponse> pages = new ArrayList<>();
        ScanRequest request = first;
        while (true) {
            ScanResponse page = dynamo.scan(request);
            pages.add(page);
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                return pages;
            }
            assertTrue(pages.size() < 10_000, "paging does not end");
            request = request.toBuilder().exclusiveStartKey(page.lastEvaluatedKey()).build();
        }
    }

    private static List<String> values(List<ScanResponse> pages, String attribute) {
        List<String> values = new ArrayList<>();
        for (ScanResponse page : pages) {
            for (Map<String, AttributeValue> item : page.items()) {
                AttributeValue value = item.get(attribute);
                values.add(value.s() != null ? value.s() : value.n());
            }
        }
        return values;
    }

    private static Set<String> allKeys() {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            all.add(key(i));
        }
        return all;
    }

    @Test
    void pagesSeeEveryItemExactlyOnce() {
        List<ScanResponse> pages = pages(ScanRequest.builder().tableName("s_hash").limit(37).build());
        // 500 = 13 * 37 + 19
        assertEquals(14, pages.size());
        for (int i = 0; i < 13; i++) {
            assertEquals(37, pages.get(i).count());
            assertEquals(37, pages.get(i).scannedCount());
            List<Map<String, AttributeValue>> items = pages.get(i).items();
            assertEquals(Map.of("pk", items.get(36).get("pk")), pages.get(i).lastEvaluatedKey());
        }
        assertEquals(19, pages.get(13).count());
        assertFalse(pages.get(13).hasLastEvaluatedKey());
        List<String> seen = values(pages, "pk");
        assertEquals(ITEMS, seen.size());
        assertEquals(allKeys(), new HashSet<>(seen));
        // one page without a limit holds everything
        ScanResponse whole = scan(b -> b.tableName("s_hash"));
        assertEquals(ITEMS, whole.count());
        assertEquals(ITEMS, whole.scannedCount());
        assertFalse(whole.hasLastEvaluatedKey());
        assertEquals(seen, values(List.of(whole), "pk"));
    }

    @Test
    void parallelSegmentsCoverEveryItemExactlyOnce() {
        for (int total : new int[] {1, 2, 3, 7, 16, 1000}) {
            List<String> seen = new ArrayList<>();
            int nonEmpty = 0;
            for (int segment = 0; segment < total; segment++) {
                int current = segment;
                List<ScanResponse> pages = pages(ScanRequest.builder().tableName("s_hash").segment(segment).totalSegments(total)
                        .limit(total < 10 ? 40 : 1000).build());
                List<String> got = values(pages, "pk");
                for (String pk : got) {
                    // the segment owns a slice of the partition-key hash space
                    long hash = StoreKey.hash(new Value.S(pk));
                    assertTrue(hash >= current * StoreKey.HASH_SPACE / total && hash < (current + 1) * StoreKey.HASH_SPACE / total,
                            pk + " in segment " + current + " of " + total);
                }
                nonEmpty += got.isEmpty() ? 0 : 1;
                seen.addAll(got);
            }
            assertEquals(ITEMS, seen.size(), "TotalSegments " + total);
            assertEquals(allKeys(), new HashSet<>(seen), "TotalSegments " + total);
            if (total > 1 && total < 20) {
                assertEquals(total, nonEmpty, "every segment of " + total + " holds some of 500 items");
            }
        }
    }

    @Test
    void indexSegmentsCoverEveryEntryExactlyOnce() {
        // 40 of the 60 items have grp
        List<String> seen = new ArrayList<>();
        for (int segment = 0; segment < 4; segment++) {
            seen.addAll(values(pages(ScanRequest.builder().tableName("s_idx").indexName("byGroup").segment(segment).totalSegments(4)
                    .limit(3).build()), "sk"));
        }
        assertEquals(40, seen.size());
        assertEquals(40, new HashSet<>(seen).size());
        for (String sk : seen) {
            assertTrue(Integer.parseInt(sk) % 3 != 0);
        }
    }

    @Test
    void indexScansReturnProjectedEntriesInIndexOrder() {
        ScanResponse keysOnly = scan(b -> b.tableName("s_idx").indexName("byGroup"));
        assertEquals(40, keysOnly.count());
        for (Map<String, AttributeValue> entry : keysOnly.items()) {
            assertEquals(Set.of("pk", "sk", "grp"), entry.keySet());
        }
        ScanResponse all = scan(b -> b.tableName("s_idx").indexName("byGroupAll"));
        assertEquals(40, all.count());
        // within a group, entries follow the index sort key
        Map<String, List<Integer>> byGroup = new HashMap<>();
        for (Map<String, AttributeValue> entry : all.items()) {
            assertEquals(Set.of("pk", "sk", "grp", "other"), entry.keySet());
            byGroup.computeIfAbsent(entry.get("grp").s(), g -> new ArrayList<>()).add(Integer.parseInt(entry.get("sk").n()));
        }
        assertEquals(5, byGroup.size());
        for (List<Integer> sks : byGroup.values()) {
            List<Integer> sorted = new ArrayList<>(sks);
            sorted.sort(null);
            assertEquals(sorted, sks);
        }
        // groups come whole, one after another
        List<String> groups = new ArrayList<>();
        for (Map<String, AttributeValue> entry : all.items()) {
            String g = entry.get("grp").s();
            if (groups.isEmpty() || !groups.get(groups.size() - 1).equals(g)) {
                groups.add(g);
            }
        }
        assertEquals(5, groups.size());
        // paging an index: the key holds the table's keys and the index's
        ScanResponse first = scan(b -> b.tableName("s_idx").indexName("byGroupAll").limit(1));
        Map<String, AttributeValue> entry = first.items().get(0);
        assertEquals(Map.of("pk", entry.get("pk"), "sk", entry.get("sk"), "grp", entry.get("grp")), first.lastEvaluatedKey());
        ScanResponse second = scan(b -> b.tableName("s_idx").indexName("byGroupAll").limit(1).exclusiveStartKey(first.lastEvaluatedKey()));
        assertEquals(all.items().get(1), second.items().get(0));
        List<ScanResponse> pages = pages(ScanRequest.builder().tableName("s_idx").indexName("byGroupAll").limit(7).build());
        List<Map<String, AttributeValue>> paged = new ArrayList<>();
        pages.forEach(p -> paged.addAll(p.items()));
        assertEquals(all.items(), paged);
    }

    @Test
    void aPageEndsAfterTheItemThatBringsItTo1Mb() {
        createTable(dynamo, "s_big", "pk", ScalarAttributeType.S, null, null);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(item("pk", s(String.format("k%02d", i)), "data", s(filler(102_400))));
        }
        putAll(dynamo, "s_big", items);
        List<ScanResponse> pages = pages(ScanRequest.builder().tableName("s_big").build());
        assertEquals(2, pages.size());
        assertEquals(11, pages.get(0).count());
        assertEquals(11, pages.get(0).scannedCount());
        assertEquals(Map.of("pk", pages.get(0).items().get(10).get("pk")), pages.get(0).lastEvaluatedKey());
        assertEquals(1, pages.get(1).count());
        assertFalse(pages.get(1).hasLastEvaluatedKey());
        assertEquals(12, new HashSet<>(values(pages, "pk")).size());
        ScanResponse counted = scan(b -> b.tableName("s_big").select(Select.COUNT));
        assertEquals(11, counted.count());
        assertFalse(counted.hasItems());
        assertTrue(counted.hasLastEvaluatedKey());
    }

    @Test
    void selectCountAndFiltersCountWhatTheyShould() {
        ScanResponse counted = scan(b -> b.tableName("s_hash").select(Select.COUNT));
        assertEquals(ITEMS, counted.count());
        assertEquals(ITEMS, counted.scannedCount());
        assertFalse(counted.hasItems());
        ScanResponse limited = scan(b -> b.tableName("s_hash").select(Select.COUNT).limit(10));
        assertEquals(10, limited.count());
        assertTrue(limited.hasLastEvaluatedKey());

        ScanResponse filtered = scan(b -> b.tableName("s_hash").filterExpression("v < :max").expressionAttributeValues(Map.of(":max", n(50))));
        assertEquals(50, filtered.count());
        assertEquals(ITEMS, filtered.scannedCount());
        Set<String> low = new HashSet<>(values(List.of(filtered), "pk"));
        for (int i = 0; i < 50; i++) {
            assertTrue(low.contains(key(i)));
        }
        ScanResponse filteredCount = scan(b -> b.tableName("s_hash").filterExpression("v < :max").select(Select.COUNT)
                .expressionAttributeValues(Map.of(":max", n(50))));
        assertEquals(50, filteredCount.count());
        assertEquals(ITEMS, filteredCount.scannedCount());
        // paging with a filter still sees each match once
        List<ScanResponse> pages = pages(ScanRequest.builder().tableName("s_hash").filterExpression("v < :max")
                .expressionAttributeValues(Map.of(":max", n(50))).limit(100).build());
        // the fifth page ends at its limit with the last item, so a sixth, empty page follows
        assertEquals(6, pages.size());
        assertEquals(0, pages.get(5).scannedCount());
        int scanned = 0;
        for (ScanResponse page : pages) {
            scanned += page.scannedCount();
        }
        assertEquals(ITEMS, scanned);
        assertEquals(low, new HashSet<>(values(pages, "pk")));
    }

    @Test
    void aProjectionExpressionReturnsOnlyItsAttributes() {
        ScanResponse response = scan(b -> b.tableName("s_hash").projectionExpression("v").limit(3));
        for (Map<String, AttributeValue> item : response.items()) {
            assertEquals(Set.of("v"), item.keySet());
        }
        assertEquals(3, response.count());
    }

    @Test
    void anEmptyTableScansToNothing() {
        createTable(dynamo, "s_empty", "pk", ScalarAttributeType.S, null, null);
        ScanResponse response = scan(b -> b.tableName("s_empty").segment(0).totalSegments(3));
        assertEquals(0, response.count());
        assertEquals(0, response.scannedCount());
        assertTrue(response.items().isEmpty());
        assertFalse(response.hasLastEvaluatedKey());
    }

    @Test
    void refusesBadSegments() {
        invalid("The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
                () -> scan(b -> b.tableName("s_hash").segment(1)));
        invalid("The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
                () -> scan(b -> b.tableName("s_hash").segment(0)));
        invalid("The Segment parameter is required but was not present in the request when parameter TotalSegments is present",
                () -> scan(b -> b.tableName("s_hash").totalSegments(2)));
        invalid("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not less than "
                + "TotalSegments: 2", () -> scan(b -> b.tableName("s_hash").segment(2).totalSegments(2)));
        invalid("1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value "
                + "greater than or equal to 1", () -> scan(b -> b.tableName("s_hash").segment(0).totalSegments(0)));
        invalid("1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint: Member must have value "
                + "less than or equal to 1000000", () -> scan(b -> b.tableName("s_hash").segment(0).totalSegments(1_000_001)));
        invalid("1 validation error detected: Value '-1' at 'segment' failed to satisfy constraint: Member must have value greater "
                + "than or equal to 0", () -> scan(b -> b.tableName("s_hash").segment(-1).totalSegments(2)));
        invalid("1 validation error detected: Value '1000000' at 'segment' failed to satisfy constraint: Member must have value less "
                + "than or equal to 999999", () -> scan(b -> b.tableName("s_hash").segment(1_000_000).totalSegments(1_000_000)));
        // the largest values are accepted
        ScanResponse last = scan(b -> b.tableName("s_hash").segment(999_999).totalSegments(1_000_000));
        assertFalse(last.hasLastEvaluatedKey());
        assertEquals(last.count(), last.scannedCount());
    }

    @Test
    void refusesAStartKeyFromAnotherSegment() {
        ScanResponse first = scan(b -> b.tableName("s_hash").segment(0).totalSegments(2).limit(1));
        Map<String, AttributeValue> start = first.lastEvaluatedKey();
        invalid("The provided Exclusive start key does not map to the provided segment",
                () -> scan(b -> b.tableName("s_hash").segment(1).totalSegments(2).exclusiveStartKey(start)));
        ScanResponse next = scan(b -> b.tableName("s_hash").segment(0).totalSegments(2).limit(1).exclusiveStartKey(start));
        assertEquals(1, next.count());
        assertFalse(next.items().get(0).get("pk").equals(start.get("pk")));
    }

    @Test
    void refusesBadStartKeys() {
        String bad = "The provided starting key is invalid: The provided key element does not match the schema";
        invalid(bad, () -> scan(b -> b.tableName("s_hash").exclusiveStartKey(Map.of("pk", n(1)))));
        invalid(bad, () -> scan(b -> b.tableName("s_hash").exclusiveStartKey(Map.of("pk", s("a"), "x", s("b")))));
        invalid(bad, () -> scan(b -> b.tableName("s_hash").exclusiveStartKey(Map.of("other", s("a")))));
        invalid(bad, () -> scan(b -> b.tableName("s_idx").indexName("byGroup").exclusiveStartKey(Map.of("pk", s("p1"), "sk", n(1)))));
        invalid(bad, () -> scan(b -> b.tableName("s_idx").indexName("byGroup").exclusiveStartKey(
                Map.of("pk", s("p1"), "sk", n(1), "grp", n(1)))));
        invalid("The provided starting key is invalid: One or more parameter values were invalid: The AttributeValue for a key "
                + "attribute cannot contain an empty string value. Key: pk",
                () -> scan(b -> b.tableName("s_hash").exclusiveStartKey(Map.of("pk", s("")))));
        invalid("The provided starting key is invalid: Supplied AttributeValue is empty, must contain exactly one of the supported "
                + "datatypes", () -> scan(b -> b.tableName("s_hash").exclusiveStartKey(Map.of("pk", AttributeValue.builder().build()))));
    }

    @Test
    void refusesBadParameters() {
        invalid("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than "
                + "or equal to 1", () -> scan(b -> b.tableName("s_hash").limit(0)));
        invalid("The parameter ScanFilter of Scan is not supported by the local DynamoDB engine (stratus-local)",
                () -> scan(b -> b.tableName("s_hash").scanFilter(Map.of("v", Condition.builder()
                        .comparisonOperator(ComparisonOperator.NOT_NULL).build()))));
        invalid("ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null",
                () -> scan(b -> b.tableName("s_hash").expressionAttributeValues(Map.of(":v", n(1)))));
        invalid("ExpressionAttributeNames can only be specified when using expressions",
                () -> scan(b -> b.tableName("s_hash").expressionAttributeNames(Map.of("#v", "v"))));
        invalid("Consistent reads are not supported on global secondary indexes",
                () -> scan(b -> b.tableName("s_idx").indexName("byGroup").consistentRead(true)));
        invalid("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index "
                + "byGroup because its projection type is not ALL",
                () -> scan(b -> b.tableName("s_idx").indexName("byGroup").select(Select.ALL_ATTRIBUTES)));
        invalid("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
                () -> scan(b -> b.tableName("s_hash").select(Select.ALL_PROJECTED_ATTRIBUTES)));
        invalid("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
                () -> scan(b -> b.tableName("s_hash").select(Select.SPECIFIC_ATTRIBUTES)));
        invalid("The table does not have the specified index: nope", () -> scan(b -> b.tableName("s_hash").indexName("nope")));
        invalid("1 validation error detected: Value 'BOGUS' at 'select' failed to satisfy constraint: Member must satisfy enum value "
                + "set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
                () -> scan(b -> b.tableName("s_hash").select("BOGUS")));
        ReadSupport.fails("ResourceNotFoundException", "Requested resource not found: Table: s_none not found",
                () -> scan(b -> b.tableName("s_none")));
    }

    @Test
    void reportsConsumedCapacity() {
        // 500 items of 13 to 14 bytes ("pk" + "item-NNN", "v" + a number of 2 or 3 bytes): 6,860 bytes, 2 units consistent
        ScanResponse consistent = scan(b -> b.tableName("s_hash").consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(ConsumedCapacity.builder().tableName("s_hash").capacityUnits(2.0).build(), consistent.consumedCapacity());
        ScanResponse eventual = scan(b -> b.tableName("s_hash").returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertEquals(1.0, eventual.consumedCapacity().capacityUnits());
        assertEquals(1.0, eventual.consumedCapacity().table().capacityUnits());
    }
}
