package dev.stratus.local.dynamodb.internal.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.function.Executable;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.value.Bytes;
import dev.stratus.local.dynamodb.internal.value.Value;

/** Values, items and placeholders for the expression tests, written tersely. */
final class ExprSupport {
    private ExprSupport() {
    }

    static Value s(String text) {
        return Value.s(text);
    }

    static Value n(String number) {
        return Value.n(number);
    }

    static Value n(long number) {
        return Value.n(number);
    }

    /** A binary value of the given unsigned bytes. */
    static Value b(int... bytes) {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        return new Value.B(Bytes.of(raw));
    }

    /** A binary value holding the UTF-8 bytes of the text. */
    static Value b(String text) {
        return new Value.B(Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
    }

    static Value bool(boolean value) {
        return Value.bool(value);
    }

    static Value nul() {
        return Value.Null.INSTANCE;
    }

    static Value ss(String... members) {
        return new Value.SS(new LinkedHashSet<>(Arrays.asList(members)));
    }

    static Value ns(String... members) {
        Set<BigDecimal> set = new LinkedHashSet<>();
        for (String member : members) {
            set.add(new BigDecimal(member));
        }
        return new Value.NS(set);
    }

    static Value bs(String... texts) {
        Set<Bytes> set = new LinkedHashSet<>();
        for (String text : texts) {
            set.add(Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
        }
        return new Value.BS(set);
    }

    static Value l(Value... elements) {
        return new Value.L(List.of(elements));
    }

    static Value m(Object... keysAndValues) {
        return new Value.M(item(keysAndValues));
    }

    static Map<String, Value> item(Object... keysAndValues) {
        Map<String, Value> item = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            item.put((String) keysAndValues[i], (Value) keysAndValues[i + 1]);
        }
        return item;
    }

    static Map<String, String> names(String... placeholdersAndNames) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < placeholdersAndNames.length; i += 2) {
            names.put(placeholdersAndNames[i], placeholdersAndNames[i + 1]);
        }
        return names;
    }

    static Map<String, Value> values(Object... placeholdersAndValues) {
        return item(placeholdersAndValues);
    }

    static ExpressionAttributes attrs(Map<String, String> names, Map<String, Value> values) {
        return new ExpressionAttributes(names, values);
    }

    static ExpressionAttributes attrs(Map<String, Value> values) {
        return new ExpressionAttributes(null, values);
    }

    static ExpressionAttributes none() {
        return ExpressionAttributes.none();
    }

    /** Runs the code, expects a ValidationException, and returns its message. */
    static String invalid(Executable code) {
        ApiException e = assertThrows(ApiException.class, code);
        assertEquals("ValidationException", e.type());
        assertEquals(400, e.status());
        return e.getMessage();
    }

    /** The paths as text, e.g. {@code [a.b[1], c]}. */
    static List<String> text(List<Path> paths) {
        List<String> text = new ArrayList<>();
        for (Path path : paths) {
            text.add(path.toString());
        }
        return text;
    }
}
