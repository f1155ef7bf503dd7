package dev.stratus.local.dynamodb.conformance;

import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidation;
import static dev.stratus.local.dynamodb.conformance.Fixtures.assertValidationContains;
import static dev.stratus.local.dynamodb.conformance.Fixtures.b;
import static dev.stratus.local.dynamodb.conformance.Fixtures.bool;
import static dev.stratus.local.dynamodb.conformance.Fixtures.bs;
import static dev.stratus.local.dynamodb.conformance.Fixtures.bytes;
import static dev.stratus.local.dynamodb.conformance.Fixtures.hashTable;
import static dev.stratus.local.dynamodb.conformance.Fixtures.item;
import static dev.stratus.local.dynamodb.conformance.Fixtures.l;
import static dev.stratus.local.dynamodb.conformance.Fixtures.m;
import static dev.stratus.local.dynamodb.conformance.Fixtures.n;
import static dev.stratus.local.dynamodb.conformance.Fixtures.namesUsedIn;
import static dev.stratus.local.dynamodb.conformance.Fixtures.ns;
import static dev.stratus.local.dynamodb.conformance.Fixtures.nul;
import static dev.stratus.local.dynamodb.conformance.Fixtures.s;
import static dev.stratus.local.dynamodb.conformance.Fixtures.ss;
import static dev.stratus.local.dynamodb.conformance.Fixtures.unique;
import static dev.stratus.local.dynamodb.conformance.Fixtures.valuesUsedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Condition expressions: every comparator, function, logical operator, path form and placeholder,
 * evaluated by a conditional PutItem that rewrites one seed item unchanged (success means the
 * condition held), and the errors of malformed expressions.
 */
class ConditionsTest {
    private static Harness h;
    private static DynamoDbClient ddb;
    private static String table;

    private static final Map<String, AttributeValue> SEED = item(
            "pk", "seed",
            "s", "hello world",
            "n", 42,
            "n2", 7,
            "bin", b(1, 2, 3),
            "flag", bool(true),
            "nothing", nul(),
            "ss", ss("a", "b", "c"),
            "ns", ns("1", "2", "3"),
            "bs", bs(bytes(1), bytes(2)),
            "l", l(s("x"), n(2), m("m", "deep")),
            "m", m("a", m("b", l(n(0), n(1), m("c", "found"))), "k", "v"),
            "status", "active",
            "dotted.leaf", "dotval",
            "blank", "");

    private static final Map<String, AttributeValue> VALUES = new LinkedHashMap<>();
    private static final Map<String, String> NAMES = Map.of(
            "#st", "status", "#dn", "dotted.leaf", "#m", "m", "#a", "a", "#b", "b");

    static {
        VALUES.put(":s", s("hello world"));
        VALUES.put(":hello", s("hello"));
        VALUES.put(":world", s("world"));
        VALUES.put(":z", s("z"));
        VALUES.put(":a", s("a"));
        VALUES.put(":x", s("x"));
        VALUES.put(":v", s("v"));
        VALUES.put(":deep", s("deep"));
        VALUES.put(":found", s("found"));
        VALUES.put(":active", s("active"));
        VALUES.put(":dotval", s("dotval"));
        VALUES.put(":emptystr", s(""));
        VALUES.put(":str42", s("42"));
        VALUES.put(":n42", n(42));
        VALUES.put(":n10", n(10));
        VALUES.put(":n100", n(100));
        VALUES.put(":n7", n(7));
        VALUES.put(":zero", n(0));
        VALUES.put(":one", n(1));
        VALUES.put(":two", n(2));
        VALUES.put(":three", n(3));
        VALUES.put(":five", n(5));
        VALUES.put(":eleven", n(11));
        VALUES.put(":bin", b(1, 2, 3));
        VALUES.put(":bin12", b(1, 2));
        VALUES.put(":list", l(s("x"), n(2), m("m", "deep")));
        for (String type : new String[] {"S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"}) {
            VALUES.put(":" + type, s(type));
        }
    }

