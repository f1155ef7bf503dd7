package dev.stratus.local.dynamodb.internal.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;
import dev.stratus.local.dynamodb.internal.engine.StoreKey;
import dev.stratus.local.dynamodb.internal.engine.Table;
import dev.stratus.local.dynamodb.internal.expr.ExpressionAttributes;
import dev.stratus.local.dynamodb.internal.expr.Expressions;
import dev.stratus.local.dynamodb.internal.expr.Path;
import dev.stratus.local.dynamodb.internal.expr.Projection;
import dev.stratus.local.dynamodb.internal.value.AttributeValues;
import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/** PutItem, GetItem, UpdateItem and DeleteItem (API Reference pages of the same names). */
final class ItemOperations {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> WRITE_EXTRA = Set.of("ReturnValues", "ReturnConsumedCapacity", "ReturnItemCollectionMetrics");

    private ItemOperations() {
    }

    static JsonNode putItem(Engine engine, Request request) {
        return write(engine, request, WriteAction.Kind.PUT);
    }

    static JsonNode updateItem(Engine engine, Request request) {
        return write(engine, request, WriteAction.Kind.UPDATE);
    }

    static JsonNode deleteItem(Engine engine, Request request) {
        return write(engine, request, WriteAction.Kind.DELETE);
    }

