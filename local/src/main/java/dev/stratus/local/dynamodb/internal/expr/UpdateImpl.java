package dev.stratus.local.dynamodb.internal.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.value.Bytes;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * A parsed update expression. Applying it reads every SET value from the item as it was, then
 * writes all actions at once: list indexes name the elements of the list as it was (so {@code
 * REMOVE a[1] SET a[3] = :v} replaces the old fourth element), elements set past the end are
 * appended in index order, removed ones close up (Developer Guide, "Using update expressions";
 * ScyllaDB Alternator, test_update_expression.py).
 */
final class UpdateImpl implements Update {
    enum Kind { SET, REMOVE, ADD, DELETE }

    /** One action: its target, and a SET's value or an ADD's or DELETE's operand. */
    record Action(Kind kind, Path path, Operand value, Value operand) {
    }

    /** The actions as a tree of the paths they write; a node has children by name or by index, never both. */
    private static final class Node {
        int action = -1;
        Map<String, Node> names;
        TreeMap<Integer, Node> indexes;
        boolean removeOnly = true;

        Node child(Object step) {
            if (step instanceof Integer index) {
                if (indexes == null) {
                    indexes = new TreeMap<>();
                }
                return indexes.computeIfAbsent(index, i -> new Node());
            }
            if (names == null) {
                names = new LinkedHashMap<>();
            }
            return names.computeIfAbsent((String) step, s -> new Node());
        }
    }

    private final List<Action> actions;
    private final List<Path> targets;
    private final Node root = new Node();

    UpdateImpl(List<Action> actions) {
        this.actions = List.copyOf(actions);
        List<Path> paths = new ArrayList<>(actions.size());
        for (int i = 0; i < this.actions.size(); i++) {
            Action action = this.actions.get(i);
            paths.add(action.path());
            boolean remove = action.kind() == Kind.REMOVE;
            Node node = root;
            node.removeOnly &= remove;
            for (Object step : action.path().elements()) {
                node = node.child(step);
                node.removeOnly &= remove;
            }
            node.action = i;
        }
        this.targets = List.copyOf(paths);
    }

    @Override
    public List<Path> targets() {
        return targets;
    }

    @Override
    public Map<String, Value> apply(Map<String, Value> item) {
        Map<String, Value> source = item == null ? Map.of() : item;
        Value[] computed = new Value[actions.size()];
        for (int i = 0; i < computed.length; i++) {
            Action action = actions.get(i);
            if (action.kind() == Kind.SET) {
                computed[i] = action.value().compute(source);
            }
        }
        boolean exists = !source.isEmpty();
        Map<String, Value> result = new LinkedHashMap<>(source);
        for (Map.Entry<String, Node> entry : root.names.entrySet()) {
            Value updated = update(entry.getValue(), source.get(entry.getKey()), computed, exists);
            if (updated == null) {
                result.remove(entry.getKey());
            } else {
                result.put(entry.getKey(), updated);
            }
        }
        return result;
    }

    /** The new value at a node (null: nothing there), given the old one (null: nothing there). */
    private Value update(Node node, Value current, Value[] computed, boolean exists) {
        if (node.action >= 0) {
            Action action = actions.get(node.action);
            switch (action.kind()) {
                case SET:
                    return computed[node.action];
                case REMOVE:
                    return null;
                case ADD:
                    return add(current, action.operand());
                default:
                    return delete(current, action.operand());
            }
        }
        if (current == null && !exists && node.removeOnly) {
            // REMOVE of a nested path on an item that does not exist is a no-op (Alternator,
            // test_update_expression.py test_nested_attribute_remove_from_missing_item)
            return null;
        }
        if (node.names != null) {
            if (!(current instanceof Value.M map)) {
                throw invalidPath();
            }
            Map<String, Value> entries = new LinkedHashMap<>(map.values());
            for (Map.Entry<String, Node> child : node.names.entrySet()) {
                Value updated = update(child.getValue(), map.values().get(child.getKey()), computed, exists);
                if (updated == null) {
                    entries.remove(child.getKey());
                } else {
                    entries.put(child.getKey(), updated);
                }
            }
            return new Value.M(entries);
        }
        if (!(current instanceof Value.L list)) {
            throw invalidPath();
        }
        List<Value> elements = list.values();
        List<Value> result = new ArrayList<>(elements.size() + node.indexes.size());
        for (int i = 0; i < elements.size(); i++) {
            Node child = node.indexes.get(i);
            if (child == null) {
                result.add(elements.get(i));
            } else {
                Value updated = update(child, elements.get(i), computed, exists);
                if (updated != null) {
                    result.add(updated);
                }
            }
        }
        for (Node child : node.indexes.tailMap(elements.size(), true).values()) {
            Value updated = update(child, null, computed, exists);
            if (updated != null) {
                result.add(updated);
            }
        }
        return new Value.L(result);
    }

    private static ApiException invalidPath() {
        return ApiException.validation("The document path provided in the update expression is invalid for update");
    }

    /** ADD: a number to a number (a missing one is 0), a set's members to a set of the same type. */
    private static Value add(Value current, Value operand) {
        if (current == null) {
            return operand instanceof Value.N n ? Operand.number(n.value()) : operand;
        }
        if (current instanceof Value.N a && operand instanceof Value.N b) {
            return Operand.number(a.value().add(b.value()));
        }
        if (current.type() != operand.type()) {
            throw Operand.incorrectType();
        }
        switch (current.type()) {
            case SS:
                return new Value.SS(union(((Value.SS) current).values(), ((Value.SS) operand).values()));
            case NS:
                return new Value.NS(union(((Value.NS) current).values(), ((Value.NS) operand).values()));
            case BS:
                return new Value.BS(union(((Value.BS) current).values(), ((Value.BS) operand).values()));
            default:
                throw Operand.incorrectType();
        }
    }

    /** DELETE: a set's members from a set of the same type; an emptied set is removed. */
    private static Value delete(Value current, Value operand) {
        if (current == null) {
            return null;
        }
        if (current.type() != operand.type()) {
            throw Operand.incorrectType();
        }
        switch (current.type()) {
            case SS: {
                Set<String> rest = difference(((Value.SS) current).values(), ((Value.SS) operand).values());
                return rest.isEmpty() ? null : new Value.SS(rest);
            }
            case NS: {
                Set<BigDecimal> rest = difference(((Value.NS) current).values(), ((Value.NS) operand).values());
                return rest.isEmpty() ? null : new Value.NS(rest);
            }
            case BS: {
                Set<Bytes> rest = difference(((Value.BS) current).values(), ((Value.BS) operand).values());
                return rest.isEmpty() ? null : new Value.BS(rest);
            }
            default:
                throw Operand.incorrectType();
        }
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> result = new LinkedHashSet<>(a);
        result.addAll(b);
        return result;
    }

    private static <T> Set<T> difference(Set<T> a, Set<T> b) {
        Set<T> result = new LinkedHashSet<>(a);
        result.removeAll(b);
        return result;
    }
}
