package dev.stratus.local.dynamodb.internal.expr;

import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.attrs;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.b;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.invalid;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.n;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.names;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.s;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stratus.local.dynamodb.internal.expr.KeyCondition.SortOperator;
import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * KeyConditionExpression for a table keyed by p (partition) and c (sort). Sources: the Developer
 * Guide ("Key condition expressions for Query"), ScyllaDB Alternator's
 * test_key_condition_expression.py (run against DynamoDB), dynalite's test/query.js (recorded from
 * DynamoDB).
 */
class KeyConditionExpressionTest {
    private static final Map<String, Value> VALUES = values(":p", s("pk"), ":c", n(3), ":c1", n(4), ":c2", n(7), ":s", s("00"));

    private static KeyCondition key(String expression) {
        return Expressions.keyCondition(expression, attrs(VALUES), "p", "c");
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
                Arguments.of("the partition key alone (Alternator test_key_condition_expression_partition)", "p=:p", null, null, null),
                Arguments.of("whitespace is ignored (Alternator test_key_condition_expression_whitespace)", " p  =   :p ", null, null, null),
                Arguments.of("= on the sort key (Alternator test_key_condition_expression_num_eq)", "p=:p AND c=:c", SortOperator.EQ,
                        n(3), null),
                Arguments.of("< on the sort key (Alternator test_key_condition_expression_num_lt)", "p=:p AND c<:c", SortOperator.LT,
                        n(3), null),
                Arguments.of("<= (Alternator test_key_condition_expression_num_le)", "p=:p AND c<=:c", SortOperator.LE, n(3), null),
                Arguments.of("> (Alternator test_key_condition_expression_num_gt)", "p=:p AND c>:c", SortOperator.GT, n(3), null),
                Arguments.of(">= (Alternator test_key_condition_expression_num_ge)", "p=:p AND c>=:c", SortOperator.GE, n(3), null),
                Arguments.of("the value first turns < into > (Alternator test_key_condition_expression_num_lt_reverse)", ":p=p AND :c<c",
                        SortOperator.GT, n(3), null),
                Arguments.of("the value first turns >= into <= (Alternator test_key_condition_expression_num_lt_reverse)",
                        "p=:p AND :c>=c", SortOperator.LE, n(3), null),
                Arguments.of("BETWEEN (Alternator test_key_condition_expression_num_between)", "p=:p AND c BETWEEN :c1 AND :c2",
                        SortOperator.BETWEEN, n(4), n(7)),
                Arguments.of("keywords in any case (Alternator test_key_condition_expression_case_insensitive)",
                        "p=:p AnD c BeTwEeN :c1 aNd :c2", SortOperator.BETWEEN, n(4), n(7)),
                Arguments.of("begins_with (Alternator test_key_condition_expression_str_begins)", "p=:p AND begins_with(c,:s)",
                        SortOperator.BEGINS_WITH, s("00"), null),
                Arguments.of("the sort key first (Alternator test_key_condition_expression_order)", "c=:c AND p=:p", SortOperator.EQ,
                        n(3), null),
                Arguments.of("parentheses around conditions (Alternator test_key_condition_expression_parser)", "((c=:c) AND (p=:p))",
                        SortOperator.EQ, n(3), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conditions")
    void parses(String display, String expression, SortOperator operator, Value first, Value second) {
        KeyCondition key = key(expression);
        assertEquals("p", key.partitionKey());
        assertEquals(s("pk"), key.partitionValue());
        assertEquals(operator == null ? null : "c", key.sortKey());
        assertEquals(operator, key.sortOperator());
        assertEquals(first, key.sortValue());
        assertEquals(second, key.sortValue2());
    }

    static Stream<Arguments> refusals() {
        String invalid = "Invalid KeyConditionExpression: ";
        return Stream.of(
                Arguments.of("empty (dynalite test/query.js)", "", invalid + "The expression can not be empty;"),
                Arguments.of("one condition per key (Alternator test_key_condition_expression_and_same)", "p=:p AND p=:p",
                        "KeyConditionExpressions must only contain one condition per key"),
                Arguments.of("two on the sort key (Alternator test_key_condition_expression_multi)", "p=:p AND c>=:c1 AND c<=:c2",
                        "KeyConditionExpressions must only contain one condition per key"),
                Arguments.of("the partition key needs = (Alternator test_key_condition_expression_partition_eq_only)", "p<:p",
                        "Query key condition not supported"),
                Arguments.of("the partition key is required (Alternator test_key_condition_expression_no_partition)", "c=:c",
                        "Query condition missed key schema element: p"),
                Arguments.of("a second condition not on the sort key (Alternator test_key_condition_expression_non_key)", "p=:p AND a<:c",
                        "Query condition missed key schema element: c"),
                Arguments.of("three conditions (Alternator test_key_condition_expression_non_key; dynalite test/query.js)",
                        "p=:p AND c<:c AND a<:c", "Conditions can be of length 1 or 2 only"),
                Arguments.of("a nested path (Alternator test_key_condition_expression_non_key)", "p=:p AND a.b<:c",
                        "KeyConditionExpressions cannot have conditions on nested attributes"),
                Arguments.of("an index is nested too (dynalite test/query.js)", "b[0] > :c",
                        "KeyConditionExpressions cannot have conditions on nested attributes"),
                Arguments.of("two key attributes compared (Alternator test_key_condition_expression_bad_compare)", "p=c",
                        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
                Arguments.of("two values compared (Alternator test_key_condition_expression_bad_compare)", ":p=:c",
                        "Invalid condition in KeyConditionExpression: No key attribute specified"),
                Arguments.of("a lone key (Alternator test_key_condition_expression_bad_value)", "p",
                        invalid + "Syntax error; token: \"<EOF>\", near: \"p\""),
                Arguments.of("!= (Alternator test_key_condition_expression_syntax)", "p=:p AND c!=:c",
                        invalid + "Syntax error; token: \"!\", near: \"c!=\""),
                Arguments.of("<> (Alternator test_key_condition_expression_parser)", "p=:p AND c<>:c",
                        "Invalid operator used in KeyConditionExpression: <>"),
                Arguments.of("IN (Alternator test_key_condition_expression_parser)", "p=:p AND c IN (:c)",
                        "Invalid operator used in KeyConditionExpression: IN"),
                Arguments.of("OR (Alternator test_key_condition_expression_parser)", "c=:c OR p=:p",
                        "Invalid operator used in KeyConditionExpression: OR"),
                Arguments.of("NOT (Alternator test_key_condition_expression_parser)", "NOT c=:c AND p=:p",
                        "Invalid operator used in KeyConditionExpression: NOT"),
                Arguments.of("attribute_exists (Alternator test_key_condition_expression_unknown)", "p=:p AND attribute_exists(c)",
                        "Invalid operator used in KeyConditionExpression: attribute_exists"),
                Arguments.of("an unknown function (Alternator test_key_condition_expression_unknown)", "p=:p AND dog(c, :c)",
                        invalid + "Invalid function name; function: dog"),
                Arguments.of("begins_with is case-sensitive (Alternator test_key_condition_expression_str_begins_case)",
                        "p=:p AND BEGINS_WITH(c,:s)", invalid + "Invalid function name; function: BEGINS_WITH"),
                Arguments.of("begins_with of a number (Alternator test_key_condition_expression_num_begins)", "p=:p AND begins_with(c, :c)",
                        invalid + "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
                Arguments.of("BETWEEN starts with the key (dynalite test/query.js)", ":s between size(b) and size(a) and b > :s",
                        "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand"),
                Arguments.of("begins_with starts with the key (dynalite test/query.js)", "begins_with(:s, b) and a > :s",
                        "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand"),
                Arguments.of("size is a nested operation (dynalite test/query.js)", "a > size(b.d)",
                        "KeyConditionExpressions cannot contain nested operations"),
                Arguments.of("a second attribute before size (dynalite test/query.js)", "a between b and size(a)",
                        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"),
                Arguments.of("OR is found at the top first (dynalite test/query.js)", "a > b and size(b) > c or a > c",
                        "Invalid operator used in KeyConditionExpression: OR"),
                Arguments.of("no key attribute in the second condition (dynalite test/query.js)", ":s > b AND :s < :c",
                        "Invalid condition in KeyConditionExpression: No key attribute specified"),
                Arguments.of("BETWEEN bounds out of order (dynalite test/query.js)", "c between :c2 and :c1",
                        invalid + "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound "
                                + "operand: AttributeValue: {N:7}, upper bound operand: AttributeValue: {N:4}"),
                Arguments.of("attribute_type's type from a path (dynalite test/query.js)", "attribute_type(a, b)",
                        invalid + "Incorrect operand type for operator or function; operator or function: attribute_type, "
                                + "operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"),
                Arguments.of("attribute_type used (dynalite test/query.js)", "attribute_type(a, :s)",
                        invalid + "Invalid attribute type name found; type: 00, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String display, String expression, String message) {
        assertEquals(message, invalid(() -> key(expression)));
    }

    @Test
    @DisplayName("a hash-only table takes only the partition key (dynalite actions/query.js; Developer Guide)")
    void hashOnlyTable() {
        ExpressionAttributes attributes = attrs(VALUES);
        assertEquals("Query key condition not supported",
                invalid(() -> Expressions.keyCondition("p=:p AND c=:c", attributes, "p", null)));
        KeyCondition key = Expressions.keyCondition("#k = :p", attrs(names("#k", "p"), VALUES), "p", null);
        assertEquals("p", key.partitionKey());
        assertEquals(null, key.sortKey());
        assertTrue(key.matchesSort(n(1)));
    }

    @Test
    @DisplayName("matchesSort for each operator; another type never matches (Developer Guide, Key condition expressions)")
    void matchesSort() {
        KeyCondition lt = new KeyCondition("p", s("x"), "c", SortOperator.LT, n(5), null);
        assertTrue(lt.matchesSort(n(4)));
        assertFalse(lt.matchesSort(n(5)));
        assertFalse(lt.matchesSort(s("4")));
        assertFalse(lt.matchesSort(null));
        KeyCondition le = new KeyCondition("p", s("x"), "c", SortOperator.LE, n(5), null);
        assertTrue(le.matchesSort(n("5.0")));
        KeyCondition gt = new KeyCondition("p", s("x"), "c", SortOperator.GT, s("b"), null);
        assertTrue(gt.matchesSort(s("ba")));
        assertFalse(gt.matchesSort(s("a")));
        KeyCondition ge = new KeyCondition("p", s("x"), "c", SortOperator.GE, b(127), null);
        assertTrue(ge.matchesSort(b(128)));
        KeyCondition eq = new KeyCondition("p", s("x"), "c", SortOperator.EQ, s("a"), null);
        assertTrue(eq.matchesSort(s("a")));
        assertFalse(eq.matchesSort(s("ab")));
        KeyCondition between = new KeyCondition("p", s("x"), "c", SortOperator.BETWEEN, n(4), n(7));
        assertTrue(between.matchesSort(n(4)));
        assertTrue(between.matchesSort(n(7)));
        assertFalse(between.matchesSort(n(8)));
        KeyCondition prefix = new KeyCondition("p", s("x"), "c", SortOperator.BEGINS_WITH, s("00"), null);
        assertTrue(prefix.matchesSort(s("003")));
        assertFalse(prefix.matchesSort(s("103")));
        KeyCondition bytes = new KeyCondition("p", s("x"), "c", SortOperator.BEGINS_WITH, b("00"), null);
        assertTrue(bytes.matchesSort(b("003")));
        assertFalse(bytes.matchesSort(s("003")));
    }
}
