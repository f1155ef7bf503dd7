package dev.stratus.local.dynamodb.internal.value;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DynamoDB attribute value: immutable, compared by value. Numbers are exact decimals held in
 * their normalized form (no trailing zeros), so {@code 1.0} and {@code 1} are the same number, as in
 * DynamoDB. Sets keep insertion order for stable output (DynamoDB gives no order).
 */
public sealed interface Value
        permits Value.S, Value.N, Value.B, Value.Bool, Value.Null, Value.SS, Value.NS, Value.BS, Value.L, Value.M {

    Type type();

    /** The ten data types, named as on the wire. */
    enum Type {
        S, N, B, BOOL, NULL, SS, NS, BS, L, M;

        public boolean isSet() {
            return this == SS || this == NS || this == BS;
        }

        public boolean isScalar() {
            return this == S || this == N || this == B;
        }

        /** The wire name of this type, also what {@code attribute_type} takes. */
        public String wireName() {
            return name();
        }

        /** The type by its wire name, or null. */
        public static Type of(String wireName) {
            switch (wireName) {
                case "S": return S;
                case "N": return N;
                case "B": return B;
                case "BOOL": return BOOL;
                case "NULL": return NULL;
                case "SS": return SS;
                case "NS": return NS;
                case "BS": return BS;
                case "L": return L;
                case "M": return M;
                default: return null;
            }
        }
    }

    record S(String value) implements Value {
        public Type type() {
            return Type.S;
        }
    }

    /** A number, always normalized (see {@link Numbers#normalize}). */
    record N(BigDecimal value) implements Value {
        public N {
            value = Numbers.normalize(value);
        }

        public Type type() {
            return Type.N;
        }

        /** The number as DynamoDB returns it: plain notation, no trailing zeros. */
        public String text() {
            return value.toPlainString();
        }
    }

    record B(Bytes value) implements Value {
        public Type type() {
            return Type.B;
        }
    }

    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public Type type() {
            return Type.BOOL;
        }
    }

    record Null() implements Value {
        public static final Null INSTANCE = new Null();

        public Type type() {
            return Type.NULL;
        }
    }

    record SS(Set<String> values) implements Value {
        public SS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        public Type type() {
            return Type.SS;
        }
    }

    /** A number set; its members are normalized, so numerically equal members are duplicates. */
    record NS(Set<BigDecimal> values) implements Value {
        public NS {
            LinkedHashSet<BigDecimal> normalized = new LinkedHashSet<>();
            for (BigDecimal n : values) {
                normalized.add(Numbers.normalize(n));
            }
            values = Collections.unmodifiableSet(normalized);
        }

        public Type type() {
            return Type.NS;
        }
    }

    record BS(Set<Bytes> values) implements Value {
        public BS {
            values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
        }

        public Type type() {
            return Type.BS;
        }
    }

    record L(List<Value> values) implements Value {
        public L {
            values = List.copyOf(values);
        }

        public Type type() {
            return Type.L;
        }
    }

    record M(Map<String, Value> values) implements Value {
        public M {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public Type type() {
            return Type.M;
        }
    }

    static S s(String value) {
        return new S(value);
    }

    static N n(String value) {
        return new N(new BigDecimal(value));
    }

    static N n(long value) {
        return new N(BigDecimal.valueOf(value));
    }

    static Bool bool(boolean value) {
        return value ? Bool.TRUE : Bool.FALSE;
    }
}
