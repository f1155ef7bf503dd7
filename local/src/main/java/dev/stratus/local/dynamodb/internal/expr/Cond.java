package dev.stratus.local.dynamodb.internal.expr;

import java.util.List;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.value.Value;
import dev.stratus.local.dynamodb.internal.value.Values;

/**
 * A parsed condition, evaluated against an item (Developer Guide, "Condition and filter
 * expressions, operators, and functions"). Comparing values of different types, or a value that is
 * not there, is false, never an error.
 */
interface Cond {
    boolean test(Map<String, Value> item);

    /** The comparators, with the symbol they are written with. */
    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        static Comparator of(String symbol) {
            for (Comparator comparator : values()) {
                if (comparator.symbol.equals(symbol)) {
                    return comparator;
                }
            }
            return null;
        }

        boolean isOrdering() {
            return this != EQ && this != NE;
        }

        /** The comparator with its operands swapped: {@code :v < a} is {@code a > :v}. */
        Comparator swapped() {
            switch (this) {
                case LT: return GT;
                case LE: return GE;
                case GT: return LT;
                case GE: return LE;
                default: return this;
            }
        }
    }

    /** How two values order: negative, zero or positive; {@link #UNORDERED} unless both are scalars of one type. */
    int UNORDERED = Integer.MIN_VALUE;

    static int order(Value a, Value b) {
        if (a == null || b == null || a.type() != b.type() || !Parser.isScalar(a.type())) {
            return UNORDERED;
        }
        return Values.compareScalars(a, b);
    }

    /** Equality by value: sets in any order, numbers numerically; a missing value equals nothing. */
    static boolean same(Value a, Value b) {
        return a != null && a.equals(b);
    }

    final class And implements Cond {
        final Cond[] parts;

        And(List<Cond> parts) {
            this.parts = parts.toArray(new Cond[0]);
        }

        @Override
        public boolean test(Map<String, Value> item) {
            for (Cond part : parts) {
                if (!part.test(item)) {
                    return false;
                }
            }
            return true;
        }
    }

    final class Or implements Cond {
        final Cond[] parts;

        Or(List<Cond> parts) {
            this.parts = parts.toArray(new Cond[0]);
        }

        @Override
        public boolean test(Map<String, Value> item) {
            for (Cond part : parts) {
                if (part.test(item)) {
                    return true;
                }
            }
            return false;
        }
    }

    final class Not implements Cond {
        final Cond inner;

        Not(Cond inner) {
            this.inner = inner;
        }

        @Override
        public boolean test(Map<String, Value> item) {
            return !inner.test(item);
        }
    }

    final class Compare implements Cond {
        final Comparator comparator;
        final Operand left;
        final Operand right;

        Compare(Comparator comparator, Operand left, Operand right) {
            this.comparator = comparator;
            this.left = left;
            this.right = right;
        }

        @Override
        public boolean test(Map<String, Value> item) {
            Value a = left.eval(item);
            Value b = right.eval(item);
            switch (comparator) {
                case EQ:
                    return same(a, b);
                case NE:
                    return !same(a, b);
                default:
                    int order = order(a, b);
                    if (order == UNORDERED) {
                        return false;
                    }
                    switch (comparator) {
                        case LT: return order < 0;
                        case LE: return order <= 0;
                        case GT: return order > 0;
                        default: return order >= 0;
                    }
            }
        }
    }

    final class Between implements Cond {
        final Operand value;
        final Operand low;
        final Operand high;

        Between(Operand value, Operand low, Operand high) {
            this.value = value;
            this.low = low;
            this.high = high;
        }

        @Override
        public boolean test(Map<String, Value> item) {
            Value v = value.eval(item);
            int fromLow = order(v, low.eval(item));
            if (fromLow == UNORDERED || fromLow < 0) {
                return false;
            }
            int toHigh = order(v, high.eval(item));
            return toHigh != UNORDERED && toHigh <= 0;
        }
    }

    final class In implements Cond {
        final Operand value;
        final Operand[] candidates;

        In(Operand value, List<Operand> candidates) {
            this.value = value;
            this.candidates = candidates.toArray(new Operand[0]);
        }

        @Override
        public boolean test(Map<String, Value> item) {
            Value v = value.eval(item);
            if (v == null) {
                return false;
            }
            for (Operand candidate : candidates) {
                if (v.equals(candidate.eval(item))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A function used as a condition: attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
    abstract class Function implements Cond {
        final String name;
        final List<Operand> args;

        Function(String name, List<Operand> args) {
            this.name = name;
            this.args = args;
        }

        static Function of(Operand.Call call) {
            List<Operand> args = call.args;
            switch (call.name) {
                case "attribute_exists":
                    return new Function(call.name, args) {
                        @Override
                        public boolean test(Map<String, Value> item) {
                            return args.get(0).eval(item) != null;
                        }
                    };
                case "attribute_not_exists":
                    return new Function(call.name, args) {
                        @Override
                        public boolean test(Map<String, Value> item) {
                            return args.get(0).eval(item) == null;
                        }
                    };
                case "attribute_type":
                    return new Function(call.name, args) {
                        @Override
                        public boolean test(Map<String, Value> item) {
                            Value value = args.get(0).eval(item);
                            return value != null && args.get(1).eval(item) instanceof Value.S type
                                    && value.type().wireName().equals(type.value());
                        }
                    };
                case "begins_with":
                    return new Function(call.name, args) {
                        @Override
                        public boolean test(Map<String, Value> item) {
                            return beginsWith(args.get(0).eval(item), args.get(1).eval(item));
                        }
                    };
                case "contains":
                    return new Function(call.name, args) {
                        @Override
                        public boolean test(Map<String, Value> item) {
                            return contains(args.get(0).eval(item), args.get(1).eval(item));
                        }
                    };
                default:
                    // an unknown or misplaced function: the parse reports it, this is never evaluated
                    return new Function(call.name, args) {
                        @Override
                        public boolean test(Map<String, Value> item) {
                            return false;
                        }
                    };
            }
        }
    }

    /** A string starting with a string, or a binary with a binary. */
    static boolean beginsWith(Value value, Value prefix) {
        if (value instanceof Value.S s && prefix instanceof Value.S p) {
            return s.value().startsWith(p.value());
        }
        if (value instanceof Value.B b && prefix instanceof Value.B p) {
            return b.value().startsWith(p.value());
        }
        return false;
    }

    /**
     * A substring of a string (or of a binary), a member of a set, or an element of a list; a map
     * contains nothing.
     */
    static boolean contains(Value value, Value part) {
        if (value == null || part == null) {
            return false;
        }
        switch (value.type()) {
            case S:
                return part instanceof Value.S p && ((Value.S) value).value().contains(p.value());
            case B:
                return part instanceof Value.B p && ((Value.B) value).value().contains(p.value());
            case SS:
                return part instanceof Value.S p && ((Value.SS) value).values().contains(p.value());
            case NS:
                return part instanceof Value.N p && ((Value.NS) value).values().contains(p.value());
            case BS:
                return part instanceof Value.B p && ((Value.BS) value).values().contains(p.value());
            case L:
                return ((Value.L) value).values().contains(part);
            default:
                return false;
        }
    }
}