    private static JsonNode write(Engine engine, Request request, WriteAction.Kind kind) {
        String returnValues = request.oneOf("ReturnValues", "returnValues",
                Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW"));
        String capacity = request.oneOf("ReturnConsumedCapacity", "returnConsumedCapacity", Capacity.MODES);
        String metrics = request.oneOf("ReturnItemCollectionMetrics", "returnItemCollectionMetrics", Set.of("SIZE", "NONE"));
        request.check();
        if ("SIZE".equals(metrics)) {
            throw ApiException.unsupported("ReturnItemCollectionMetrics SIZE");
        }
        if (kind != WriteAction.Kind.UPDATE && returnValues != null && !"NONE".equals(returnValues) && !"ALL_OLD".equals(returnValues)) {
            throw ApiException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        WriteAction action = WriteAction.parse(kind, engine, request, request.body(), request.operation(), WRITE_EXTRA);
        Table table = action.table;
        StoreKey key = action.storeKey();
        Map<String, Value> old;
        Map<String, Value> fresh;
        table.lock().writeLock().lock();
        try {
            old = table.get(key);
            try {
                fresh = action.apply(old);
            } catch (WriteAction.ConditionFailed e) {
                throw e.toApiException();
            }
            if (kind != WriteAction.Kind.DELETE || old != null) {
                table.write(old, fresh, false);
            }
        } finally {
            table.lock().writeLock().unlock();
        }

        ObjectNode response = JSON.objectNode();
        Map<String, Value> attributes = returned(returnValues, old, fresh, action);
        if (attributes != null && !attributes.isEmpty()) {
            response.set("Attributes", AttributeValues.toJson(attributes));
        }
        ObjectNode consumed = Capacity.json(capacity, table.name(), Capacity.writeUnits(old, fresh));
        if (consumed != null) {
            response.set("ConsumedCapacity", consumed);
        }
        return response;
    }

    /** What ReturnValues asks for, or null. */
    private static Map<String, Value> returned(String returnValues, Map<String, Value> old, Map<String, Value> fresh,
                                               WriteAction action) {
        if (returnValues == null || "NONE".equals(returnValues)) {
            return null;
        }
        switch (returnValues) {
            case "ALL_OLD":
                return old;
            case "ALL_NEW":
                return fresh;
            case "UPDATED_OLD":
                return old == null || action.update == null ? null : select(old, action.update.targets());
            case "UPDATED_NEW":
                return fresh == null || action.update == null ? null : select(fresh, action.update.targets());
            default:
                return null;
        }
    }

    /** The parts of an item at these paths, keeping their structure (a missing path is left out). */
    static Map<String, Value> select(Map<String, Value> item, List<Path> paths) {
        Map<String, Value> selected = new LinkedHashMap<>();
        for (Path path : paths) {
            Value value = item.get(path.attribute());
            if (value == null) {
                continue;
            }
            List<Object> rest = path.elements().subList(1, path.elements().size());
            Value picked = pick(value, rest);
            if (picked != null) {
                selected.merge(path.attribute(), picked, ItemOperations::mergeSelections);
            }
        }
        return selected;
    }

    private static Value pick(Value value, List<Object> rest) {
        if (rest.isEmpty()) {
            return value;
        }
        Object step = rest.get(0);
        if (step instanceof String && value instanceof Value.M) {
            Value child = ((Value.M) value).values().get(step);
            Value picked = child == null ? null : pick(child, rest.subList(1, rest.size()));
            return picked == null ? null : new Value.M(Map.of((String) step, picked));
        }
        if (step instanceof Integer && value instanceof Value.L) {
            List<Value> list = ((Value.L) value).values();
            int index = (Integer) step;
            Value picked = index < list.size() ? pick(list.get(index), rest.subList(1, rest.size())) : null;
            return picked == null ? null : new Value.L(List.of(picked));
        }
        return null;
    }

    private static Value mergeSelections(Value a, Value b) {
        if (a instanceof Value.M && b instanceof Value.M) {
            Map<String, Value> merged = new LinkedHashMap<>(((Value.M) a).values());
            ((Value.M) b).values().forEach((k, v) -> merged.merge(k, v, ItemOperations::mergeSelections));
            return new Value.M(merged);
        }
        if (a instanceof Value.L && b instanceof Value.L) {
            List<Value> merged = new ArrayList<>(((Value.L) a).values());
            merged.addAll(((Value.L) b).values());
            return new Value.L(merged);
        }
        return b;
    }

    static JsonNode getItem(Engine engine, Request request) {
        request.allowOnly(Set.of("TableName", "Key", "ConsistentRead", "ProjectionExpression", "ExpressionAttributeNames",
                "ReturnConsumedCapacity"));
        String tableName = request.tableName("TableName", "tableName");
        if (!request.has("Key")) {
            request.violation(null, "key", "Member must not be null");
        }
        String capacity = request.oneOf("ReturnConsumedCapacity", "returnConsumedCapacity", Capacity.MODES);
        request.check();
        Boolean consistent = request.bool("ConsistentRead");
        Map<String, Value> key = Request.item(request.get("Key"));
        Projection projection = projection(request, request.body());
        Table table = engine.table(tableName);
        ItemRules.checkKey(table.schema(), key);
        Map<String, Value> item;
        table.lock().readLock().lock();
        try {
            item = table.get(table.keyOf(key));
        } finally {
            table.lock().readLock().unlock();
        }
        ObjectNode response = JSON.objectNode();
        if (item != null) {
            response.set("Item", AttributeValues.toJson(projection == null ? item : projection.apply(item)));
        }
        ObjectNode consumed = Capacity.json(capacity, tableName,
                Capacity.readUnits(item == null ? 0 : Values.itemSize(item), Boolean.TRUE.equals(consistent)));
        if (consumed != null) {
            response.set("ConsumedCapacity", consumed);
        }
        return response;
    }

    /** A ProjectionExpression with its names (a read has no values), or null. */
    static Projection projection(Request request, JsonNode node) {
        String text = request.string(node, "ProjectionExpression");
        ExpressionAttributes attributes = request.expressionAttributes(node);
        if (attributes.values() != null) {
            throw ApiException.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
        if (text == null) {
            if (attributes.names() != null) {
                throw ApiException.validation("ExpressionAttributeNames can only be specified when using expressions");
            }
            return null;
        }
        Projection projection = Expressions.projection(text, attributes);
        attributes.assertAllUsed();
        return projection;
    }
}
