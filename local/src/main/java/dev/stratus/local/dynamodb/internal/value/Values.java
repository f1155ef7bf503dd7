package dev.stratus.local.dynamodb.internal.value;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Comparisons and sizes of attribute values, as DynamoDB defines them. */
public final class Values {
    private Values() {
    }

    /**
     * Orders two scalars of the same type as DynamoDB orders sort keys and evaluates {@code <}:
     * strings by their UTF-8 bytes (that is, by code point), numbers numerically, binary unsigned
     * byte by byte. Throws if the types differ or are not scalar.
     */
    public static int compareScalars(Value a, Value b) {
        if (a.type() != b.type()) {
            throw new IllegalArgumentException("cannot compare " + a.type() + " with " + b.type());
        }
        if (a instanceof Value.S) {
            return compareStrings(((Value.S) a).value(), ((Value.S) b).value());
        }
        if (a instanceof Value.N) {
            return ((Value.N) a).value().compareTo(((Value.N) b).value());
        }
        if (a instanceof Value.B) {
            return ((Value.B) a).value().compareTo(((Value.B) b).value());
        }
        throw new IllegalArgumentException("not a scalar: " + a.type());
    }

    /** Code point order, which is UTF-8 byte order (String.compareTo is UTF-16 unit order). */
    public static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    public static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /**
     * The size of an item as DynamoDB counts it for the 400 KB item limit and the 1 MB page limit
     * (Developer Guide, "Item sizes and formats"): each attribute's name in UTF-8 bytes plus its
     * value's size.
     */
    public static long itemSize(Map<String, Value> item) {
        long size = 0;
        for (Map.Entry<String, Value> attribute : item.entrySet()) {
            size += utf8Length(attribute.getKey()) + size(attribute.getValue());
        }
        return size;
    }

    /**
     * A value's size: strings in UTF-8 bytes; numbers about one byte per two significant digits
     * plus one; binary its length; null and Boolean one byte; lists and maps 3 bytes plus one byte
     * per element (plus the names of a map's elements); sets the sum of their members.
     */
    public static long size(Value value) {
        switch (value.type()) {
            case S:
                return utf8Length(((Value.S) value).value());
            case N:
                return numberSize(((Value.N) value).value());
            case B:
                return ((Value.B) value).value().length();
            case BOOL:
            case NULL:
                return 1;
            case SS: {
                long size = 0;
                for (String s : ((Value.SS) value).values()) {
                    size += utf8Length(s);
                }
                return size;
            }
            case NS: {
                long size = 0;
                for (java.math.BigDecimal n : ((Value.NS) value).values()) {
                    size += numberSize(n);
                }
                return size;
            }
            case BS: {
                long size = 0;
                for (Bytes b : ((Value.BS) value).values()) {
                    size += b.length();
                }
                return size;
            }
            case L: {
                long size = 3;
                for (Value element : ((Value.L) value).values()) {
                    size += 1 + size(element);
                }
                return size;
            }
            case M: {
                long size = 3;
                for (Map.Entry<String, Value> element : ((Value.M) value).values().entrySet()) {
                    size += 1 + utf8Length(element.getKey()) + size(element.getValue());
                }
                return size;
            }
            default:
                throw new IllegalStateException(value.type().name());
        }
    }

    private static long numberSize(java.math.BigDecimal n) {
        int digits = n.signum() == 0 ? 1 : n.precision();
        return 1 + (digits + 1) / 2;
    }

    /** The bytes of a string as DynamoDB stores it, for key-size limits. */
    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
