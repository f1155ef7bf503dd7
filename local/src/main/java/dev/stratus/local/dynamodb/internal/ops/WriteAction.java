package dev.stratus.local.dynamodb.internal.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;
import dev.stratus.local.dynamodb.internal.engine.StoreKey;
import dev.stratus.local.dynamodb.internal.engine.Table;
import dev.stratus.local.dynamodb.internal.engine.TableSchema;
import dev.stratus.local.dynamodb.internal.expr.Condition;
import dev.stratus.local.dynamodb.internal.expr.ExpressionAttributes;
import dev.stratus.local.dynamodb.internal.expr.Expressions;
import dev.stratus.local.dynamodb.internal.expr.Update;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * One write to one item, parsed and checked before any lock is taken: a PutItem, UpdateItem,
 * DeleteItem, a transaction's Put/Update/Delete/ConditionCheck, or a batch's put or delete.
 * {@link #apply} runs under the table's write lock and decides the item that replaces the old one.
 */
final class WriteAction {
    enum Kind { PUT, UPDATE, DELETE, CONDITION_CHECK }

    private static final Set<String> ON_FAILURE = Set.of("ALL_OLD", "NONE");

    final Kind kind;
    final Table table;
    final Map<String, Value> key;
    final Map<String, Value> item;
    final Update update;
    final Condition condition;
    final boolean returnOldOnFailure;

    private WriteAction(Kind kind, Table table, Map<String, Value> key, Map<String, Value> item, Update update,
                        Condition condition, boolean returnOldOnFailure) {
        this.kind = kind;
        this.table = table;
        this.key = key;
        this.item = item;
        this.update = update;
        this.condition = condition;
        this.returnOldOnFailure = returnOldOnFailure;
    }

    /**
     * Parses one write. {@code node} holds TableName, Item or Key, and the expression members;
     * {@code extra} names further members the caller reads itself (ReturnValues, ...).
     */
    static WriteAction parse(Kind kind, Engine engine, Request request, JsonNode node, String where, Set<String> extra) {
        java.util.HashSet<String> allowed = new java.util.HashSet<>(extra);
        allowed.add("TableName");
        allowed.add(kind == Kind.PUT ? "Item" : "Key");
        allowed.add("ConditionExpression");
        allowed.add("ExpressionAttributeNames");
        allowed.add("ExpressionAttributeValues");
        allowed.add("ReturnValuesOnConditionCheckFailure");
        if (kind == Kind.UPDATE) {
            allowed.add("UpdateExpression");
        }
        request.allowOnly(node, allowed, where);

        String tableName = request.string(node, "TableName");
        request.validateTableName(tableName, "tableName");
        JsonNode itemNode = node.get(kind == Kind.PUT ? "Item" : "Key");
        if (itemNode == null || itemNode.isNull()) {
            request.violation(null, kind == Kind.PUT ? "item" : "key", "Member must not be null");
        }
        String onFailure = request.string(node, "ReturnValuesOnConditionCheckFailure");
        if (onFailure != null && !ON_FAILURE.contains(onFailure)) {
            request.violation(onFailure, "returnValuesOnConditionCheckFailure", "Member must satisfy enum value set: [ALL_OLD, NONE]");
        }
        String conditionText = request.string(node, "ConditionExpression");
        String updateText = kind == Kind.UPDATE ? request.string(node, "UpdateExpression") : null;
        if (kind == Kind.CONDITION_CHECK && conditionText == null) {
            request.violation(null, "conditionExpression", "Member must not be null");
        }
        request.check();

        Map<String, Value> values = Request.item(itemNode);
        ExpressionAttributes attributes = request.expressionAttributes(node);
        if (conditionText == null && updateText == null) {
            if (attributes.names() != null) {
                throw ApiException.validation("ExpressionAttributeNames can only be specified when using expressions");
            }
            if (attributes.values() != null) {
                throw ApiException.validation("ExpressionAttributeValues can only be specified when using expressions");
            }
        }
        Update update = updateText == null ? null : Expressions.update(updateText, attributes);
        Condition condition = conditionText == null ? null : Expressions.condition(conditionText, attributes, "ConditionExpression");
        attributes.assertAllUsed();

        Table table = engine.table(tableName);
        TableSchema schema = table.schema();
        Map<String, Value> key;
        Map<String, Value> item = null;
        if (kind == Kind.PUT) {
            ItemRules.checkItem(schema, values, false);
            item = values;
            key = table.keyAttributes(values);
        } else {
            ItemRules.checkKey(schema, values);
            key = values;
        }
        if (update != null) {
            ItemRules.checkUpdateTargets(schema, update.targets());
        }
        return new WriteAction(kind, table, key, item, update, condition, "ALL_OLD".equals(onFailure));
    }

    StoreKey storeKey() {
        return table.keyOf(key);
    }

    /** Whether the condition (if any) holds for the current item (null when there is none). */
    boolean conditionHolds(Map<String, Value> old) {
        return condition == null || condition.test(old == null ? Map.of() : old);
    }

    /**
     * The item that replaces {@code old} (null to delete; {@code old} itself for a condition
     * check). Hold the table's write lock. Throws {@link ConditionFailed} when the condition is
     * false, and a ValidationException when the updated item breaks a rule.
     */
    Map<String, Value> apply(Map<String, Value> old) {
        if (!conditionHolds(old)) {
            throw new ConditionFailed(old, returnOldOnFailure);
        }
        switch (kind) {
            case PUT:
                return item;
            case DELETE:
                return null;
            case CONDITION_CHECK:
                return old;
            case UPDATE: {
                // a missing item is empty to the update expression (REMOVE of a nested path is then a no-op)
                Map<String, Value> base = old != null ? old : Map.of();
                Map<String, Value> updated = update == null ? base : update.apply(base);
                // an update cannot remove the key (checked at parse time); keep the key attributes first
                Map<String, Value> result = new LinkedHashMap<>(key);
                result.putAll(updated);
                ItemRules.checkItem(table.schema(), result, true);
                return result;
            }
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    /** The condition of a write was false. */
    static final class ConditionFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Map<String, Value> old;
        final boolean returnOld;

        ConditionFailed(Map<String, Value> old, boolean returnOld) {
            super("The conditional request failed", null, false, false);
            this.old = old;
            this.returnOld = returnOld;
        }

        ApiException toApiException() {
            return returnOld && old != null
                    ? ApiException.conditionalCheckFailed(dev.stratus.local.dynamodb.internal.value.AttributeValues.toJson(old))
                    : ApiException.conditionalCheckFailed();
        }
    }
}
