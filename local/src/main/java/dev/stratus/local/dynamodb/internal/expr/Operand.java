package dev.stratus.local.dynamodb.internal.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.value.Numbers;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * An operand of an expression: a document path, a {@code :value}, or a function of operands.
 * {@link #eval} is how a condition reads it (null when the item has nothing there);
 * {@link #compute} is how an update's SET reads it (an error when the item has nothing there).
 */
interface Operand {
    Value eval(Map<String, Value> item);

    default Value compute(Map<String, Value> item) {
        Value value = eval(item);
        if (value == null) {
            throw ApiException.validation("The provided expression refers to an attribute that does not exist in the item");
        }
        return value;
    }

    /** The type known when parsing (a {@code :value}'s, a size's N), or null. */
    default Value.Type staticType() {
        return null;
    }

    /** The value at a path of the item, or null. */
    static Value get(Map<String, Value> item, Object[] steps) {
        Value value = item.get((String) steps[0]);
        for (int i = 1; i < steps.length && value != null; i++) {
            Object step = steps[i];
            if (step instanceof Integer index) {
                if (!(value instanceof Value.L list) || index >= list.values().size()) {
                    return null;
                }
                value = list.values().get(index);
            } else {
                if (!(value instanceof Value.M map)) {
                    return null;
                }
                value = map.values().get(step);
            }
        }
        return value;
    }

    static ApiException incorrectType() {
        return ApiException.validation("An operand in the update expression has an incorrect data type");
    }

    /** A document path. */
    final class PathOperand implements Operand {
        final Path path;
        private final Object[] steps;

        PathOperand(List<Object> elements) {
            this.path = new Path(elements);
            this.steps = elements.toArray();
        }

        List<Object> elements() {
            return path.elements();
        }

        @Override
        public Value eval(Map<String, Value> item) {
            return get(item, steps);
        }
    }

    /** A {@code :value} (null when the placeholder is not defined; the parse then fails). */
    final class Const implements Operand {
        final Value value;

        Const(Value value) {
            this.value = value;
        }

        @Override
        public Value eval(Map<String, Value> item) {
            return value;
        }

        @Override
        public Value.Type staticType() {
            return value == null ? null : value.type();
        }
    }

    /**
     * A function call as written. Only {@code size} is a value in a condition (the others are
     * conditions, see {@link Cond.Function}): the length of a string in UTF-16 code units, of a
     * binary in bytes, the number of members of a set, elements of a list or entries of a map; no
     * value for other types.
     */
    final class Call implements Operand {
        final String name;
        final List<Operand> args;

        Call(String name, List<Operand> args) {
            this.name = name;
            this.args = args;
        }

        boolean isSize() {
            return name.equals("size");
        }

        @Override
        public Value eval(Map<String, Value> item) {
            if (!isSize()) {
                return null;
            }
            Value value = args.get(0).eval(item);
            if (value == null) {
                return null;
            }
            switch (value.type()) {
                case S: return Value.n(((Value.S) value).value().length());
                case B: return Value.n(((Value.B) value).value().length());
                case SS: return Value.n(((Value.SS) value).values().size());
                case NS: return Value.n(((Value.NS) value).values().size());
                case BS: return Value.n(((Value.BS) value).values().size());
                case L: return Value.n(((Value.L) value).values().size());
                case M: return Value.n(((Value.M) value).values().size());
                default: return null;
            }
        }

        @Override
        public Value.Type staticType() {
            return isSize() ? Value.Type.N : null;
        }
    }

    /** SET's {@code a + b} and {@code a - b}: numbers only, the result within DynamoDB's number rules. */
    final class Arithmetic implements Operand {
        final Operand left;
        final Operand right;
        final boolean minus;

        Arithmetic(Operand left, Operand right, boolean minus) {
            this.left = left;
            this.right = right;
            this.minus = minus;
        }

        @Override
        public Value eval(Map<String, Value> item) {
            return compute(item);
        }

        @Override
        public Value compute(Map<String, Value> item) {
            Value a = left.compute(item);
            if (!(a instanceof Value.N x)) {
                throw incorrectType();
            }
            Value b = right.compute(item);
            if (!(b instanceof Value.N y)) {
                throw incorrectType();
            }
            BigDecimal result = minus ? x.value().subtract(y.value()) : x.value().add(y.value());
            return number(result);
        }
    }

    /** SET's {@code list_append(a, b)}: both lists. */
    final class ListAppend implements Operand {
        final Operand first;
        final Operand second;

        ListAppend(Operand first, Operand second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public Value eval(Map<String, Value> item) {
            return compute(item);
        }

        @Override
        public Value compute(Map<String, Value> item) {
            Value a = first.compute(item);
            if (!(a instanceof Value.L x)) {
                throw incorrectType();
            }
            Value b = second.compute(item);
            if (!(b instanceof Value.L y)) {
                throw incorrectType();
            }
            List<Value> joined = new ArrayList<>(x.values().size() + y.values().size());
            joined.addAll(x.values());
            joined.addAll(y.values());
            return new Value.L(joined);
        }
    }

    /** SET's {@code if_not_exists(path, value)}: the path's value, else the other operand's. */
    final class IfNotExists implements Operand {
        final PathOperand path;
        final Operand otherwise;

        IfNotExists(PathOperand path, Operand otherwise) {
            this.path = path;
            this.otherwise = otherwise;
        }

        @Override
        public Value eval(Map<String, Value> item) {
            return compute(item);
        }

        @Override
        public Value compute(Map<String, Value> item) {
            Value value = path.eval(item);
            return value != null ? value : otherwise.compute(item);
        }
    }

    /** A computed number, checked against DynamoDB's number rules. */
    static Value.N number(BigDecimal value) {
        try {
            return new Value.N(Numbers.check(value));
        } catch (Numbers.NumberRuleException e) {
            throw ApiException.validation(e.getMessage());
        }
    }
}
