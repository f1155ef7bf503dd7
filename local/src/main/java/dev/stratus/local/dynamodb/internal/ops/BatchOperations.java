package dev.stratus.local.dynamodb.internal.ops;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.local.dynamodb.Fault;
import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;
import dev.stratus.local.dynamodb.internal.engine.StoreKey;
import dev.stratus.local.dynamodb.internal.engine.Table;
import dev.stratus.local.dynamodb.internal.expr.Projection;
import dev.stratus.local.dynamodb.internal.value.AttributeValues;
import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * BatchGetItem and BatchWriteItem (API Reference pages of the same names). The whole request is
 * checked before anything is read or written: a bad key or item fails it with nothing done. Each
 * table's part is then done under that table's lock (tables in name order), so each item read or
 * write is atomic, but the batch as a whole is not. An injected {@code UNPROCESSED} fault answers the
 * requests of its tables as UnprocessedKeys/UnprocessedItems without doing them.
 */
final class BatchOperations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int MAX_GET_KEYS = 100;
    static final int MAX_WRITES = 25;
    /** A BatchGetItem response holds at most 16 MB of items; the rest come back as UnprocessedKeys. */
    static final long MAX_GET_BYTES = 16L * 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final String MAP_KEYS = "Map keys must satisfy constraint: [Member must have length less than or equal to 255, "
            + "Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]";
    private static final String ONE_REQUEST = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
            + "the supported datatypes";

    private BatchOperations() {
    }

    // -------------------------------------------------------------------------------- BatchGetItem

    /** One table's part of a BatchGetItem. */
    private static final class GetPart {
        String tableName;
        JsonNode node;
        Table table;
        Projection projection;
        boolean consistent;
        final List<JsonNode> keyNodes = new ArrayList<>();
        final List<Map<String, Value>> keys = new ArrayList<>();
    }

    static JsonNode batchGetItem(Engine engine, Request request) {
        request.allowOnly(Set.of("RequestItems", "ReturnConsumedCapacity"));
        JsonNode requestItems = requestItems(request);
        String capacityMode = request.oneOf("ReturnConsumedCapacity", "returnConsumedCapacity", ReadOperations.CAPACITY_MODES);
        if (requestItems != null) {
            Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
            while (tables.hasNext()) {
                Map.Entry<String, JsonNode> table = tables.next();
                JsonNode node = table.getValue();
                request.allowOnly(node, Set.of("Keys", "ProjectionExpression", "ExpressionAttributeNames", "ConsistentRead"),
                        request.operation());
                JsonNode keys = node == null ? null : node.get("Keys");
                String path = "requestItems." + table.getKey() + ".member.keys";
                if (keys == null || keys.isNull()) {
                    request.violation(null, path, "Member must not be null");
                } else if (!keys.isArray()) {
                    throw new ApiException("SerializationException", 400, "Member Keys must be a list");
                } else if (keys.size() < 1) {
                    request.violation(keys, path, "Member must have length greater than or equal to 1");
                } else if (keys.size() > MAX_GET_KEYS) {
                    request.violation(keys, path, "Member must have length less than or equal to " + MAX_GET_KEYS);
                }
            }
        }
        request.check();

        List<GetPart> parts = new ArrayList<>();
        int total = 0;
        Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> table = tables.next();
            GetPart part = new GetPart();
            part.tableName = table.getKey();
            part.node = table.getValue();
            part.projection = ItemOperations.projection(request, part.node);
            JsonNode consistent = part.node.get("ConsistentRead");
            if (consistent != null && !consistent.isNull()) {
                if (!consistent.isBoolean()) {
                    throw new ApiException("SerializationException", 400, "Member ConsistentRead must be a boolean");
                }
                part.consistent = consistent.booleanValue();
            }
            Set<Map<String, Value>> seen = new HashSet<>();
            for (JsonNode keyNode : part.node.get("Keys")) {
                Map<String, Value> key = Request.item(keyNode);
                if (key == null) {
                    throw ApiException.validation("The provided key element does not match the schema");
                }
                if (!seen.add(key)) {
                    throw ApiException.validation("Provided list of item keys contains duplicates");
                }
                part.keyNodes.add(keyNode);
                part.keys.add(key);
                total++;
            }
            parts.add(part);
        }
        if (total > MAX_GET_KEYS) {
            throw ApiException.validation("Too many items requested for the BatchGetItem call");
        }
        for (GetPart part : parts) {
            part.table = engine.table(part.tableName);
            for (Map<String, Value> key : part.keys) {
                ItemRules.checkKey(part.table.schema(), key);
            }
        }

        ObjectNode response = JSON.objectNode();
        ObjectNode responses = response.putObject("Responses");
        ObjectNode unprocessed = response.putObject("UnprocessedKeys");
        ArrayNode capacities = JSON.arrayNode();
        long bytes = 0;
        boolean full = false;
        for (GetPart part : parts) {
            List<JsonNode> left = new ArrayList<>();
            if (unprocessed(request.fault(), part.tableName)) {
                left.addAll(part.keyNodes);
            } else {
                ArrayNode found = responses.putArray(part.tableName);
                double units = 0;
                part.table.lock().readLock().lock();
                try {
                    for (int i = 0; i < part.keys.size(); i++) {
                        Map<String, Value> item = full ? null : part.table.get(part.table.keyOf(part.keys.get(i)));
                        long size = item == null ? 0 : Values.itemSize(item);
                        if (full || bytes + size > MAX_GET_BYTES) {
                            full = true;
                            left.add(part.keyNodes.get(i));
                            continue;
                        }
                        bytes += size;
                        units += Capacity.readUnits(size, part.consistent);
                        if (item != null) {
                            found.add(AttributeValues.toJson(part.projection == null ? item : part.projection.apply(item)));
                        }
                    }
                } finally {
                    part.table.lock().readLock().unlock();
                }
                ObjectNode capacity = Capacity.json(capacityMode, part.tableName, units);
                if (capacity != null && left.size() < part.keys.size()) {
                    capacities.add(capacity);
                }
            }
            if (!left.isEmpty()) {
                ObjectNode rest = ((ObjectNode) part.node).deepCopy();
                ArrayNode keys = rest.putArray("Keys");
                left.forEach(keys::add);
                unprocessed.set(part.tableName, rest);
            }
        }
        if (capacityMode != null && !"NONE".equals(capacityMode)) {
            response.set("ConsumedCapacity", capacities);
        }
        return response;
    }

    // ------------------------------------------------------------------------------ BatchWriteItem

    /** One put or delete of a BatchWriteItem, with the request it came as. */
    private record Write(WriteAction action, JsonNode node) {
    }

    static JsonNode batchWriteItem(Engine engine, Request request) {
        request.allowOnly(Set.of("RequestItems", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics"));
        JsonNode requestItems = requestItems(request);
        String capacityMode = request.oneOf("ReturnConsumedCapacity", "returnConsumedCapacity", ReadOperations.CAPACITY_MODES);
        String metrics = request.oneOf("ReturnItemCollectionMetrics", "returnItemCollectionMetrics", ReadOperations.ordered("SIZE", "NONE"));
        int total = 0;
        if (requestItems != null) {
            Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
            while (tables.hasNext()) {
                Map.Entry<String, JsonNode> table = tables.next();
                JsonNode writes = table.getValue();
                String path = "requestItems." + table.getKey() + ".member";
                if (writes == null || writes.isNull()) {
                    request.violation(null, path, "Member must not be null");
                } else if (!writes.isArray()) {
                    throw new ApiException("SerializationException", 400, "Member " + table.getKey() + " must be a list");
                } else if (writes.size() < 1) {
                    request.violation(writes, path, "Member must have length greater than or equal to 1");
                } else if (writes.size() > MAX_WRITES) {
                    request.violation(writes, path, "Member must have length less than or equal to " + MAX_WRITES);
                } else {
                    total += writes.size();
                }
            }
        }
        request.check();
        if ("SIZE".equals(metrics)) {
            throw ApiException.unsupported("ReturnItemCollectionMetrics SIZE");
        }
        if (total > MAX_WRITES) {
            throw ApiException.validation("Too many items requested for the BatchWriteItem call");
        }

        Map<String, List<Write>> byTable = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> table = tables.next();
            String tableName = table.getKey();
            for (JsonNode writeNode : table.getValue()) {
                request.allowOnly(writeNode, Set.of("PutRequest", "DeleteRequest"), request.operation());
                JsonNode put = present(writeNode, "PutRequest");
                JsonNode delete = present(writeNode, "DeleteRequest");
                if ((put == null) == (delete == null)) {
                    throw ApiException.validation(ONE_REQUEST);
                }
            }
            List<Write> writes = new ArrayList<>();
            Set<StoreKey> seen = new HashSet<>();
            for (JsonNode writeNode : table.getValue()) {
                JsonNode put = present(writeNode, "PutRequest");
                JsonNode inner = put != null ? put : writeNode.get("DeleteRequest");
                String member = put != null ? "Item" : "Key";
                request.allowOnly(inner, Set.of(member), request.operation());
                JsonNode value = present(inner, member);
                if (value == null) {
                    request.violation(null, "requestItems." + tableName + ".member." + (put != null ? "putRequest.item"
                            : "deleteRequest.key"), "Member must not be null");
                    request.check();
                }
                ObjectNode single = JSON.objectNode();
                single.put("TableName", tableName);
                single.set(member, value);
                WriteAction action;
                try {
                    action = WriteAction.parse(put != null ? WriteAction.Kind.PUT : WriteAction.Kind.DELETE, engine, request, single,
                            request.operation(), Set.of());
                } catch (ApiException e) {
                    String message = e.getMessage();
                    if ("ValidationException".equals(e.type()) && message != null
                            && (message.contains("Missing the key") || message.contains("Type mismatch for key"))) {
                        throw ApiException.validation("The provided key element does not match the schema");
                    }
                    throw e;
                }
                if (!seen.add(action.storeKey())) {
                    throw ApiException.validation("Provided list of item keys contains duplicates");
                }
                writes.add(new Write(action, writeNode));
            }
            byTable.put(tableName, writes);
        }

        ObjectNode response = JSON.objectNode();
        ObjectNode unprocessed = response.putObject("UnprocessedItems");
        Map<String, Double> units = new TreeMap<>();
        for (Map.Entry<String, List<Write>> part : new TreeMap<>(byTable).entrySet()) {
            if (unprocessed(request.fault(), part.getKey())) {
                continue;
            }
            Table table = part.getValue().get(0).action().table;
            double consumed = 0;
            table.lock().writeLock().lock();
            try {
                for (Write write : part.getValue()) {
                    WriteAction action = write.action();
                    Map<String, Value> old = table.get(action.storeKey());
                    Map<String, Value> fresh = action.apply(old);
                    if (fresh != null || old != null) {
                        table.write(old, fresh, false);
                    }
                    consumed += Capacity.writeUnits(old, fresh);
                }
            } finally {
                table.lock().writeLock().unlock();
            }
            units.put(part.getKey(), consumed);
        }
        for (Map.Entry<String, List<Write>> part : byTable.entrySet()) {
            if (!units.containsKey(part.getKey())) {
                ArrayNode left = unprocessed.putArray(part.getKey());
                part.getValue().forEach(write -> left.add(write.node().deepCopy()));
            }
        }
        if (capacityMode != null && !"NONE".equals(capacityMode)) {
            ArrayNode capacities = response.putArray("ConsumedCapacity");
            for (Map.Entry<String, List<Write>> part : byTable.entrySet()) {
                Double consumed = units.get(part.getKey());
                if (consumed != null) {
                    capacities.add(Capacity.json(capacityMode, part.getKey(), consumed));
                }
            }
        }
        return response;
    }

    // --------------------------------------------------------------------------------------- common

    /** RequestItems: present, not empty, table names as map keys. Violations go to the request. */
    private static JsonNode requestItems(Request request) {
        JsonNode requestItems = request.get("RequestItems");
        if (requestItems == null) {
            request.violation(null, "requestItems", "Member must not be null");
            return null;
        }
        if (!requestItems.isObject()) {
            throw new ApiException("SerializationException", 400, "Member RequestItems must be a map");
        }
        if (requestItems.isEmpty()) {
            request.violation(requestItems, "requestItems", "Member must have length greater than or equal to 1");
        }
        Iterator<String> names = requestItems.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!NAME.matcher(name).matches() || name.length() < 3 || name.length() > 255) {
                request.violation(name, "requestItems", MAP_KEYS);
                break;
            }
        }
        return requestItems;
    }

    private static JsonNode present(JsonNode node, String member) {
        JsonNode value = node == null ? null : node.get(member);
        return value == null || value.isNull() ? null : value;
    }

    /** Whether an UNPROCESSED fault covers this table (a fault without tables covers every table). */
    private static boolean unprocessed(Fault fault, String tableName) {
        return fault != null && fault.kind() == Fault.Kind.UNPROCESSED && (fault.tables().isEmpty() || fault.tables().contains(tableName));
    }
}
