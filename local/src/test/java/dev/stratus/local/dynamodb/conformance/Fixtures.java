package dev.stratus.local.dynamodb.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.function.Executable;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Values, items, tables and error assertions shared by the conformance tests. */
final class Fixtures {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern VALUE_REF = Pattern.compile(":[A-Za-z0-9_]+");
    private static final Pattern NAME_REF = Pattern.compile("#[A-Za-z0-9_]+");

    private Fixtures() {
    }

    // ---- names ----

    /** A table name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    // ---- attribute values ----

    static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    static AttributeValue n(String value) {
        return AttributeValue.builder().n(value).build();
    }

    static AttributeValue n(long value) {
        return n(Long.toString(value));
    }

    static AttributeValue b(int... bytes) {
        return AttributeValue.builder().b(SdkBytes.fromByteArray(bytes(bytes))).build();
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.builder().bool(value).build();
    }

    static AttributeValue nul() {
        return AttributeValue.builder().nul(true).build();
    }

    static AttributeValue ss(String... values) {
        return AttributeValue.builder().ss(values).build();
    }

    static AttributeValue ns(String... values) {
        return AttributeValue.builder().ns(values).build();
    }

    static AttributeValue bs(byte[]... values) {
        List<SdkBytes> list = new ArrayList<>();
        for (byte[] value : values) {
            list.add(SdkBytes.fromByteArray(value));
        }
        return AttributeValue.builder().bs(list).build();
    }

    static AttributeValue l(AttributeValue... values) {
        return AttributeValue.builder().l(values).build();
    }

    static AttributeValue m(Object... keyValues) {
        return AttributeValue.builder().m(item(keyValues)).build();
    }

    /**
     * An item from name/value pairs; a String value is an S, a Number an N, an AttributeValue as
     * is.
     */
    static Map<String, AttributeValue> item(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            item.put((String) keyValues[i], value(keyValues[i + 1]));
        }
        return item;
    }

    static AttributeValue value(Object value) {
        if (value instanceof AttributeValue) {
            return (AttributeValue) value;
        }
        if (value instanceof String) {
            return s((String) value);
        }
        if (value instanceof Number) {
            return n(value.toString());
        }
        if (value instanceof Boolean) {
            return bool((Boolean) value);
        }
        throw new IllegalArgumentException("no attribute value for " + value);
    }

    /** A string of {@code length} ASCII characters (one byte each in UTF-8). */
    static String chars(int length) {
        char[] text = new char[length];
        Arrays.fill(text, 'x');
        return new String(text);
    }

    /** Only the entries of {@code all} whose {@code :name} the expressions mention. */
    static Map<String, AttributeValue> valuesUsedIn(Map<String, AttributeValue> all, String... expressions) {
        Set<String> used = refs(VALUE_REF, expressions);
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (used.contains(k)) {
                out.put(k, v);
            }
        });
        return out.isEmpty() ? null : out;
    }

    /** Only the entries of {@code all} whose {@code #name} the expressions mention. */
    static Map<String, String> namesUsedIn(Map<String, String> all, String... expressions) {
        Set<String> used = refs(NAME_REF, expressions);
        Map<String, String> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (used.contains(k)) {
                out.put(k, v);
            }
        });
        return out.isEmpty() ? null : out;
    }

    private static Set<String> refs(Pattern pattern, String... expressions) {
        Set<String> used = new HashSet<>();
        for (String expression : expressions) {
            if (expression == null) {
                continue;
            }
            Matcher matcher = pattern.matcher(expression);
            while (matcher.find()) {
                used.add(matcher.group());
            }
        }
        return used;
    }

    /** Numbers compared by value, as DynamoDB compares them. */
    static BigDecimal num(AttributeValue value) {
        return new BigDecimal(value.n());
    }

    static Set<BigDecimal> numberSet(AttributeValue value) {
        return value.ns().stream().map(x -> new BigDecimal(x).stripTrailingZeros()).collect(Collectors.toSet());
    }

    static Set<String> stringSet(AttributeValue value) {
        return new HashSet<>(value.ss());
    }

    // ---- tables ----

    static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    static AttributeDefinition attr(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    static Projection projection(ProjectionType type, String... nonKeyAttributes) {
        Projection.Builder p = Projection.builder().projectionType(type);
        if (nonKeyAttributes.length > 0) {
            p.nonKeyAttributes(nonKeyAttributes);
        }
        return p.build();
    }

    /** A PAY_PER_REQUEST table keyed by {@code pk} (S). */
    static String hashTable(DynamoDbClient ddb, String name) {
        return hashTable(ddb, name, "pk", ScalarAttributeType.S);
    }

    static String hashTable(DynamoDbClient ddb, String name, String hashName, ScalarAttributeType hashType) {
        ddb.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(hashName, hashType))
                .keySchema(hash(hashName)));
        return name;
    }

    /** A PAY_PER_REQUEST table keyed by {@code pk} (S) and {@code sk} of the given type. */
    static String hashRangeTable(DynamoDbClient ddb, String name, ScalarAttributeType rangeType) {
        return hashRangeTable(ddb, name, "pk", ScalarAttributeType.S, "sk", rangeType);
    }

    static String hashRangeTable(DynamoDbClient ddb, String name, String hashName, ScalarAttributeType hashType,
                                 String rangeName, ScalarAttributeType rangeType) {
        ddb.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(hashName, hashType), attr(rangeName, rangeType))
                .keySchema(hash(hashName), range(rangeName)));
        return name;
    }

    static CreateTableRequest.Builder payPerRequest(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST);
    }

    /** Waits (up to 10 s) until the table is ACTIVE. */
    static TableDescription awaitTableActive(DynamoDbClient ddb, String table) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            TableDescription description = ddb.describeTable(b -> b.tableName(table)).table();
            if (description.tableStatus() == software.amazon.awssdk.services.dynamodb.model.TableStatus.ACTIVE) {
                return description;
            }
            if (System.nanoTime() > deadline) {
                fail("table " + table + " did not become ACTIVE: " + description.tableStatus());
            }
            sleep(50);
        }
    }

    /** Waits (up to 10 s) until the table's global secondary index is ACTIVE. */
    static TableDescription awaitIndexActive(DynamoDbClient ddb, String table, String index) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            TableDescription description = ddb.describeTable(b -> b.tableName(table)).table();
            for (GlobalSecondaryIndexDescription gsi : description.globalSecondaryIndexes()) {
                if (gsi.indexName().equals(index) && gsi.indexStatus() == IndexStatus.ACTIVE) {
                    return description;
                }
            }
            if (System.nanoTime() > deadline) {
                fail("index " + index + " of " + table + " did not become ACTIVE: " + description.globalSecondaryIndexes());
            }
            sleep(50);
        }
    }

    /** Waits (up to 10 s) until the table has no global secondary index of that name. */
    static TableDescription awaitIndexGone(DynamoDbClient ddb, String table, String index) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            TableDescription description = ddb.describeTable(b -> b.tableName(table)).table();
            boolean present = description.globalSecondaryIndexes().stream().anyMatch(g -> g.indexName().equals(index));
            if (!present) {
                return description;
            }
            if (System.nanoTime() > deadline) {
                fail("index " + index + " of " + table + " was not deleted: " + description.globalSecondaryIndexes());
            }
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- errors ----

    /** The request fails with this error code (the exception's __type) and exactly this message. */
    static DynamoDbException assertError(String code, String message, Executable request) {
        DynamoDbException e = assertThrows(DynamoDbException.class, request);
        assertEquals(code, e.awsErrorDetails().errorCode(), () -> "error code; message was: " + e.awsErrorDetails().errorMessage());
        assertEquals(message, e.awsErrorDetails().errorMessage(), "error message");
        return e;
    }

    /** The request fails with this error code and a message containing {@code fragment}. */
    static DynamoDbException assertErrorContains(String code, String fragment, Executable request) {
        DynamoDbException e = assertThrows(DynamoDbException.class, request);
        assertEquals(code, e.awsErrorDetails().errorCode(), () -> "error code; message was: " + e.awsErrorDetails().errorMessage());
        String actual = e.awsErrorDetails().errorMessage();
        assertTrue(actual != null && actual.contains(fragment),
                () -> "message should contain <" + fragment + "> but was <" + actual + ">");
        return e;
    }

    static DynamoDbException assertValidation(String message, Executable request) {
        return assertError("ValidationException", message, request);
    }

    static DynamoDbException assertValidationContains(String fragment, Executable request) {
        return assertErrorContains("ValidationException", fragment, request);
    }

    /** The request fails with a ValidationException, whatever its message. */
    static DynamoDbException assertValidationError(Executable request) {
        DynamoDbException e = assertThrows(DynamoDbException.class, request);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(),
                () -> "error code; message was: " + e.awsErrorDetails().errorMessage());
        return e;
    }
}
