package dev.stratus.local.dynamodb.internal.ops;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;
import dev.stratus.local.dynamodb.internal.engine.IndexSchema;
import dev.stratus.local.dynamodb.internal.engine.KeyDef;
import dev.stratus.local.dynamodb.internal.engine.StoreKey;
import dev.stratus.local.dynamodb.internal.engine.Table;
import dev.stratus.local.dynamodb.internal.engine.TableSchema;
import dev.stratus.local.dynamodb.internal.expr.Condition;
import dev.stratus.local.dynamodb.internal.expr.ExpressionAttributes;
import dev.stratus.local.dynamodb.internal.expr.Expressions;
import dev.stratus.local.dynamodb.internal.expr.KeyCondition;
import dev.stratus.local.dynamodb.internal.expr.Path;
import dev.stratus.local.dynamodb.internal.expr.Projection;
import dev.stratus.local.dynamodb.internal.value.AttributeValues;
import dev.stratus.local.dynamodb.internal.value.Bytes;
import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * Query and Scan (API Reference pages of the same names; Developer Guide "Query", "Scan",
 * "Paginating table query results", "Working with secondary indexes").
 *
 * <p>A page reads the table's (or index's) sorted store under the table's read lock: a Query only
 * the key range of its partition and sort key condition, a Scan segment only its share of the
 * partition-key hash space. A page ends after {@code Limit} items were evaluated (before the
 * filter), or after the item that brings the size of the items read to 1 MB; either way it carries
 * a LastEvaluatedKey (table keys, plus the index keys for an index).
 */
