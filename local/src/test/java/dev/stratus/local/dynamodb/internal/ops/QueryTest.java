package dev.stratus.local.dynamodb.internal.ops;

import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.b;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.createTable;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.def;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.fails;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.filler;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.gsi;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.hash;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.invalid;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.item;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.lsi;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.n;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.projection;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.putAll;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.range;
import static dev.stratus.local.dynamodb.internal.ops.ReadSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.stratus.local.dynamodb.LocalDynamoDb;
import dev.stratus.local.dynamodb.junit.LocalDynamoDbExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query through the SDK: key ranges, order, paging, page size, indexes, Select, and DynamoDB's refusals. */
class QueryTest {
    @RegisterExtension
    static final LocalDynamoDbExtension DYNAMO = LocalDynamoDbExtension.create();
    private static LocalDynamoDb db;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void start() {
        db = DYNAMO.db();
        dynamo = DYNAMO.client();
        createTable(dynamo, "q_str", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        createTable(dynamo, "q_num", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
        createTable(dynamo, "q_bin", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.B);
        createTable(dynamo, CreateTableRequest.builder().tableName("q_idx")
                        .globalSecondaryIndexes(
                                gsi("byCatAll", projection(ProjectionType.ALL), hash("cat"), range("price")),
                                gsi("byCatKeys", projection(ProjectionType.KEYS_ONLY), hash("cat"), range("price")),
                                gsi("byCatInclude", projection(ProjectionType.INCLUDE, "note"), hash("cat"), range("price")),
                                gsi("byOwner", projection(ProjectionType.KEYS_ONLY), hash("owner")))
                        .localSecondaryIndexes(
                                lsi("byPriceKeys", projection(ProjectionType.KEYS_ONLY), hash("pk"), range("price")),
                                lsi("byPriceAll", projection(ProjectionType.ALL), hash("pk"), range("price"))),
                "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S,
                List.of(def("cat", ScalarAttributeType.S), def("price", ScalarAttributeType.N), def("owner", ScalarAttributeType.S)));
        String[] sks = {"a", "b", "c", "d", "e", "f"};
        int[] prices = {30, 10, 20, 10, 40, 20};
        for (int i = 0; i < sks.length; i++) {
            Map<String, AttributeValue> item = item("pk", s("p1"), "sk", s(sks[i]), "cat", s("c1"), "price", n(prices[i]),
                    "note", s("note-" + sks[i]), "extra", s("x" + sks[i]));
            if (i % 2 == 0) {
                item.put("owner", s("o" + sks[i]));
            }
            dynamo.putItem(b -> b.tableName("q_idx").item(item));
        }
        dynamo.putItem(b -> b.tableName("q_idx").item(item("pk", s("p2"), "sk", s("a"), "cat", s("c1"), "price", n(15),
                "note", s("note-p2"), "extra", s("xp2"))));
        dynamo.putItem(b -> b.tableName("q_idx").item(item("pk", s("p3"), "sk", s("a"), "cat", s("c2"), "price", n(1))));
    }

    private static QueryResponse query(Consumer<QueryRequest.Builder> request) {
        return dynamo.query(request);
    }

    private static List<String> strings(List<Map<String, AttributeValue>> items, String attribute) {
        List<String> values = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            AttributeValue value = item.get(attribute);
            values.add(value.s() != null ? value.s() : value.n() != null ? value.n() : value.b().asUtf8String());
        }
        return values;
    }

    private static List<String> sks(QueryResponse response) {
        return strings(response.items(), "sk");
    }

    /** Queries partition {@code pk} of {@code table} with a sort key condition (null for none). */
    private static QueryResponse keyQuery(String table, String pk, String sortCondition, Map<String, AttributeValue> values,
                                          boolean forward) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":p", s(pk));
        return query(b -> b.tableName(table).keyConditionExpression("pk = :p" + (sortCondition == null ? "" : " AND " + sortCondition))
                .expressionAttributeValues(all).scanIndexForward(forward));
    }

    /** Follows LastEvaluatedKey to the end; returns the pages. */
    private static List<QueryResponse> pages(QueryRequest first) {
        List<QueryResponse> pages = new ArrayList<>();
        QueryRequest request = first;
        while (true) {
            QueryResponse page = dynamo.query(request);
            pages.add(page);
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                return pages;
            }
            assertTrue(pages.size() < 10_000, "paging does not end");
            request = request.toBuilder().exclusiveStartKey(page.lastEvaluatedKey()).build();
        }
    }

    // ------------------------------------------------------------------------------------- ordering

    @Test
    void stringSortKeysComeInCodePointOrder() {
        // UTF-16 order would put U+1F600 (a surrogate pair, D83D DE00) before U+FFFD
        List<String> sorted = List.of("B", "a", "ab", "b", "z", "\u00e9", "\ufffd", "\ud83d\ude00");
        List<String> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new java.util.Random(7));
        for (String sk : shuffled) {
            dynamo.putItem(b -> b.tableName("q_str").item(item("pk", s("order"), "sk", s(sk))));
        }
        assertEquals(sorted, sks(keyQuery("q_str", "order", null, Map.of(), true)));
        List<String> reversed = new ArrayList<>(sorted);
        Collections.reverse(reversed);
        assertEquals(reversed, sks(keyQuery("q_str", "order", null, Map.of(), false)));
    }

    @Test
    void numberSortKeysComeInNumericOrder() {
        for (String sk : List.of("10", "2", "100", "-10", "0", "-1.5", "1E+3", "0.5", "-1000", "10.01", "-0.001")) {
            dynamo.putItem(b -> b.tableName("q_num").item(item("pk", s("order"), "sk", n(sk))));
        }
        List<String> expected = List.of("-1000", "-10", "-1.5", "-0.001", "0", "0.5", "2", "10", "10.01", "100", "1000");
        assertEquals(expected, sks(keyQuery("q_num", "order", null, Map.of(), true)));
    }

    @Test
    void binarySortKeysComeInUnsignedByteOrder() {
        List<AttributeValue> sorted = List.of(b(0x00), b(0x00, 0x00), b(0x01), b(0x7f), b(0x7f, 0xff), b(0x80), b(0xff));
        List<AttributeValue> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new java.util.Random(3));
        for (AttributeValue sk : shuffled) {
            dynamo.putItem(b -> b.tableName("q_bin").item(item("pk", s("order"), "sk", sk)));
        }
        List<AttributeValue> got = new ArrayList<>();
        keyQuery("q_bin", "order", null, Map.of(), true).items().forEach(i -> got.add(i.get("sk")));
        assertEquals(sorted, got);
    }

    // ------------------------------------------------------------------------------ sort conditions

    private static void numbers(String pk, int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            items.add(item("pk", s(pk), "sk", n(i), "v", n(i * 10)));
        }
        putAll(dynamo, "q_num", items);
    }

    private static List<String> numberQuery(String condition, Map<String, AttributeValue> values, boolean forward) {
        return sks(keyQuery("q_num", "ops", condition, values, forward));
    }

    @Test
    void eachSortKeyOperatorReadsItsRange() {
        numbers("ops", 10);
        Map<String, AttributeValue> five = Map.of(":v", n(5));
        assertEquals(List.of("5"), numberQuery("sk = :v", five, true));
        assertEquals(List.of("1", "2", "3", "4"), numberQuery("sk < :v", five, true));
        assertEquals(List.of("1", "2", "3", "4", "5"), numberQuery("sk <= :v", five, true));
        assertEquals(List.of("6", "7", "8", "9", "10"), numberQuery("sk > :v", five, true));
        assertEquals(List.of("5", "6", "7", "8", "9", "10"), numberQuery("sk >= :v", five, true));
        Map<String, AttributeValue> between = Map.of(":lo", n(3), ":hi", n(6));
        assertEquals(List.of("3", "4", "5", "6"), numberQuery("sk BETWEEN :lo AND :hi", between, true));
        // descending
        assertEquals(List.of("4", "3", "2", "1"), numberQuery("sk < :v", five, false));
        assertEquals(List.of("10", "9", "8", "7", "6"), numberQuery("sk > :v", five, false));
        assertEquals(List.of("6", "5", "4", "3"), numberQuery("sk BETWEEN :lo AND :hi", between, false));
        assertEquals(List.of("5"), numberQuery("sk = :v", five, false));
        // bounds between stored values, and empty ranges
        assertEquals(List.of("5", "6"), numberQuery("sk BETWEEN :lo AND :hi", Map.of(":lo", n("4.5"), ":hi", n("6.5")), true));
        assertEquals(List.of(), numberQuery("sk = :v", Map.of(":v", n("5.5")), true));
        assertEquals(List.of(), numberQuery("sk > :v", Map.of(":v", n(10)), true));
        assertEquals(List.of(), numberQuery("sk < :v", Map.of(":v", n(1)), false));
        assertEquals(List.of("1"), numberQuery("sk BETWEEN :lo AND :hi", Map.of(":lo", n(1), ":hi", n(1)), true));
    }

    @Test
    void beginsWithReadsThePrefixRangeBothWays() {
        for (String sk : List.of("a", "ab", "ab\uffff", "ab\ud83d\ude00", "abc", "abd", "ac", "b", "aa\ud83d\ude00")) {
            dynamo.putItem(b -> b.tableName("q_str").item(item("pk", s("prefix"), "sk", s(sk))));
        }
        assertEquals(List.of("ab", "ab\uffff", "ab\ud83d\ude00", "abc", "abd").stream().sorted(CodePoints::compare).toList(),
                sks(keyQuery("q_str", "prefix", "begins_with(sk, :x)", Map.of(":x", s("ab")), true)));
        assertEquals(List.of("abd", "abc", "ab\ud83d\ude00", "ab\uffff", "ab").stream().sorted(
                (x, y) -> CodePoints.compare(y, x)).toList(),
                sks(keyQuery("q_str", "prefix", "begins_with(sk, :x)", Map.of(":x", s("ab")), false)));
        assertEquals(List.of("ab\ud83d\ude00"), sks(keyQuery("q_str", "prefix", "begins_with(sk, :x)",
                Map.of(":x", s("ab\ud83d\ude00")), true)));
        assertEquals(List.of("aa\ud83d\ude00"), sks(keyQuery("q_str", "prefix", "begins_with(sk, :x)", Map.of(":x", s("aa")), false)));
        assertEquals(List.of(), sks(keyQuery("q_str", "prefix", "begins_with(sk, :x)", Map.of(":x", s("abe")), true)));

        for (AttributeValue sk : List.of(b(0x01), b(0x01, 0xff), b(0x01, 0xff, 0x00), b(0x01, 0xff, 0xff), b(0x02), b(0x01, 0x00))) {
            dynamo.putItem(b -> b.tableName("q_bin").item(item("pk", s("prefix"), "sk", sk)));
        }
        List<AttributeValue> got = new ArrayList<>();
        keyQuery("q_bin", "prefix", "begins_with(sk, :x)", Map.of(":x", b(0x01, 0xff)), true).items().forEach(i -> got.add(i.get("sk")));
        assertEquals(List.of(b(0x01, 0xff), b(0x01, 0xff, 0x00), b(0x01, 0xff, 0xff)), got);
        got.clear();
        keyQuery("q_bin", "prefix", "begins_with(sk, :x)", Map.of(":x", b(0x01)), false).items().forEach(i -> got.add(i.get("sk")));
        assertEquals(List.of(b(0x01, 0xff, 0xff), b(0x01, 0xff, 0x00), b(0x01, 0xff), b(0x01, 0x00), b(0x01)), got);
    }

    /** Code point order, for the expected lists above. */
    static final class CodePoints {
        static int compare(String a, String b) {
            return dev.stratus.local.dynamodb.internal.value.Values.compareStrings(a, b);
        }
    }

    @Test
    void aQueryReadsOnlyItsPartition() {
        numbers("partA", 3);
        numbers("partB", 4);
        QueryResponse a = keyQuery("q_num", "partA", null, Map.of(), true);
        assertEquals(List.of("1", "2", "3"), sks(a));
        assertEquals(3, a.scannedCount());
        assertEquals(List.of("partA", "partA", "partA"), strings(a.items(), "pk"));
        QueryResponse none = keyQuery("q_num", "partNone", null, Map.of(), true);
        assertEquals(0, none.count());
        assertEquals(0, none.scannedCount());
        assertTrue(none.items().isEmpty());
        assertFalse(none.hasLastEvaluatedKey());
    }

    // ----------------------------------------------------------------------------------- paging

    @Test
    void limitPagesThroughEveryItemExactlyOnceBothWays() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            items.add(item("pk", s("many"), "sk", s(String.format("k%04d", i))));
        }
        putAll(dynamo, "q_str", items);
        for (boolean forward : new boolean[] {true, false}) {
            List<QueryResponse> pages = pages(QueryRequest.builder().tableName("q_str").keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("many"))).limit(7).scanIndexForward(forward).build());
            assertEquals(36, pages.size());
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < pages.size(); i++) {
                QueryResponse page = pages.get(i);
                int expected = i < 35 ? 7 : 5;
                assertEquals(expected, page.count());
                assertEquals(expected, page.scannedCount());
                seen.addAll(sks(page));
                if (i < 35) {
                    assertEquals(Map.of("pk", s("many"), "sk", s(sks(page).get(6))), page.lastEvaluatedKey());
                }
            }
            assertEquals(250, seen.size());
            assertEquals(250, new HashSet<>(seen).size());
            List<String> sorted = new ArrayList<>(seen);
            Collections.sort(sorted);
            if (!forward) {
                Collections.reverse(sorted);
            }
            assertEquals(sorted, seen);
        }
    }

    @Test
    void aPageThatEndsAtTheLimitHasALastEvaluatedKeyEvenAtTheEnd() {
        numbers("exact", 10);
        List<QueryResponse> pages = pages(QueryRequest.builder().tableName("q_num").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("exact"))).limit(5).build());
        assertEquals(3, pages.size());
        assertEquals(Map.of("pk", s("exact"), "sk", n(10)), pages.get(1).lastEvaluatedKey());
        assertEquals(0, pages.get(2).count());
        assertEquals(0, pages.get(2).scannedCount());
        assertFalse(pages.get(2).hasLastEvaluatedKey());
    }

    @Test
    void aPageEndsAfterTheItemThatBringsItTo1Mb() {
        // each item: "pk"+"big" (5) + "sk"+"kNN" (5) + "data" + 102,400 characters = 102,414 bytes;
        // ten are 1,024,140 bytes (< 1 MiB), the eleventh crosses 1,048,576
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            items.add(item("pk", s("big"), "sk", s(String.format("k%02d", i)), "data", s(filler(102_400))));
        }
        putAll(dynamo, "q_str", items);
        List<QueryResponse> pages = pages(QueryRequest.builder().tableName("q_str").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("big"))).build());
        assertEquals(2, pages.size());
        assertEquals(11, pages.get(0).count());
        assertEquals(11, pages.get(0).scannedCount());
        assertEquals(Map.of("pk", s("big"), "sk", s("k10")), pages.get(0).lastEvaluatedKey());
        assertEquals(List.of("k11"), sks(pages.get(1)));
        assertFalse(pages.get(1).hasLastEvaluatedKey());
        // Limit still applies below the size limit
        QueryResponse limited = query(b -> b.tableName("q_str").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("big"))).limit(3));
        assertEquals(3, limited.count());
        // COUNT pages the same way
        QueryResponse counted = query(b -> b.tableName("q_str").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("big"))).select(Select.COUNT));
        assertEquals(11, counted.count());
        assertEquals(Map.of("pk", s("big"), "sk", s("k10")), counted.lastEvaluatedKey());
    }

    @Test
    void selectCountAnswersCountsWithoutItems() {
        numbers("count", 6);
        QueryResponse response = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p AND sk > :v")
                .expressionAttributeValues(Map.of(":p", s("count"), ":v", n(2))).select(Select.COUNT));
        assertEquals(4, response.count());
        assertEquals(4, response.scannedCount());
        assertFalse(response.hasItems());
    }

    @Test
    void aFilterCountsMatchesWhileScannedCountCountsWhatWasRead() {
        numbers("filter", 10);
        QueryResponse response = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .filterExpression("v >= :min").expressionAttributeValues(Map.of(":p", s("filter"), ":min", n(80))));
        assertEquals(List.of("8", "9", "10"), sks(response));
        assertEquals(3, response.count());
        assertEquals(10, response.scannedCount());
        // Limit counts items read before the filter
        QueryResponse limited = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .filterExpression("v >= :min").expressionAttributeValues(Map.of(":p", s("filter"), ":min", n(80))).limit(8));
        assertEquals(List.of("8"), sks(limited));
        assertEquals(1, limited.count());
        assertEquals(8, limited.scannedCount());
        assertEquals(Map.of("pk", s("filter"), "sk", n(8)), limited.lastEvaluatedKey());
        QueryResponse nothing = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .filterExpression("v >= :min").expressionAttributeValues(Map.of(":p", s("filter"), ":min", n(80))).limit(5));
        assertEquals(0, nothing.count());
        assertEquals(5, nothing.scannedCount());
        assertEquals(Map.of("pk", s("filter"), "sk", n(5)), nothing.lastEvaluatedKey());
        QueryResponse counted = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .filterExpression("v >= :min").expressionAttributeValues(Map.of(":p", s("filter"), ":min", n(80)))
                .select(Select.COUNT));
        assertEquals(3, counted.count());
        assertEquals(10, counted.scannedCount());
    }

    @Test
    void aProjectionExpressionReturnsOnlyItsAttributes() {
        numbers("projection", 2);
        QueryResponse response = query(b -> b.tableName("q_num").keyConditionExpression("#k = :p")
                .projectionExpression("v, #k").expressionAttributeNames(Map.of("#k", "pk"))
                .expressionAttributeValues(Map.of(":p", s("projection"))));
        assertEquals(List.of(Map.of("v", n(10), "pk", s("projection")), Map.of("v", n(20), "pk", s("projection"))),
                response.items());
        QueryResponse specific = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p").projectionExpression("sk")
                .select(Select.SPECIFIC_ATTRIBUTES).expressionAttributeValues(Map.of(":p", s("projection"))));
        assertEquals(List.of(Map.of("sk", n(1)), Map.of("sk", n(2))), specific.items());
    }

    // ---------------------------------------------------------------------------------- indexes

    private static QueryResponse indexQuery(String index, String pkName, AttributeValue pk, Consumer<QueryRequest.Builder> more) {
        return query(b -> {
            b.tableName("q_idx").indexName(index).keyConditionExpression("#i = :i")
                    .expressionAttributeNames(Map.of("#i", pkName)).expressionAttributeValues(Map.of(":i", pk));
            more.accept(b);
        });
    }

    @Test
    void aGsiIsOrderedByItsSortKeyThenByTableKey() {
        QueryResponse response = indexQuery("byCatAll", "cat", s("c1"), b -> { });
        assertEquals(List.of("p1/b", "p1/d", "p2/a", "p1/c", "p1/f", "p1/a", "p1/e"), keys(response.items()));
        assertEquals(List.of("10", "10", "15", "20", "20", "30", "40"), strings(response.items(), "price"));
        // ALL projection: whole items
        assertEquals(item("pk", s("p1"), "sk", s("b"), "cat", s("c1"), "price", n(10), "note", s("note-b"), "extra", s("xb")),
                response.items().get(0));
        QueryResponse down = indexQuery("byCatAll", "cat", s("c1"), b -> b.scanIndexForward(false));
        assertEquals(List.of("p1/e", "p1/a", "p1/f", "p1/c", "p2/a", "p1/d", "p1/b"), keys(down.items()));
        assertEquals(7, down.scannedCount());
        QueryResponse other = indexQuery("byCatAll", "cat", s("c2"), b -> { });
        assertEquals(List.of("p3/a"), keys(other.items()));
    }

    private static List<String> keys(List<Map<String, AttributeValue>> items) {
        List<String> keys = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            keys.add(item.get("pk").s() + "/" + item.get("sk").s());
        }
        return keys;
    }

    @Test
    void aGsiWithASortKeyConditionReadsItsRange() {
        QueryResponse response = query(b -> b.tableName("q_idx").indexName("byCatKeys")
                .keyConditionExpression("cat = :c AND price BETWEEN :lo AND :hi")
                .expressionAttributeValues(Map.of(":c", s("c1"), ":lo", n(15), ":hi", n(30))));
        assertEquals(List.of("p2/a", "p1/c", "p1/f", "p1/a"), keys(response.items()));
    }

    @Test
    void keysOnlyAndIncludeIndexesReturnWhatTheyProject() {
        QueryResponse keysOnly = indexQuery("byCatKeys", "cat", s("c1"), b -> b.limit(1));
        assertEquals(List.of(item("pk", s("p1"), "sk", s("b"), "cat", s("c1"), "price", n(10))), keysOnly.items());
        QueryResponse projected = indexQuery("byCatKeys", "cat", s("c1"), b -> b.limit(1).select(Select.ALL_PROJECTED_ATTRIBUTES));
        assertEquals(keysOnly.items(), projected.items());
        QueryResponse include = indexQuery("byCatInclude", "cat", s("c1"), b -> b.limit(1));
        assertEquals(List.of(item("pk", s("p1"), "sk", s("b"), "cat", s("c1"), "price", n(10), "note", s("note-b"))),
                include.items());
        QueryResponse lsi = indexQuery("byPriceKeys", "pk", s("p1"), b -> b.limit(2));
        assertEquals(List.of(item("pk", s("p1"), "sk", s("b"), "price", n(10)), item("pk", s("p1"), "sk", s("d"), "price", n(10))),
                lsi.items());
    }

    @Test
    void aSparseIndexHoldsOnlyItemsWithItsKey() {
        QueryResponse owners = indexQuery("byOwner", "owner", s("oc"), b -> { });
        assertEquals(List.of(item("pk", s("p1"), "sk", s("c"), "owner", s("oc"))), owners.items());
        assertEquals(0, indexQuery("byOwner", "owner", s("ob"), b -> { }).count());
        assertEquals(3, dynamo.scan(b -> b.tableName("q_idx").indexName("byOwner")).count());
    }

    @Test
    void anLsiFetchesWhatItDoesNotHoldFromTheTable() {
        QueryResponse all = indexQuery("byPriceKeys", "pk", s("p1"), b -> b.select(Select.ALL_ATTRIBUTES));
        assertEquals(List.of("p1/b", "p1/d", "p1/c", "p1/f", "p1/a", "p1/e"), keys(all.items()));
        assertEquals(item("pk", s("p1"), "sk", s("b"), "cat", s("c1"), "price", n(10), "note", s("note-b"), "extra", s("xb")),
                all.items().get(0));
        QueryResponse fromAll = indexQuery("byPriceAll", "pk", s("p1"), b -> b.select(Select.ALL_ATTRIBUTES));
        assertEquals(all.items(), fromAll.items());
    }

    @Test
    void anLsiProjectionOfAnAttributeItDoesNotHoldFetchesIt() {
        QueryResponse response = query(b -> b.tableName("q_idx").indexName("byPriceKeys").keyConditionExpression("pk = :p")
                .projectionExpression("extra, price").expressionAttributeValues(Map.of(":p", s("p1"))).limit(2));
        assertEquals(List.of(item("extra", s("xb"), "price", n(10)), item("extra", s("xd"), "price", n(10))), response.items());
    }

    @Test
    void aFilterOnAnLsiSeesTheTableItemAndOnAGsiOnlyTheProjection() {
        QueryResponse lsi = query(b -> b.tableName("q_idx").indexName("byPriceKeys").keyConditionExpression("pk = :p")
                .filterExpression("extra = :x").expressionAttributeValues(Map.of(":p", s("p1"), ":x", s("xc"))));
        assertEquals(List.of(item("pk", s("p1"), "sk", s("c"), "price", n(20))), lsi.items());
        assertEquals(6, lsi.scannedCount());
        QueryResponse gsi = query(b -> b.tableName("q_idx").indexName("byCatKeys").keyConditionExpression("cat = :c")
                .filterExpression("extra = :x").expressionAttributeValues(Map.of(":c", s("c1"), ":x", s("xc"))));
        assertEquals(0, gsi.count());
        assertEquals(7, gsi.scannedCount());
    }

    @Test
    void selectAllAttributesOnAGsiThatDoesNotProjectAllIsRefused() {
        invalid("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index "
                + "byCatKeys because its projection type is not ALL",
                () -> indexQuery("byCatKeys", "cat", s("c1"), b -> b.select(Select.ALL_ATTRIBUTES)));
        assertEquals(7, indexQuery("byCatAll", "cat", s("c1"), b -> b.select(Select.ALL_ATTRIBUTES)).count());
    }

    @Test
    void indexPagesCarryTableAndIndexKeysAndSeeEveryEntryOnce() {
        for (boolean forward : new boolean[] {true, false}) {
            List<QueryResponse> pages = pages(QueryRequest.builder().tableName("q_idx").indexName("byCatKeys")
                    .keyConditionExpression("cat = :c").expressionAttributeValues(Map.of(":c", s("c1"))).limit(1)
                    .scanIndexForward(forward).build());
            List<String> seen = new ArrayList<>();
            for (QueryResponse page : pages) {
                seen.addAll(keys(page.items()));
                if (page.hasLastEvaluatedKey()) {
                    Map<String, AttributeValue> item = page.items().get(0);
                    assertEquals(Map.of("pk", item.get("pk"), "sk", item.get("sk"), "cat", s("c1"), "price", item.get("price")),
                            page.lastEvaluatedKey());
                }
            }
            List<String> expected = new ArrayList<>(List.of("p1/b", "p1/d", "p2/a", "p1/c", "p1/f", "p1/a", "p1/e"));
            if (!forward) {
                Collections.reverse(expected);
            }
            assertEquals(expected, seen);
            assertEquals(8, pages.size());
        }
        // a hash-only GSI pages too
        List<QueryResponse> owner = pages(QueryRequest.builder().tableName("q_idx").indexName("byOwner")
                .keyConditionExpression("#o = :o").expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", s("oa"))).limit(1).build());
        assertEquals(Map.of("pk", s("p1"), "sk", s("a"), "owner", s("oa")), owner.get(0).lastEvaluatedKey());
        assertEquals(2, owner.size());
    }

    @Test
    void consistentReadsAreRefusedOnAGsiAndServedOnAnLsi() {
        invalid("Consistent reads are not supported on global secondary indexes",
                () -> indexQuery("byCatAll", "cat", s("c1"), b -> b.consistentRead(true)));
        assertEquals(6, indexQuery("byPriceAll", "pk", s("p1"), b -> b.consistentRead(true)).count());
        invalid("The table does not have the specified index: nope", () -> indexQuery("nope", "cat", s("c1"), b -> { }));
    }

    // ------------------------------------------------------------------------------- validation

    @Test
    void refusesMissingOrLegacyKeyConditions() {
        invalid("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
                () -> query(b -> b.tableName("q_num")));
        invalid("The parameter KeyConditions of Query is not supported by the local DynamoDB engine (stratus-local)",
                () -> query(b -> b.tableName("q_num").keyConditions(Map.of("pk", Condition.builder()
                        .comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("x")).build()))));
        invalid("The parameter AttributesToGet of Query is not supported by the local DynamoDB engine (stratus-local)",
                () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p").attributesToGet("pk")
                        .expressionAttributeValues(Map.of(":p", s("x")))));
        invalid("ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression "
                + "are null", () -> query(b -> b.tableName("q_num").expressionAttributeValues(Map.of(":p", s("x")))));
        invalid("ExpressionAttributeNames can only be specified when using expressions",
                () -> query(b -> b.tableName("q_num").expressionAttributeNames(Map.of("#p", "pk"))));
        fails("ResourceNotFoundException", "Requested resource not found: Table: q_none not found",
                () -> keyQuery("q_none", "x", null, Map.of(), true));
    }

    @Test
    void refusesBadLimitsSelectsAndNames() {
        invalid("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than "
                + "or equal to 1", () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("x"))).limit(0)));
        // the table name's length is checked first, with its own message (dynalite validations/index.js validateTableName)
        invalid("TableName must be at least 3 characters long and at most 255 characters long",
                () -> query(b -> b.tableName("x").keyConditionExpression("pk = :p").limit(-1)));
        invalid("2 validation errors detected: Value 'x!x' at 'tableName' failed to satisfy constraint: Member must satisfy regular "
                + "expression pattern: [a-zA-Z0-9_.-]+; Value '-1' at 'limit' failed to satisfy constraint: Member must have value "
                + "greater than or equal to 1", () -> query(b -> b.tableName("x!x").keyConditionExpression("pk = :p").limit(-1)));
        invalid("1 validation error detected: Value 'ab' at 'indexName' failed to satisfy constraint: Member must have length greater "
                + "than or equal to 3", () -> query(b -> b.tableName("q_num").indexName("ab").keyConditionExpression("pk = :p")));
        invalid("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
                () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p").select(Select.SPECIFIC_ATTRIBUTES)
                        .expressionAttributeValues(Map.of(":p", s("x")))));
        invalid("Cannot specify the ProjectionExpression when choosing to get only the Count",
                () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p").select(Select.COUNT).projectionExpression("sk")
                        .expressionAttributeValues(Map.of(":p", s("x")))));
        invalid("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES",
                () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p").select(Select.ALL_ATTRIBUTES)
                        .projectionExpression("sk").expressionAttributeValues(Map.of(":p", s("x")))));
        invalid("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName",
                () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p").select(Select.ALL_PROJECTED_ATTRIBUTES)
                        .expressionAttributeValues(Map.of(":p", s("x")))));
    }

    @Test
    void refusesKeyConditionValuesOfTheWrongType() {
        String mismatch = "One or more parameter values were invalid: Condition parameter type does not match schema type";
        invalid(mismatch, () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", n(1)))));
        invalid(mismatch, () -> keyQuery("q_num", "x", "sk > :v", Map.of(":v", s("1")), true));
        invalid(mismatch, () -> keyQuery("q_num", "x", "sk BETWEEN :a AND :b", Map.of(":a", s("1"), ":b", s("2")), true));
        invalid("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower "
                + "bound; lower bound operand: AttributeValue: {N:6}, upper bound operand: AttributeValue: {N:3}",
                () -> keyQuery("q_num", "x", "sk BETWEEN :a AND :b", Map.of(":a", n(6), ":b", n(3)), true));
        invalid(mismatch, () -> indexQuery("byCatAll", "cat", n(1), b -> { }));
        invalid(mismatch, () -> keyQuery("q_num", "x", "begins_with(sk, :v)", Map.of(":v", s("1")), true));
        invalid("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, "
                + "operand type: N", () -> keyQuery("q_num", "x", "begins_with(sk, :v)", Map.of(":v", n(1)), true));
    }

    @Test
    void refusesStartKeysThatDoNotFitTheQuery() {
        numbers("start", 5);
        String bad = "The provided starting key is invalid: The provided key element does not match the schema";
        invalid(bad, () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("start"))).exclusiveStartKey(Map.of("pk", s("start")))));
        invalid(bad, () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("start"))).exclusiveStartKey(Map.of("pk", s("start"), "sk", s("1")))));
        invalid(bad, () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("start")))
                .exclusiveStartKey(Map.of("pk", s("start"), "sk", n(1), "other", n(1)))));
        invalid("The provided starting key is outside query boundaries based on provided conditions",
                () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("start"))).exclusiveStartKey(Map.of("pk", s("other"), "sk", n(1)))));
        invalid("The provided starting key does not match the range key predicate",
                () -> query(b -> b.tableName("q_num").keyConditionExpression("pk = :p AND sk > :v")
                        .expressionAttributeValues(Map.of(":p", s("start"), ":v", n(3)))
                        .exclusiveStartKey(Map.of("pk", s("start"), "sk", n(2)))));
        // an index start key needs the table's keys and the index's
        invalid(bad, () -> indexQuery("byCatAll", "cat", s("c1"), b -> b.exclusiveStartKey(Map.of("pk", s("p1"), "sk", s("a")))));
        invalid(bad, () -> indexQuery("byCatAll", "cat", s("c1"), b -> b.exclusiveStartKey(
                Map.of("pk", s("p1"), "sk", s("a"), "cat", s("c1"), "price", s("30")))));
        // a start key need not be an existing item: the query resumes after its position
        QueryResponse resumed = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("start"))).exclusiveStartKey(Map.of("pk", s("start"), "sk", n("2.5"))));
        assertEquals(List.of("3", "4", "5"), sks(resumed));
    }

    @Test
    void reportsConsumedCapacity() {
        // four items of 2,013 bytes: 8,052 bytes read, 2 units consistent, 1 eventually consistent
        for (int i = 0; i < 4; i++) {
            int k = i;
            dynamo.putItem(b -> b.tableName("q_num").item(item("pk", s("cap"), "sk", n(k), "data", s(filler(2_000)))));
        }
        QueryResponse eventual = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("cap"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(ConsumedCapacity.builder().tableName("q_num").capacityUnits(1.0).build(), eventual.consumedCapacity());
        QueryResponse consistent = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p").consistentRead(true)
                .expressionAttributeValues(Map.of(":p", s("cap"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(2.0, consistent.consumedCapacity().capacityUnits());
        QueryResponse none = query(b -> b.tableName("q_num").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("cap"))));
        assertNull(none.consumedCapacity());
        QueryResponse index = indexQuery("byCatAll", "cat", s("c1"), b -> b.returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertEquals(0.5, index.consumedCapacity().capacityUnits());
        assertEquals(0.0, index.consumedCapacity().table().capacityUnits());
        assertEquals(0.5, index.consumedCapacity().globalSecondaryIndexes().get("byCatAll").capacityUnits());
        assertFalse(index.consumedCapacity().hasLocalSecondaryIndexes());
    }
}