    @BeforeAll
    static void start() {
        h = Harness.start();
        ddb = h.ddb;
        table = hashTable(ddb, unique("conditions"));
        ddb.putItem(b -> b.tableName(table).item(SEED));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    /** Whether the condition holds for the seed item. */
    private static boolean holds(String condition) {
        try {
            ddb.putItem(b -> b.tableName(table).item(SEED).conditionExpression(condition)
                    .expressionAttributeNames(namesUsedIn(NAMES, condition))
                    .expressionAttributeValues(valuesUsedIn(VALUES, condition)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** A conditional put of a throwaway item, for expressions that must be refused. */
    private static void probe(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        ddb.putItem(b -> b.tableName(table).item(item("pk", "probe")).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "n = :n42 | true",
        "n = :n10 | false",
        "n <> :n10 | true",
        "n <> :n42 | false",
        "n < :n100 | true",
        "n < :n42 | false",
        "n <= :n42 | true",
        "n > :n10 | true",
        "n > :n42 | false",
        "n >= :n42 | true",
        "n >= :n100 | false",
        "s = :s | true",
        "s < :z | true",
        "s > :world | false",
        "bin = :bin | true",
        "bin > :bin12 | true",
        "n = :str42 | false",
        "absent = :n42 | false",
        "l = :list | true",
        "m.k = :v | true",
    })
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — Comparison operators (=, <>, <, <=, >, >=)")
    void comparators(String condition, boolean expected) {
        assertEquals(expected, holds(condition));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "n BETWEEN :n10 AND :n100 | true",
        "n BETWEEN :n42 AND :n100 | true",
        "n BETWEEN :n10 AND :n42 | true",
        "n2 BETWEEN :one AND :five | false",
        "s BETWEEN :a AND :z | true",
        "n IN (:n10, :n42) | true",
        "n IN (:n10, :n100) | false",
        "s IN (:s) | true",
    })
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — BETWEEN (inclusive bounds) and IN")
    void betweenAndIn(String condition, boolean expected) {
        assertEquals(expected, holds(condition));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "attribute_exists(s) | true",
        "attribute_exists(absent) | false",
        "attribute_not_exists(absent) | true",
        "attribute_not_exists(s) | false",
        "attribute_exists(m.a.b[2].c) | true",
        "attribute_exists(m.a.b[5]) | false",
        "attribute_exists(nothing) | true",
    })
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — attribute_exists, attribute_not_exists")
    void attributeExistence(String condition, boolean expected) {
        assertEquals(expected, holds(condition));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "attribute_type(s, :S) | true",
        "attribute_type(n, :N) | true",
        "attribute_type(bin, :B) | true",
        "attribute_type(flag, :BOOL) | true",
        "attribute_type(nothing, :NULL) | true",
        "attribute_type(ss, :SS) | true",
        "attribute_type(ns, :NS) | true",
        "attribute_type(bs, :BS) | true",
        "attribute_type(l, :L) | true",
        "attribute_type(m, :M) | true",
        "attribute_type(n, :S) | false",
        "attribute_type(absent, :S) | false",
    })
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — attribute_type (S, SS, N, NS, B, BS, BOOL, NULL, L, M)")
    void attributeType(String condition, boolean expected) {
        assertEquals(expected, holds(condition));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "begins_with(s, :hello) | true",
        "begins_with(s, :world) | false",
        "begins_with(bin, :bin12) | true",
        "contains(s, :world) | true",
        "contains(s, :z) | false",
        "contains(ss, :a) | true",
        "contains(ss, :x) | false",
        "contains(ns, :one) | true",
        "contains(l, :x) | true",
    })
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — begins_with, contains (substring, set member or list element)")
    void beginsWithAndContains(String condition, boolean expected) {
        assertEquals(expected, holds(condition));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "size(s) = :eleven | true",
        "size(ss) = :three | true",
        "size(l) = :three | true",
        "size(m) = :two | true",
        "size(bin) = :three | true",
        "size(m.a.b) = :three | true",
        "size(s) > :n10 | true",
        "size(blank) = :zero | true",
    })
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — size (string length, bytes of a binary, elements of a set, list or map)")
    void size(String condition, boolean expected) {
        assertEquals(expected, holds(condition));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "n = :n42 AND n2 = :n7 | true",
        "n = :n42 AND n2 = :one | false",
        "n = :n10 OR n2 = :n7 | true",
        "NOT n = :n10 | true",
        "NOT n = :n42 | false",
        "n = :n10 OR n = :n42 AND n2 = :one | false",
        "n = :n42 OR n = :n10 AND n2 = :one | true",
        "(n = :n10 OR n = :n42) AND n2 = :n7 | true",
        "(n = :n42 OR n = :n10) AND n2 = :one | false",
        "NOT n = :n42 OR n2 = :n7 | true",
        "NOT (n = :n42 OR n2 = :n7) | false",
    })
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — Logical evaluations and Precedence in conditions (NOT, then AND, then OR; parentheses change precedence)")
    void logicalOperatorsAndPrecedence(String condition, boolean expected) {
        assertEquals(expected, holds(condition));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "l[0] = :x | true",
        "l[1] = :two | true",
        "l[2].m = :deep | true",
        "m.a.b[2].c = :found | true",
        "m.a.b[1] = :one | true",
        "#m.#a.#b[2].c = :found | true",
        "#st = :active | true",
        "#dn = :dotval | true",
        "attribute_not_exists(dotted.leaf) | true",
        "blank = :emptystr | true",
    })
    @Source("Developer Guide: Specifying item attributes when using expressions — Nested attributes (document paths), Expression attribute names (#name for reserved words and names containing dots)")
    void documentPathsAndPlaceholders(String condition, boolean expected) {
        assertEquals(expected, holds(condition));
    }

    // ---- malformed expressions ----

    @Test
    @Source("Developer Guide: Reserved words in DynamoDB (a reserved word in an expression needs an expression attribute name)")
    void reservedWordIsRefused() {
        assertValidation("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status",
                () -> probe("status = :a", null, Map.of(":a", s("a"))));
    }

    @Test
    @Source("Developer Guide: Using expression attribute values — every :value used must be defined; dynalite db/conditionParser.js")
    void undefinedValuePlaceholderIsRefused() {
        assertValidation("Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :nope",
                () -> probe("n = :nope", null, Map.of(":other", s("a"))));
    }

    @Test
    @Source("Developer Guide: Expression attribute names — every #name used must be defined; dynalite db/conditionParser.js")
    void undefinedNamePlaceholderIsRefused() {
        assertValidation("Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #nope",
                () -> probe("attribute_exists(#nope)", Map.of("#other", "x"), null));
    }

    @Test
    @Source("Developer Guide: Using expression attribute values — unused values are an error; dynalite validations/index.js")
    void unusedValuePlaceholderIsRefused() {
        assertValidation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                () -> probe("n = :a", null, Map.of(":a", n(1), ":unused", n(2))));
    }

    @Test
    @Source("Developer Guide: Expression attribute names — unused names are an error; dynalite validations/index.js")
    void unusedNamePlaceholderIsRefused() {
        assertValidation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}",
                () -> probe("attribute_exists(#a)", Map.of("#a", "a", "#unused", "b"), null));
    }

    @Test
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — syntax (a comparison needs two operands)")
    void syntaxErrorIsRefused() {
        assertValidationContains("Invalid ConditionExpression: Syntax error; token: ",
                () -> probe("n = ", null, null));
    }

    @Test
    @Source("API Reference: PutItem — ConditionExpression (the expression can not be empty); dynalite validations/index.js")
    void emptyExpressionIsRefused() {
        assertValidation("Invalid ConditionExpression: The expression can not be empty;",
                () -> probe("", null, null));
    }

    @Test
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — the supported functions; dynalite db/conditionParser.js")
    void unknownFunctionIsRefused() {
        assertValidation("Invalid ConditionExpression: Invalid function name; function: shout",
                () -> probe("shout(n)", null, null));
    }

    @Test
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — begins_with(path, substr) takes two operands; dynalite db/conditionParser.js")
    void wrongNumberOfOperandsIsRefused() {
        assertValidation("Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1",
                () -> probe("begins_with(s)", null, null));
    }

    @Test
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — attribute_type valid types; dynalite db/conditionParser.js")
    void invalidAttributeTypeNameIsRefused() {
        assertValidation("Invalid ConditionExpression: Invalid attribute type name found; type: XX, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
                () -> probe("attribute_type(s, :t)", null, Map.of(":t", s("XX"))));
    }

    @Test
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — a BETWEEN b AND c (true if a >= b and a <= c); dynalite db/conditionParser.js")
    void betweenWithReversedBoundsIsRefused() {
        assertValidation("Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + "lower bound operand: AttributeValue: {N:100}, upper bound operand: AttributeValue: {N:10}",
                () -> probe("n BETWEEN :hi AND :lo", null, Map.of(":hi", n(100), ":lo", n(10))));
    }

    @Test
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — BETWEEN bounds of one type; dynalite db/conditionParser.js")
    void betweenWithMixedBoundTypesIsRefused() {
        assertValidation("Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; "
                        + "lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:z}",
                () -> probe("n BETWEEN :lo AND :hi", null, Map.of(":lo", n(1), ":hi", s("z"))));
    }

    @Test
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — functions that return a boolean cannot be compared; dynalite db/conditionParser.js")
    void booleanFunctionUsedAsOperandIsRefused() {
        assertValidationContains("The function is not allowed to be used this way in an expression; function: attribute_exists",
                () -> probe("attribute_exists(s) = :t", null, Map.of(":t", bool(true))));
    }

    @Test
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — redundant parentheses; dynalite db/conditionParser.js")
    void redundantParenthesesAreRefused() {
        assertValidation("Invalid ConditionExpression: The expression has redundant parentheses;",
                () -> probe("((n = :a))", null, Map.of(":a", n(1))));
    }

    @Test
    @Source("Developer Guide: Expression attribute names — names must begin with #; dynalite validations/index.js")
    void malformedNamePlaceholderKeyIsRefused() {
        assertValidation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"bad\"",
                () -> probe("attribute_exists(s)", Map.of("bad", "s"), null));
    }

    @Test
    @Source("Developer Guide: Using expression attribute values — values must begin with :; dynalite validations/index.js")
    void malformedValuePlaceholderKeyIsRefused() {
        assertValidation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"bad\"",
                () -> probe("attribute_exists(s)", null, Map.of("bad", s("a"))));
    }

    @Test
    @Source("Developer Guide: Using expression attribute values — each value is an AttributeValue and is validated; dynalite validations/index.js")
    void invalidExpressionValueIsRefused() {
        assertValidation("ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: "
                        + "An string set  may not be empty for key :e",
                () -> probe("contains(ss, :e)", null, Map.of(":e", AttributeValue.builder().ss(java.util.List.of()).build())));
    }

    @Test
    @Source("API Reference: PutItem — ExpressionAttributeNames can only be specified when using expressions; dynalite validations/index.js")
    void namesWithoutAnExpressionAreRefused() {
        assertValidation("ExpressionAttributeNames can only be specified when using expressions",
                () -> ddb.putItem(b -> b.tableName(table).item(item("pk", "probe")).expressionAttributeNames(Map.of("#a", "a"))));
    }

    @Test
    @Source("Developer Guide: Condition expressions — a failed condition changes nothing")
    void failedConditionLeavesTheItemUnchanged() {
        assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.putItem(b -> b.tableName(table).item(item("pk", "seed", "s", "overwritten"))
                        .conditionExpression("n = :n").expressionAttributeValues(Map.of(":n", n(0)))));
        assertEquals(SEED, ddb.getItem(b -> b.tableName(table).key(item("pk", "seed")).consistentRead(true)).item());
    }

    @Test
    @Source("Developer Guide: Condition and filter expressions, operators, and functions — attribute_exists(path) takes a document path; dynalite db/conditionParser.js")
    void attributeExistsOfAValueIsRefused() {
        assertValidation("Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists",
                () -> probe("attribute_exists(:v)", null, Map.of(":v", s("x"))));
    }
}