final class ReadOperations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final long PAGE_BYTES = 1024 * 1024;
    private static final int MAX_TOTAL_SEGMENTS = 1_000_000;
    private static final Set<String> SELECTS = ordered("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES");
    static final Set<String> CAPACITY_MODES = ordered("INDEXES", "TOTAL", "NONE");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** Messages of the value checks that DynamoDB does not prefix with "The provided starting key is invalid". */
    private static final Pattern UNPREFIXED = Pattern.compile("contains duplicates|number set|numeric value|significant digits|number with magnitude");
    private static final Set<String> QUERY_MEMBERS = Set.of("TableName", "IndexName", "KeyConditionExpression", "FilterExpression",
            "ProjectionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "Select", "Limit", "ExclusiveStartKey",
            "ScanIndexForward", "ConsistentRead", "ReturnConsumedCapacity");
    private static final Set<String> SCAN_MEMBERS = Set.of("TableName", "IndexName", "FilterExpression", "ProjectionExpression",
            "ExpressionAttributeNames", "ExpressionAttributeValues", "Select", "Limit", "ExclusiveStartKey", "Segment",
            "TotalSegments", "ConsistentRead", "ReturnConsumedCapacity");

    private ReadOperations() {
    }

    static Set<String> ordered(String... values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(values)));
    }

    /** What a Query and a Scan have in common, parsed and checked. */
    private static final class Read {
        Table table;
        TableSchema schema;
        IndexSchema index;
        String select;
        Projection projection;
        Condition filter;
        Long limit;
        boolean consistent;
        String capacityMode;
        Map<String, Value> exclusiveStartKey;
        /** An LSI read that needs attributes the index does not hold: fetch each item from the table. */
        boolean fetchFromTable;
        /**
         * An LSI that does not hold every attribute: its filter sees the table's item, as DynamoDB
         * fetches the attributes a filter names (a GSI's filter sees only the projection).
         */
        boolean filterFromTable;
    }

    /** One page's outcome. */
    private static final class Page {
        final List<Map<String, Value>> items = new ArrayList<>();
        int scanned;
        Map<String, Value> lastEvaluatedKey;
        long indexBytes;
        long tableBytes;
    }

    // ---------------------------------------------------------------------------------------- Query

    static JsonNode query(Engine engine, Request request) {
        request.allowOnly(QUERY_MEMBERS);
        String tableName = request.tableName("TableName", "tableName");
        String indexName = indexName(request);
        String select = request.oneOf("Select", "select", SELECTS);
        Long limit = limit(request);
        String capacityMode = request.oneOf("ReturnConsumedCapacity", "returnConsumedCapacity", CAPACITY_MODES);
        request.check();
        Boolean consistent = request.bool("ConsistentRead");
        Boolean forward = request.bool("ScanIndexForward");
        String keyText = request.string("KeyConditionExpression");
        String filterText = request.string("FilterExpression");
        String projectionText = request.string("ProjectionExpression");
        expressionParameters(request, List.of("FilterExpression", "KeyConditionExpression"),
                keyText != null || filterText != null || projectionText != null, keyText != null || filterText != null);
        selectRules(select, projectionText, indexName);
        if (keyText == null) {
            throw ApiException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        Map<String, Value> startKey = exclusiveStartKey(request);

        Read read = new Read();
        resolve(engine, read, tableName, indexName, Boolean.TRUE.equals(consistent));
        KeyDef partitionKey = read.index == null ? read.schema.partitionKey() : read.index.partitionKey();
        KeyDef sortKey = read.index == null ? read.schema.sortKey() : read.index.sortKey();
        ExpressionAttributes attributes = request.expressionAttributes(request.body());
        KeyCondition key = Expressions.keyCondition(keyText, attributes, partitionKey.name(), sortKey == null ? null : sortKey.name());
        read.filter = filterText == null ? null : Expressions.condition(filterText, attributes, "FilterExpression");
        read.projection = projectionText == null ? null : Expressions.projection(projectionText, attributes);
        attributes.assertAllUsed();
        if (read.filter != null) {
            // API Reference, Query: a filter cannot name the key attributes of what is queried
            for (KeyDef keyAttribute : new KeyDef[] {partitionKey, sortKey}) {
                if (keyAttribute != null && read.filter.paths().stream().anyMatch(p -> p.attribute().equals(keyAttribute.name()))) {
                    throw ApiException.validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: "
                            + keyAttribute.name());
                }
            }
        }
        finish(read, select, limit, capacityMode, startKey);
        checkKeyCondition(key, partitionKey, sortKey);

        StoreKey start = read.exclusiveStartKey == null ? null : startKey(read);
        if (start != null) {
            if (!key.partitionValue().equals(start.partition())) {
                throw ApiException.validation("The provided starting key is outside query boundaries based on provided conditions");
            }
            if (key.sortOperator() != null && !sortMatches(key, start.sort())) {
                throw ApiException.validation("The provided starting key does not match the range key predicate");
            }
        }
        boolean reverse = Boolean.FALSE.equals(forward);

        Page page;
        read.table.lock().readLock().lock();
        try {
            NavigableMap<StoreKey, Map<String, Value>> store = store(read);
            NavigableMap<StoreKey, Map<String, Value>> range = queryRange(store, key, start, reverse);
            page = collect(read, reverse ? range.descendingMap() : range);
        } finally {
            read.table.lock().readLock().unlock();
        }
        return response(read, page);
    }

    /** The entries of the key condition's partition and sort key range, after the start key. */
    private static NavigableMap<StoreKey, Map<String, Value>> queryRange(NavigableMap<StoreKey, Map<String, Value>> store,
                                                                          KeyCondition key, StoreKey start, boolean reverse) {
        Value partition = key.partitionValue();
        StoreKey low = StoreKey.partitionStart(partition);
        boolean lowInclusive = true;
        StoreKey high = StoreKey.partitionEnd(partition);
        boolean highInclusive = true;
        if (key.sortOperator() != null) {
            Value v = key.sortValue();
            switch (key.sortOperator()) {
                case EQ:
                    low = StoreKey.aroundSort(partition, v, -1);
                    high = StoreKey.aroundSort(partition, v, 1);
                    break;
                case LT:
                    high = StoreKey.aroundSort(partition, v, -1);
                    break;
                case LE:
                    high = StoreKey.aroundSort(partition, v, 1);
                    break;
                case GT:
                    low = StoreKey.aroundSort(partition, v, 1);
                    break;
                case GE:
                    low = StoreKey.aroundSort(partition, v, -1);
                    break;
                case BETWEEN:
                    low = StoreKey.aroundSort(partition, v, -1);
                    high = StoreKey.aroundSort(partition, key.sortValue2(), 1);
                    break;
                case BEGINS_WITH: {
                    low = StoreKey.aroundSort(partition, v, -1);
                    Value after = prefixSuccessor(v);
                    if (after != null) {
                        high = StoreKey.aroundSort(partition, after, -1);
                    }
                    break;
                }
                default:
                    throw new IllegalStateException(key.sortOperator().name());
            }
        }
        if (start != null) {
            if (!reverse && start.compareTo(low) >= 0) {
                low = start;
                lowInclusive = false;
            } else if (reverse && start.compareTo(high) <= 0) {
                high = start;
                highInclusive = false;
            }
        }
        if (low.compareTo(high) > 0) {
            return java.util.Collections.emptyNavigableMap();
        }
        return store.subMap(low, lowInclusive, high, highInclusive);
    }

    /**
     * The least value above every value that begins with {@code prefix} (code point order for S,
     * unsigned bytes for B), or null when there is none.
     */
    static Value prefixSuccessor(Value prefix) {
        if (prefix instanceof Value.S) {
            int[] codePoints = ((Value.S) prefix).value().codePoints().toArray();
            for (int i = codePoints.length - 1; i >= 0; i--) {
                if (codePoints[i] < Character.MAX_CODE_POINT) {
                    int next = codePoints[i] + 1;
                    if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                        next = Character.MAX_SURROGATE + 1;
                    }
                    int[] successor = Arrays.copyOf(codePoints, i + 1);
                    successor[i] = next;
                    return new Value.S(new String(successor, 0, successor.length));
                }
            }
            return null;
        }
        if (prefix instanceof Value.B) {
            byte[] bytes = ((Value.B) prefix).value().toArray();
            for (int i = bytes.length - 1; i >= 0; i--) {
                if ((bytes[i] & 0xFF) != 0xFF) {
                    byte[] successor = Arrays.copyOf(bytes, i + 1);
                    successor[i]++;
                    return new Value.B(Bytes.of(successor));
                }
            }
            return null;
        }
        return null;
    }

    /** Whether a sort key value satisfies the key condition's sort key condition. */
    static boolean sortMatches(KeyCondition key, Value value) {
        if (key.sortOperator() == null) {
            return true;
        }
        if (value == null || value.type() != key.sortValue().type()) {
            return false;
        }
        int c = Values.compareScalars(value, key.sortValue());
        switch (key.sortOperator()) {
            case EQ:
                return c == 0;
            case LT:
                return c < 0;
            case LE:
                return c <= 0;
            case GT:
                return c > 0;
            case GE:
                return c >= 0;
            case BETWEEN:
                return c >= 0 && Values.compareScalars(value, key.sortValue2()) <= 0;
            case BEGINS_WITH:
                if (value instanceof Value.S) {
                    return ((Value.S) value).value().startsWith(((Value.S) key.sortValue()).value());
                }
                return value instanceof Value.B && ((Value.B) value).value().startsWith(((Value.B) key.sortValue()).value());
            default:
                return false;
        }
    }

    /** The key condition's values against the key schema's types. */
    private static void checkKeyCondition(KeyCondition key, KeyDef partitionKey, KeyDef sortKey) {
        if (key.sortOperator() == KeyCondition.SortOperator.BEGINS_WITH && key.sortValue() != null
                && key.sortValue().type() != Value.Type.S && key.sortValue().type() != Value.Type.B) {
            throw ApiException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                    + "operator or function: begins_with, operand type: " + key.sortValue().type().wireName());
        }
        boolean mismatch = key.partitionValue() == null || key.partitionValue().type() != partitionKey.type();
        if (key.sortOperator() != null) {
            mismatch |= sortKey == null || key.sortValue() == null || key.sortValue().type() != sortKey.type()
                    || (key.sortOperator() == KeyCondition.SortOperator.BETWEEN
                    && (key.sortValue2() == null || key.sortValue2().type() != sortKey.type()));
        }
        if (mismatch) {
            throw ApiException.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
        if (key.sortOperator() == KeyCondition.SortOperator.BETWEEN && Values.compareScalars(key.sortValue(), key.sortValue2()) > 0) {
            throw ApiException.validation("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than "
                    + "or equal to lower bound; lower bound operand: AttributeValue: " + describe(key.sortValue())
                    + ", upper bound operand: AttributeValue: " + describe(key.sortValue2()));
        }
    }

    private static String describe(Value value) {
        String text = value instanceof Value.S ? ((Value.S) value).value()
                : value instanceof Value.N ? ((Value.N) value).text() : ((Value.B) value).value().base64();
        return "{" + value.type().wireName() + ":" + text + "}";
    }

    // ----------------------------------------------------------------------------------------- Scan

    static JsonNode scan(Engine engine, Request request) {
        request.allowOnly(SCAN_MEMBERS);
        String tableName = request.tableName("TableName", "tableName");
        String indexName = indexName(request);
        String select = request.oneOf("Select", "select", SELECTS);
        Long limit = limit(request);
        String capacityMode = request.oneOf("ReturnConsumedCapacity", "returnConsumedCapacity", CAPACITY_MODES);
        Long segment = request.number("Segment");
        Long totalSegments = request.number("TotalSegments");
        if (segment != null && segment < 0) {
            request.violation(segment, "segment", "Member must have value greater than or equal to 0");
        } else if (segment != null && segment > MAX_TOTAL_SEGMENTS - 1) {
            request.violation(segment, "segment", "Member must have value less than or equal to " + (MAX_TOTAL_SEGMENTS - 1));
        }
        if (totalSegments != null && totalSegments < 1) {
            request.violation(totalSegments, "totalSegments", "Member must have value greater than or equal to 1");
        } else if (totalSegments != null && totalSegments > MAX_TOTAL_SEGMENTS) {
            request.violation(totalSegments, "totalSegments", "Member must have value less than or equal to " + MAX_TOTAL_SEGMENTS);
        }
        request.check();
        Boolean consistent = request.bool("ConsistentRead");
        String filterText = request.string("FilterExpression");
        String projectionText = request.string("ProjectionExpression");
        expressionParameters(request, List.of("FilterExpression"), filterText != null || projectionText != null, filterText != null);
        selectRules(select, projectionText, indexName);
        if (segment != null && totalSegments == null) {
            throw ApiException.validation("The TotalSegments parameter is required but was not present in the request when Segment "
                    + "parameter is present");
        }
        if (totalSegments != null && segment == null) {
            throw ApiException.validation("The Segment parameter is required but was not present in the request when parameter "
                    + "TotalSegments is present");
        }
        if (segment != null && segment >= totalSegments) {
            throw ApiException.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                    + segment + " is not less than TotalSegments: " + totalSegments);
        }
        Map<String, Value> startKey = exclusiveStartKey(request);

        Read read = new Read();
        resolve(engine, read, tableName, indexName, Boolean.TRUE.equals(consistent));
        ExpressionAttributes attributes = request.expressionAttributes(request.body());
        read.filter = filterText == null ? null : Expressions.condition(filterText, attributes, "FilterExpression");
        read.projection = projectionText == null ? null : Expressions.projection(projectionText, attributes);
        attributes.assertAllUsed();
        finish(read, select, limit, capacityMode, startKey);

        long from = 0;
        long to = StoreKey.HASH_SPACE;
        if (segment != null) {
            from = segmentStart(segment, totalSegments);
            to = segmentStart(segment + 1, totalSegments);
        }
        StoreKey start = read.exclusiveStartKey == null ? null : startKey(read);
        if (start != null && (start.hash() < from || start.hash() >= to)) {
            throw ApiException.validation("The provided Exclusive start key does not map to the provided segment");
        }

        Page page;
        read.table.lock().readLock().lock();
        try {
            NavigableMap<StoreKey, Map<String, Value>> store = store(read);
            NavigableMap<StoreKey, Map<String, Value>> range = start != null
                    ? store.subMap(start, false, StoreKey.hashStart(to), false)
                    : store.subMap(StoreKey.hashStart(from), true, StoreKey.hashStart(to), false);
            page = collect(read, range);
        } finally {
            read.table.lock().readLock().unlock();
        }
        return response(read, page);
    }

    /** Where segment {@code segment} of {@code total} starts in the hash space (the last one ends at its end). */
    static long segmentStart(long segment, long total) {
        return segment * StoreKey.HASH_SPACE / total;
    }

    // --------------------------------------------------------------------------------------- common

    private static String indexName(Request request) {
        String indexName = request.string("IndexName");
        if (indexName != null) {
            if (!NAME.matcher(indexName).matches()) {
                request.violation(indexName, "indexName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
            }
            if (indexName.length() < 3) {
                request.violation(indexName, "indexName", "Member must have length greater than or equal to 3");
            } else if (indexName.length() > 255) {
                request.violation(indexName, "indexName", "Member must have length less than or equal to 255");
            }
        }
        return indexName;
    }

    private static Long limit(Request request) {
        Long limit = request.number("Limit");
        if (limit != null && limit < 1) {
            request.violation(limit, "limit", "Member must have value greater than or equal to 1");
        }
        return limit;
    }

    /** ExpressionAttributeNames and ExpressionAttributeValues need expressions that can use them. */
    private static void expressionParameters(Request request, List<String> valueExpressions, boolean anyExpression,
                                             boolean anyValueExpression) {
        if (request.has("ExpressionAttributeNames") && !anyExpression) {
            throw ApiException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (request.has("ExpressionAttributeValues") && !anyValueExpression) {
            throw ApiException.validation("ExpressionAttributeValues can only be specified when using expressions: "
                    + String.join(" and ", valueExpressions) + (valueExpressions.size() > 1 ? " are" : " is") + " null");
        }
    }

    /** The combinations of Select and ProjectionExpression that DynamoDB refuses before it looks at the table. */
    private static void selectRules(String select, String projectionText, String indexName) {
        if (select == null) {
            return;
        }
        if (projectionText != null && !"SPECIFIC_ATTRIBUTES".equals(select)) {
            throw ApiException.validation("Cannot specify the ProjectionExpression when choosing to get "
                    + ("COUNT".equals(select) ? "only the Count" : select));
        }
        if ("SPECIFIC_ATTRIBUTES".equals(select) && projectionText == null) {
            throw ApiException.validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        }
        if ("ALL_PROJECTED_ATTRIBUTES".equals(select) && indexName == null) {
            throw ApiException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
    }

    /** The ExclusiveStartKey's values (their own rules; the key's shape is checked against the schema later). */
    private static Map<String, Value> exclusiveStartKey(Request request) {
        JsonNode node = request.get("ExclusiveStartKey");
        if (node == null) {
            return null;
        }
        try {
            return AttributeValues.item(node);
        } catch (ApiException e) {
            if (UNPREFIXED.matcher(e.getMessage()).find()) {
                throw e;
            }
            throw ApiException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }

    /** The table and index read, and the checks that need them. */
    private static void resolve(Engine engine, Read read, String tableName, String indexName, boolean consistent) {
        read.table = engine.table(tableName);
        read.schema = read.table.schema();
        read.consistent = consistent;
        if (indexName != null) {
            read.index = read.schema.index(indexName);
            if (read.index == null) {
                throw ApiException.validation("The table does not have the specified index: " + indexName);
            }
            if (read.index.global() && consistent) {
                throw ApiException.validation("Consistent reads are not supported on global secondary indexes");
            }
        }
    }

    /** The checks and choices that need the index and the parsed projection. */
    private static void finish(Read read, String select, Long limit, String capacityMode, Map<String, Value> startKey) {
        IndexSchema index = read.index;
        if (select == null) {
            select = read.projection != null ? "SPECIFIC_ATTRIBUTES" : index != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
        }
        boolean partial = index != null && !"ALL".equals(index.projectionType());
        if ("ALL_ATTRIBUTES".equals(select) && partial && index.global()) {
            throw ApiException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for "
                    + "global secondary index " + index.name() + " because its projection type is not ALL");
        }
        if (partial && !index.global()) {
            // an LSI fetches what it does not hold from the table (Developer Guide, "Local secondary indexes")
            read.filterFromTable = true;
            read.fetchFromTable = "ALL_ATTRIBUTES".equals(select)
                    || (read.projection != null && !projected(read.schema, index, read.projection.paths()));
        }
        read.select = select;
        read.limit = limit;
        read.capacityMode = capacityMode;
        read.exclusiveStartKey = startKey;
    }

    /** Whether an index holds every attribute these paths start at. */
    private static boolean projected(TableSchema schema, IndexSchema index, List<Path> paths) {
        Set<String> keys = indexKeyNames(schema, index);
        for (Path path : paths) {
            if (!index.projects(path.attribute(), keys)) {
                return false;
            }
        }
        return true;
    }

    /** The table's keys, then the index's. */
    private static Set<String> indexKeyNames(TableSchema schema, IndexSchema index) {
        Set<String> keys = new LinkedHashSet<>(schema.keyAttributes());
        if (index != null) {
            keys.add(index.partitionKey().name());
            if (index.sortKey() != null) {
                keys.add(index.sortKey().name());
            }
        }
        return keys;
    }

    /**
     * The store position of the ExclusiveStartKey: the table's key attributes (plus, for an index,
     * the index's), of the schema's types, and nothing else.
     */
    private static StoreKey startKey(Read read) {
        Map<String, Value> key = read.exclusiveStartKey;
        TableSchema schema = read.schema;
        Set<String> names = indexKeyNames(schema, read.index);
        if (key.size() != names.size() || !key.keySet().containsAll(names)) {
            throw invalidStartKey("The provided key element does not match the schema");
        }
        Map<String, Value> tableKey = new LinkedHashMap<>();
        for (String name : schema.keyAttributes()) {
            tableKey.put(name, key.get(name));
        }
        try {
            ItemRules.checkKey(schema, tableKey);
        } catch (ApiException e) {
            throw invalidStartKey(e.getMessage());
        }
        StoreKey base = StoreKey.of(tableKey.get(schema.partitionKey().name()),
                schema.sortKey() == null ? null : tableKey.get(schema.sortKey().name()));
        if (read.index == null) {
            return base;
        }
        Value partition = key.get(read.index.partitionKey().name());
        Value sort = read.index.sortKey() == null ? null : key.get(read.index.sortKey().name());
        if (partition.type() != read.index.partitionKey().type() || (sort != null && sort.type() != read.index.sortKey().type())) {
            throw invalidStartKey("The provided key element does not match the schema");
        }
        return StoreKey.indexEntry(partition, sort, base);
    }

    private static ApiException invalidStartKey(String why) {
        return ApiException.validation("The provided starting key is invalid: " + why);
    }

    /** The sorted store read: the table's items or the index's entries. Hold the read lock. */
    private static NavigableMap<StoreKey, Map<String, Value>> store(Read read) {
        if (read.index == null) {
            return read.table.items();
        }
        NavigableMap<StoreKey, Map<String, Value>> entries = read.table.index(read.index.name());
        if (entries == null) {
            // dropped since the schema was read
            throw ApiException.validation("The table does not have the specified index: " + read.index.name());
        }
        return entries;
    }

    /** Reads one page from the entries in order. Hold the read lock. */
    private static Page collect(Read read, NavigableMap<StoreKey, Map<String, Value>> entries) {
        Page page = new Page();
        long bytes = 0;
        for (Map.Entry<StoreKey, Map<String, Value>> entry : entries.entrySet()) {
            Map<String, Value> held = entry.getValue();
            long size = Values.itemSize(held);
            bytes += size;
            page.scanned++;
            Map<String, Value> item = held;
            Map<String, Value> filtered = held;
            if (read.index != null) {
                page.indexBytes += size;
                if (read.fetchFromTable || (read.filterFromTable && read.filter != null)) {
                    Map<String, Value> full = read.table.get(entry.getKey().base());
                    if (full != null) {
                        filtered = full;
                        item = read.fetchFromTable ? full : held;
                        page.tableBytes += Values.itemSize(full);
                    }
                }
            } else {
                page.tableBytes += size;
            }
            if (read.filter == null || read.filter.test(filtered)) {
                if (!"COUNT".equals(read.select)) {
                    page.items.add(read.projection == null ? item : read.projection.apply(item));
                } else {
                    page.items.add(null);
                }
            }
            if ((read.limit != null && page.scanned >= read.limit) || bytes >= PAGE_BYTES) {
                page.lastEvaluatedKey = lastEvaluatedKey(read, held);
                break;
            }
        }
        return page;
    }

    private static Map<String, Value> lastEvaluatedKey(Read read, Map<String, Value> entry) {
        Map<String, Value> key = new LinkedHashMap<>();
        for (String name : indexKeyNames(read.schema, read.index)) {
            key.put(name, entry.get(name));
        }
        return key;
    }

    private static ObjectNode response(Read read, Page page) {
        ObjectNode response = JSON.objectNode();
        if (!"COUNT".equals(read.select)) {
            ArrayNode items = response.putArray("Items");
            for (Map<String, Value> item : page.items) {
                items.add(AttributeValues.toJson(item));
            }
        }
        response.put("Count", page.items.size());
        response.put("ScannedCount", page.scanned);
        if (page.lastEvaluatedKey != null) {
            response.set("LastEvaluatedKey", AttributeValues.toJson(page.lastEvaluatedKey));
        }
        ObjectNode capacity = capacity(read, page);
        if (capacity != null) {
            response.set("ConsumedCapacity", capacity);
        }
        return response;
    }

    /**
     * Read units for the bytes read, rounded up to 4 KB per request (halved for eventually
     * consistent reads); INDEXES splits them between the table and the index read.
     */
    private static ObjectNode capacity(Read read, Page page) {
        String mode = read.capacityMode;
        if (mode == null || "NONE".equals(mode)) {
            return null;
        }
        if (read.index == null) {
            return Capacity.json(mode, read.schema.name(), Capacity.readUnits(page.tableBytes, read.consistent));
        }
        double indexUnits = Capacity.readUnits(page.indexBytes, read.consistent);
        double tableUnits = page.tableBytes == 0 ? 0 : Capacity.readUnits(page.tableBytes, read.consistent);
        ObjectNode capacity = JSON.objectNode();
        capacity.put("TableName", read.schema.name());
        capacity.put("CapacityUnits", BigDecimal.valueOf(indexUnits + tableUnits));
        if ("INDEXES".equals(mode)) {
            capacity.putObject("Table").put("CapacityUnits", BigDecimal.valueOf(tableUnits));
            capacity.putObject(read.index.global() ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes")
                    .putObject(read.index.name()).put("CapacityUnits", BigDecimal.valueOf(indexUnits));
        }
        return capacity;
    }
}
