package dev.stratus.local.dynamodb.internal.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.expr.KeyCondition.SortOperator;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * Turns a parsed KeyConditionExpression into a {@link KeyCondition}: primitive conditions joined
 * by AND, each on one top-level key attribute, at most one per key, equality on the partition key
 * and {@code = < <= > >= BETWEEN begins_with} on the sort key (Developer Guide, "Key condition
 * expressions for Query"). The messages, and the order of the checks, are those dynalite's test
 * suite recorded from DynamoDB (test/query.js).
 */
final class KeyConditions {
    private record Simple(SortOperator operator, Value first, Value second) {
    }

    private KeyConditions() {
    }

    static KeyCondition build(Cond root, String partitionKey, String sortKey) {
        Map<String, Simple> conditions = new LinkedHashMap<>();
        walk(root, conditions);
        if (conditions.size() > 2) {
            throw ApiException.validation("Conditions can be of length 1 or 2 only");
        }
        if (sortKey == null && conditions.size() > 1) {
            throw ApiException.validation("Query key condition not supported");
        }
        Simple partition = conditions.get(partitionKey);
        if (partition == null) {
            throw ApiException.validation("Query condition missed key schema element: " + partitionKey);
        }
        if (partition.operator() != SortOperator.EQ) {
            throw ApiException.validation("Query key condition not supported");
        }
        if (conditions.size() == 1) {
            return new KeyCondition(partitionKey, partition.first(), null, null, null, null);
        }
        Simple sort = conditions.get(sortKey);
        if (sort == null) {
            throw ApiException.validation("Query condition missed key schema element: " + sortKey);
        }
        return new KeyCondition(partitionKey, partition.first(), sortKey, sort.operator(), sort.first(), sort.second());
    }

    private static ApiException invalidOperator(String operator) {
        return ApiException.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static void walk(Cond condition, Map<String, Simple> conditions) {
        if (condition instanceof Cond.And and) {
            for (Cond part : and.parts) {
                walk(part, conditions);
            }
            return;
        }
        if (condition instanceof Cond.Or) {
            throw invalidOperator("OR");
        }
        if (condition instanceof Cond.Not) {
            throw invalidOperator("NOT");
        }
        if (condition instanceof Cond.In) {
            throw invalidOperator("IN");
        }
        List<Operand> args;
        SortOperator operator;
        Cond.Comparator comparator = null;
        if (condition instanceof Cond.Compare compare) {
            comparator = compare.comparator;
            if (comparator == Cond.Comparator.NE) {
                throw invalidOperator("<>");
            }
            args = List.of(compare.left, compare.right);
            operator = null;
        } else if (condition instanceof Cond.Between between) {
            if (!(between.value instanceof Operand.PathOperand)) {
                throw ApiException.validation("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute "
                        + "as its first operand");
            }
            args = List.of(between.value, between.low, between.high);
            operator = SortOperator.BETWEEN;
        } else {
            Cond.Function function = (Cond.Function) condition;
            if (!function.name.equals("begins_with")) {
                throw invalidOperator(function.name);
            }
            if (!(function.args.get(0) instanceof Operand.PathOperand)) {
                throw ApiException.validation("Invalid condition in KeyConditionExpression: begins_with operator must have the key "
                        + "attribute as its first operand");
            }
            args = function.args;
            operator = SortOperator.BEGINS_WITH;
        }
        String attribute = null;
        int position = -1;
        List<Value> values = new ArrayList<>(2);
        for (int i = 0; i < args.size(); i++) {
            Operand arg = args.get(i);
            if (arg instanceof Operand.PathOperand path) {
                if (attribute != null) {
                    throw ApiException.validation("Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
                }
                if (path.elements().size() > 1) {
                    throw ApiException.validation("KeyConditionExpressions cannot have conditions on nested attributes");
                }
                attribute = path.path.attribute();
                position = i;
            } else if (arg instanceof Operand.Call) {
                throw ApiException.validation("KeyConditionExpressions cannot contain nested operations");
            } else {
                values.add(((Operand.Const) arg).value);
            }
        }
        if (attribute == null) {
            throw ApiException.validation("Invalid condition in KeyConditionExpression: No key attribute specified");
        }
        if (conditions.containsKey(attribute)) {
            throw ApiException.validation("KeyConditionExpressions must only contain one condition per key");
        }
        if (comparator != null) {
            Cond.Comparator written = position == 0 ? comparator : comparator.swapped();
            operator = SortOperator.valueOf(written.name());
        }
        conditions.put(attribute, new Simple(operator, values.get(0), values.size() > 1 ? values.get(1) : null));
    }
}
