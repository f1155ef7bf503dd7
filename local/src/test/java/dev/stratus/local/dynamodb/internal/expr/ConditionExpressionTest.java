package dev.stratus.local.dynamodb.internal.expr;

import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.attrs;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.b;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.bool;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.bs;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.invalid;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.item;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.l;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.m;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.n;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.names;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.ns;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.nul;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.s;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.ss;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.text;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * ConditionExpression and FilterExpression: parsed and evaluated directly. Each case names the
 * public source of the behaviour: the Developer Guide ("Condition and filter expressions, operators,
 * and functions", "Comparison operator and function reference"), ScyllaDB Alternator's
 * test_condition_expression.py / test_filter_expression.py / test_limits.py (run against
 * DynamoDB), dynalite's test/scan.js and test/updateItem.js (recorded from DynamoDB) and its
 * conditionParser.pegjs, and error texts quoted in public issues.
 */
class ConditionExpressionTest {
    static final Map<String, Value> ITEM = item(
            "n", n(5), "s", s("cat"), "bin", b(127), "t", bool(true), "z0", nul(),
            "ss", ss("dog", "cat"), "ns", ns("1", "2", "3"), "bs", bs("x", "hi"),
            "l", l(s("hi"), ns("1", "2"), l(n(3), n(4)), n(7)),
            "m", m("x", n(1), "y", l(n(-1), n(2), n(0)), "and", m("or", n(2))),
            "word", s("hello"), "bytes", b("hi there"), "uni", s("é\uD834\uDD1E"),
            "high", s("\uFFFF"), "emoji", s("\uD83D\uDE00"), "one", n(1), "three", n(3), "two", s("two"), "mm", m("and", l(), "or", n(2)));

    private static Arguments t(String display, String expression, boolean expected, Object... values) {
        return Arguments.of(display, expression, null, values(values), expected);
    }

    private static Arguments tn(String display, String expression, Map<String, String> names, boolean expected, Object... values) {
        return Arguments.of(display, expression, names, values(values), expected);
    }

    static Stream<Arguments> evaluations() {
        return Stream.of(
                // = by value, every type (Alternator test_update_condition_eq_success)
                t("= on N (Alternator test_update_condition_eq_success)", "n = :v", true, ":v", n("5.0")),
                t("= on S (Alternator test_update_condition_eq_success)", "s = :v", true, ":v", s("cat")),
                t("= on B (Alternator test_update_condition_eq_success)", "bin = :v", true, ":v", b(127)),
                t("= on BOOL (Alternator test_update_condition_eq_success)", "t = :v", true, ":v", bool(true)),
                t("= on NULL (Alternator test_update_condition_eq_success)", "z0 = :v", true, ":v", nul()),
                t("= on L, element by element (Alternator test_update_condition_eq_success)", "l = :v", true,
                        ":v", l(s("hi"), ns("2", "1"), l(n(3), n(4)), n("7.00"))),
                t("= on M (Alternator test_update_condition_eq_success)", "mm = :v", true, ":v", m("or", n(2), "and", l())),
                t("= on SS in another order (Alternator test_update_condition_eq_set)", "ss = :v", true, ":v", ss("cat", "dog")),
                t("= on NS numerically (Alternator test_update_condition_eq_success)", "ns = :v", true, ":v", ns("3.0", "2", "1")),
                t("= on BS (Alternator test_update_condition_eq_success)", "bs = :v", true, ":v", bs("hi", "x")),
                t("= of two attributes (Alternator test_update_condition_eq_success)", "one = m.x", true),
                t("= of different types is false (Alternator test_update_condition_eq_different)", "n = :v", false, ":v", s("5")),
                t("= of a set and a bigger set is false (Alternator test_update_condition_ne_set)", "ss = :v", false,
                        ":v", ss("cat", "dog", "horse")),
                t("two missing attributes are not equal (Alternator test_update_condition_eq_two_unset)", "q = z", false),
                t("two missing attributes are <> (Alternator test_update_condition_ne_two_unset)", "q <> z", true),
                t("<> of different types is true (Alternator test_update_condition_ne)", "n <> :v", true, ":v", s("5")),
                t("<> of a missing attribute is true (Alternator test_update_condition_ne)", "q <> :v", true, ":v", n(1)),
                t("<> of equal sets is false (Alternator test_update_condition_ne_set)", "ss <> :v", false, ":v", ss("cat", "dog")),
                // ordering comparisons (Alternator test_update_condition_lt/le/gt/ge)
                t("< on N (Alternator test_update_condition_lt)", "n < :v", true, ":v", n(6)),
                t("< on N, equal is false (Alternator test_update_condition_lt)", "n < :v", false, ":v", n(5)),
                t("<= on N, equal is true (Alternator test_update_condition_le)", "n <= :v", true, ":v", n(5)),
                t("> on S (Alternator test_update_condition_gt)", "s > :v", true, ":v", s("aardvark")),
                t(">= on S (Alternator test_update_condition_ge)", "s >= :v", true, ":v", s("cat")),
                t("< on B (Alternator test_update_condition_lt)", "bytes < :v", true, ":v", b("hj")),
                t("B orders unsigned: 127 < 128 (Alternator test_condition_expression_unsigned_bytes)", "bin < :v", true, ":v", b(128)),
                t("S orders by code point, U+FFFF < U+1F600 (Developer Guide: strings compare by UTF-8 bytes)", "high < emoji", true),
                t("< of different types is false (Alternator test_update_condition_lt)", "n < :v", false, ":v", s("17")),
                t("< of a missing attribute is false (Alternator test_update_condition_lt)", ":v < q", false, ":v", s("17")),
                t("< of a list from the item is false, not an error (Alternator test_update_condition_lt)", "l < :v", false, ":v", n(1)),
                t("< of two missing attributes is false (Alternator test_update_condition_comparison_two_unset)", "q < z", false),
                t(">= of two missing attributes is false (Alternator test_update_condition_comparison_two_unset)", "q >= z", false),
                // BETWEEN (Alternator test_update_condition_between)
                t("BETWEEN on N, bounds included (Alternator test_update_condition_between)", "n BETWEEN :a AND :b", true,
                        ":a", n(5), ":b", n(5)),
                t("BETWEEN on S (Alternator test_update_condition_between)", "s between :a and :b", true, ":a", s("a"), ":b", s("d")),
                t("BETWEEN below the range (Alternator test_update_condition_between)", "n BETWEEN :a AND :b", false,
                        ":a", n(6), ":b", n(9)),
                t("BETWEEN of attributes (Alternator test_update_condition_between)", "n BETWEEN one AND m.y[1]", false),
                t("BETWEEN of attributes, true (Alternator test_update_condition_between)", "n BETWEEN one AND l[3]", true),
                t("BETWEEN with bounds of another type is false (Alternator test_update_condition_between)", "n BETWEEN two AND :v",
                        false, ":v", n(9)),
                t("BETWEEN of a missing attribute is false (Alternator test_update_condition_comparison_two_unset)",
                        "q between z and x", false),
                // IN (Alternator test_update_condition_in)
                t("IN of one attribute (Alternator test_update_condition_in)", "one IN (m.x)", true),
                t("IN with values of mixed types (Alternator test_update_condition_in)", "n IN (:x, :y)", true,
                        ":x", s("dog"), ":y", n(5)),
                t("IN with no match (Alternator test_update_condition_in)", "n IN (:x, :y)", false, ":x", s("5"), ":y", n(6)),
                t("IN of a missing attribute is false (Alternator test_update_condition_in)", "q IN (:x)", false, ":x", n(1)),
                // functions
                t("attribute_exists (Alternator test_update_condition_attribute_exists)", "attribute_exists (n)", true),
                t("attribute_exists of a missing path (Alternator test_update_condition_attribute_exists)", "attribute_exists (m.q)", false),
                t("attribute_exists of a NULL value (Developer Guide, attribute_exists)", "attribute_exists(z0)", true),
                t("attribute_not_exists (Alternator test_update_condition_attribute_not_exists)", "attribute_not_exists(q)", true),
                t("attribute_type S (Alternator test_update_condition_attribute_type)", "attribute_type(s, :t)", true, ":t", s("S")),
                t("attribute_type SS (Alternator test_update_condition_attribute_type)", "attribute_type(ss, :t)", true, ":t", s("SS")),
                t("attribute_type NS (Alternator test_update_condition_attribute_type)", "attribute_type(ns, :t)", true, ":t", s("NS")),
                t("attribute_type BS (Alternator test_update_condition_attribute_type)", "attribute_type(bs, :t)", true, ":t", s("BS")),
                t("attribute_type B (Alternator test_update_condition_attribute_type)", "attribute_type(bin, :t)", true, ":t", s("B")),
                t("attribute_type BOOL (Alternator test_update_condition_attribute_type)", "attribute_type(t, :t)", true, ":t", s("BOOL")),
                t("attribute_type NULL (Alternator test_update_condition_attribute_type)", "attribute_type(z0, :t)", true, ":t", s("NULL")),
                t("attribute_type L (Alternator test_update_condition_attribute_type)", "attribute_type(l, :t)", true, ":t", s("L")),
                t("attribute_type M (Alternator test_update_condition_attribute_type)", "attribute_type(m, :t)", true, ":t", s("M")),
                t("attribute_type N (Alternator test_update_condition_attribute_type)", "attribute_type(n, :t)", true, ":t", s("N")),
                t("attribute_type of another type is false (Alternator test_update_condition_attribute_type)",
                        "attribute_type(n, :t)", false, ":t", s("S")),
                t("attribute_type of a :value (Alternator test_update_condition_attribute_type)", "attribute_type (:v, :t)", true,
                        ":v", n(0), ":t", s("N")),
                t("begins_with on S (Alternator test_update_condition_begins_with)", "begins_with(word, :p)", true, ":p", s("hell")),
                t("begins_with on B (Alternator test_update_condition_begins_with)", "begins_with(bytes, :p)", true, ":p", b("hi")),
                t("begins_with no match (Alternator test_update_condition_begins_with)", "begins_with(word, :p)", false, ":p", s("dog")),
                t("begins_with of a missing attribute is false (Alternator test_update_condition_begins_with)",
                        "begins_with(q, :p)", false, ":p", s("dog")),
                t("begins_with of a number attribute is false (Alternator test_update_condition_begins_with)", "begins_with(word, n)", false),
                t("begins_with with the operands reversed (Alternator test_update_condition_begins_with)", "begins_with(:str, s)", true,
                        ":str", s("catalog")),
                t("contains a substring (Alternator test_update_condition_contains)", "contains(word, :v)", true, ":v", s("ell")),
                t("contains a number in a NS (Alternator test_update_condition_contains)", "contains(ns, :v)", true, ":v", n(2)),
                t("contains a number in a L (Alternator test_update_condition_contains)", "contains(l, :v)", true, ":v", n(7)),
                t("contains a binary substring (Alternator test_update_condition_contains)", "contains(bytes, :v)", true, ":v", b("here")),
                t("contains no binary substring (Alternator test_update_condition_contains)", "contains(bytes, :v)", false, ":v", b("dog")),
                t("contains a set element of a list (Alternator test_update_condition_contains)", "contains(l, :v)", true,
                        ":v", ns("2", "1")),
                t("contains a list element of a list (Alternator test_update_condition_contains)", "contains(l, :v)", true,
                        ":v", l(n(3), n(4))),
                t("a set does not contain itself (Alternator test_filter_expression_set_contains)", "contains(ss, :v)", false,
                        ":v", ss("dog", "cat")),
                t("contains a string in a SS (Alternator test_filter_expression_string_contains)", "contains(ss, :v)", true, ":v", s("dog")),
                t("a map contains nothing (Alternator test_filter_expression_map_contains)", "contains(m, :v)", false, ":v", s("x")),
                t("contains a BOOL only in a list (Alternator test_filter_expression_bool_contains)", "contains(t, :v)", false,
                        ":v", bool(true)),
                t("size of a string (Alternator test_update_condition_size)", "size(word)=:v", true, ":v", n(5)),
                t("size of a set (Alternator test_update_condition_size)", "size(ss)=:v", true, ":v", n(2)),
                t("size of a list (Alternator test_update_condition_size)", "size(l)=:v", true, ":v", n(4)),
                t("size of a binary (Alternator test_update_condition_size)", "size(bytes)=:v", true, ":v", n(8)),
                t("size of a map (Alternator test_update_condition_size)", "size(m)=:v", true, ":v", n(3)),
                t("size of a number matches nothing (Alternator test_update_condition_size)", "size(n)=:v", false, ":v", n(1)),
                t("size compared with a string is false (Alternator test_update_condition_size)", "size(s)=:v", false, ":v", s("dog")),
                t("size compared with an attribute (Alternator test_update_condition_size)", "size(s)=three", true),
                t("size with < (Alternator test_update_condition_size)", "size(word)<:v", true, ":v", n(7)),
                t("size of a :value (Alternator test_update_condition_size_parameter)", "size(:xyz)>=:arg", true,
                        ":xyz", s("abc"), ":arg", n(2)),
                t("size counts UTF-16 code units (ExtendDB PR #67, verified against DynamoDB)", "size(uni) = :v", true, ":v", n(3)),
                // boolean logic and precedence (Alternator test_update_condition_and/or/not/parentheses)
                t("AND (Alternator test_update_condition_and)", "one < n AND n < :v", true, ":v", n(6)),
                t("AND, case-insensitive, false (Alternator test_update_condition_and)", "one < n aNd :v < n", false, ":v", n(6)),
                t("OR (Alternator test_update_condition_or)", "n < one oR one < n", true),
                t("NOT (Alternator test_update_condition_not)", "NOT n < one", true),
                t("NOT NOT NOT NOT (Alternator test_update_condition_not)", "NOT NOT NOT NOT one < n", true),
                t("AND binds tighter than OR (Alternator test_update_condition_and_before_or)", "one < n OR n < one AND n < one", true),
                t("NOT binds tighter than AND (Alternator test_update_condition_not_before_and)", "NOT one < n AND n < one", false),
                t("BETWEEN's AND before the logical AND (Alternator test_update_condition_between_before_and)",
                        "n BETWEEN one AND l[3] AND one < n", true),
                t("parentheses (Alternator test_update_condition_parentheses)",
                        "(one < n OR n < one) AND (n < l[3] AND (one < n OR n < l[3]))", true),
                t("nested paths (Alternator test_update_condition_nested_attributes)", "m.x < m.y[1]", true),
                t("nested paths, false (Alternator test_update_condition_nested_attributes)", "m.x < m.y[0]", false),
                t("missing nested paths are false (Alternator test_update_condition_nested_attributes)", "m.z < m.y[100]", false),
                t("an index into a map reads nothing (Alternator test_projection_expression_path)", "attribute_exists(m[0])", false),
                t("a parenthesised operand (dynalite conditionParser.pegjs OperandParens)", "(n) = :v", true, ":v", n(5)),
                t("a parenthesised path goes on (dynalite conditionParser.pegjs GroupedPathExpression)", "(m).y[1] = :v", true, ":v", n(2)),
                t("one pair of parentheses around everything (Alternator test_redundant_parentheses)", "(n <> :v)", true, ":v", n(1)),
                t("parentheses that are not redundant (Alternator test_redundant_parentheses)", "((n <> :v) and n <> :v)", true,
                        ":v", n(1)),
                tn("#names in paths (Alternator test_update_condition_nested_attribute_reference)", "#name1.#name2.#name3 = :two",
                        names("#name1", "m", "#name2", "and", "#name3", "or"), true, ":two", n(2)),
                tn("a #name for a reserved word (Alternator test_update_condition_attribute_reference)", "attribute_exists (#name)",
                        names("#name", "and"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evaluations")
    void evaluates(String display, String expression, Map<String, String> names, Map<String, Value> values, boolean expected) {
        Condition condition = Expressions.condition(expression, attrs(names, values.isEmpty() ? null : values), "ConditionExpression");
        assertEquals(expected, condition.test(ITEM));
    }

    private static Arguments e(String display, String expression, String message, Object... values) {
        return Arguments.of(display, expression, null, values(values), message);
    }

    private static Arguments en(String display, String expression, Map<String, String> names, String message, Object... values) {
        return Arguments.of(display, expression, names, values(values), message);
    }

    static Stream<Arguments> refusals() {
        String syntax = "Invalid FilterExpression: Syntax error; ";
        String invalid = "Invalid FilterExpression: ";
        String misused = invalid + "The function is not allowed to be used this way in an expression; function: ";
        return Stream.of(
                e("empty (dynalite test/scan.js)", "", invalid + "The expression can not be empty;"),
                e("blank is empty (this engine's choice, as another emulator's parity test)", "   ",
                        invalid + "The expression can not be empty;"),
                e("a lone path is no condition (Alternator test_update_condition_single_value_primitive_condition)", "a",
                        syntax + "token: \"<EOF>\", near: \"a\""),
                e("a lone :value is no condition (Alternator test_update_condition_single_value_primitive_condition)", "a AND :val",
                        syntax + "token: \"AND\", near: \"a AND :val\"", ":val", bool(true)),
                e("a path in parentheses is no condition (message quoted in a public bug analysis)", "(#a)",
                        syntax + "token: \"<EOF>\", near: \")\""),
                e("unclosed function (error quoted in a public code comment)", "contains (themes, :theme",
                        syntax + "token: \"<EOF>\", near: \":theme\"", ":theme", s("x")),
                e("IN with no operands (Alternator test_update_condition_in)", "a IN ()", syntax + "token: \")\", near: \"()\""),
                e("!= is not an operator (Alternator test_filter_expression_syntax)", "p=:p AND c!=:c",
                        syntax + "token: \"!\", near: \"c!=\""),
                e("a number is no operand (dynalite test/scan.js)", "a > 4", syntax + "token: \"4\", near: \"> 4\""),
                e("a non-ASCII letter is no name (dynalite test/scan.js)", "\u00fc > a", syntax + "token: \"\u00fc\", near: \"\u00fc >\""),
                e("a function's result has no members (dynalite test/scan.js)", "size(a).b > a", syntax + "token: \".\", near: \").b\""),
                e("a trailing comma in IN (dynalite test/scan.js)", "a in (b,c,)", syntax + "token: \")\", near: \",)\""),
                e("a :value has no members (dynalite test/scan.js)", "a > :things.stuff", syntax + "token: \".\", near: \":things.stuff\""),
                e("an index must be a number (dynalite test/scan.js)", "b[:a] > a", syntax + "token: \":a\", near: \"[:a]\""),
                e("BETWEEN needs AND (dynalite conditionParser.pegjs)", "a BETWEEN b OR c", syntax + "token: \"OR\", near: \"b OR c\""),
                e("a keyword is no attribute name (dynalite conditionParser.pegjs)", "a > between", syntax
                        + "token: \"between\", near: \"> between\""),
                e("redundant parentheses around a condition (Alternator test_redundant_parentheses)", "((p <> :p))",
                        invalid + "The expression has redundant parentheses;", ":p", s("x")),
                e("redundant parentheses win over everything else (dynalite test/scan.js)", "a=a and a > ((views))",
                        invalid + "The expression has redundant parentheses;"),
                e("redundant parentheses around a path (dynalite test/scan.js)", "(a)between(((b.c)).d)and(c)",
                        invalid + "The expression has redundant parentheses;"),
                e("redundant parentheses in function arguments (dynalite test/scan.js)", "a > whatever((:things), ((a)))",
                        invalid + "The expression has redundant parentheses;"),
                e("redundant parentheses in a chain of ANDs (dynalite test/scan.js)", "a=a AND ((a=a AND a=a)) AND a=a",
                        invalid + "The expression has redundant parentheses;"),
                e("unknown function (Alternator test_update_condition_other_funcs)", "dog(a)=:arg",
                        invalid + "Invalid function name; function: dog", ":arg", n(5)),
                e("unknown function before a path compared with itself (dynalite test/scan.js)", "a=a and whatever((:things)) > a",
                        invalid + "Invalid function name; function: whatever"),
                e("function names are case-sensitive (dynalite test/scan.js)", "attRIbute_exIsts((views), #a)",
                        invalid + "Invalid function name; function: attRIbute_exIsts"),
                e("attribute_exists compared (Alternator test_update_condition_attribute_exists_in_comparison)",
                        "attribute_exists(a) < :val", misused + "attribute_exists", ":val", n(1)),
                e("size alone (Alternator test_update_condition_size_alone)", "size(a)", misused + "size"),
                e("if_not_exists in a condition (Alternator test_update_condition_other_funcs)", "if_not_exists(a, a)=:arg",
                        misused + "if_not_exists", ":arg", n(5)),
                e("list_append in a condition (Alternator test_update_condition_other_funcs)", "list_append(a, a)=:arg",
                        misused + "list_append", ":arg", n(5)),
                e("a condition function as an argument (dynalite test/scan.js)", "size(contains(a, b)) > a", misused + "contains"),
                e("a condition function in IN (dynalite test/scan.js)", "a in (b, attribute_exists(things))",
                        misused + "attribute_exists"),
                e("misuse before reserved words (dynalite test/scan.js)", "a=a and attribute_exists((views), (#a)) > b",
                        misused + "attribute_exists"),
                e("reserved word before a wrong operand count (dynalite test/scan.js)", "attribute_exists(views, #a)",
                        invalid + "Attribute name is a reserved keyword; reserved keyword: views"),
                e("reserved word, as written (dynalite test/scan.js)", ":a < abOrT",
                        invalid + "Attribute name is a reserved keyword; reserved keyword: abOrT"),
                e("undefined name before a wrong operand count (dynalite test/scan.js)", "begins_with(Pictures.#RearView)",
                        invalid + "An expression attribute name used in the document path is not defined; attribute name: #RearView"),
                e("first undefined name in the order written (dynalite test/scan.js)",
                        "(#P between :lo and :hi) and (#PC in (:cat1, :cat2))",
                        invalid + "An expression attribute name used in the document path is not defined; attribute name: #P"),
                e("undefined value (dynalite test/scan.js)", "begins_with(:hello, #a, #b)",
                        invalid + "An expression attribute value used in expression is not defined; attribute value: :hello"),
                e("wrong operand count of size (Alternator test_update_condition_size)", "size(a, a)=:arg",
                        invalid + "Incorrect number of operands for operator or function; operator or function: size, number of operands: 2",
                        ":arg", n(5)),
                e("wrong operand count of begins_with (dynalite test/scan.js)", "begins_with(things, size(a), b)",
                        invalid + "Incorrect number of operands for operator or function; operator or function: begins_with, "
                                + "number of operands: 3"),
                e("a path compared with itself (dynalite test/scan.js)", "a = a AND b = c",
                        invalid + "The first operand must be distinct from the remaining operands for this operator or function; "
                                + "operator: =, first operand: [a]"),
                en("a path compared with itself through a #name (dynalite test/scan.js)", "contains(ab.bc[1].a, ab.bc[1].#a)",
                        names("#a", "a"), invalid + "The first operand must be distinct from the remaining operands for this "
                                + "operator or function; operator: contains, first operand: [ab, bc, [1], a]"),
                e("the first primitive with a problem decides (dynalite test/scan.js)", "attribute_type(a, size(a)) and a=a and a=:a",
                        invalid + "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N",
                        ":a", n(1)),
                e("begins_with of a BOOL (dynalite test/scan.js)", "begins_with(a, :a)",
                        invalid + "Incorrect operand type for operator or function; operator or function: begins_with, operand type: BOOL",
                        ":a", bool(true)),
                e("begins_with of a size (dynalite test/scan.js)", "begins_with(a, size(a))",
                        invalid + "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"),
                e("size of a size (Alternator test_update_condition_size_parameter)", "size(size(a)) > :a",
                        invalid + "Incorrect operand type for operator or function; operator or function: size, operand type: N",
                        ":a", n(1)),
                e("size of a number :value (Alternator test_update_condition_size_parameter)", "size(:xyz)>=:arg",
                        invalid + "Incorrect operand type for operator or function; operator or function: size, operand type: N",
                        ":xyz", n(123), ":arg", n(2)),
                e("attribute_type's type from a path (dynalite conditionParser.pegjs)", "attribute_type(a, b)",
                        invalid + "Incorrect operand type for operator or function; operator or function: attribute_type, "
                                + "operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"),
                e("attribute_type of an unknown type (Alternator test_update_condition_attribute_type_unknown)",
                        "attribute_type (a, :type)", invalid + "Invalid attribute type name found; type: DOG, valid types: "
                                + "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}", ":type", s("DOG")),
                e("attribute_exists of a :value (Alternator test_update_condition_attribute_exists)", "attribute_exists (:val)",
                        invalid + "Operator or function requires a document path; operator or function: attribute_exists", ":val", n(3)),
                e("BETWEEN bounds of two types (dynalite test/query.js)", "a between :b and :a",
                        invalid + "The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: "
                                + "AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}", ":a", s("a"), ":b", n(1)),
                e("BETWEEN bounds in the wrong order (dynalite test/query.js; Alternator test_filter_expression_num_between_reverse)",
                        "a between :b and :a", invalid + "The BETWEEN operator requires upper bound to be greater than or equal to "
                                + "lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}",
                        ":a", s("a"), ":b", s("b")),
                e("< with a list :value is an error (Alternator test_update_condition_lt; this engine's wording)", "a < :v",
                        invalid + "Incorrect operand type for operator or function; operator or function: <, operand type: L",
                        ":v", l(n(1), n(2))),
                e("BETWEEN with a list :value is an error (Alternator test_update_condition_between; this engine's wording)",
                        "a BETWEEN :v AND :w", invalid + "Incorrect operand type for operator or function; operator or function: "
                                + "BETWEEN, operand type: L", ":v", l(n(1)), ":w", n(2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String display, String expression, Map<String, String> names, Map<String, Value> values, String message) {
        ExpressionAttributes attributes = attrs(names, values.isEmpty() ? null : values);
        assertEquals(message, invalid(() -> Expressions.condition(expression, attributes, "FilterExpression")));
    }

    @Test
    @DisplayName("the parameter name goes into the message (dynalite test/updateItem.js)")
    void namesTheParameter() {
        assertEquals("Invalid ConditionExpression: The expression can not be empty;",
                invalid(() -> Expressions.condition("", ExprSupport.none(), "ConditionExpression")));
    }

    @Test
    @DisplayName("a condition on no item: only attribute_not_exists and <> hold (Alternator test_update_item_condition_key_*)")
    void conditionOnNoItem() {
        ExpressionAttributes attributes = attrs(values(":p", s("x")));
        assertTrue(Expressions.condition("attribute_not_exists(p)", ExprSupport.none(), "ConditionExpression").test(null));
        assertTrue(Expressions.condition("p <> :p", attributes, "ConditionExpression").test(Map.of()));
        assertFalse(Expressions.condition("attribute_exists(p)", ExprSupport.none(), "ConditionExpression").test(null));
    }

    @Test
    @DisplayName("IN takes up to 100 operands, 99 in the list (Alternator test_update_condition_in; this engine's message beyond)")
    void inOperandLimit() {
        Map<String, Value> values = new LinkedHashMap<>();
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 99; i++) {
            values.put(":val" + i, n(i));
            list.append(i == 0 ? "" : ",").append(":val").append(i);
        }
        Condition condition = Expressions.condition("n IN (" + list + ")", attrs(values), "ConditionExpression");
        assertTrue(condition.test(ITEM));
        values.put(":val99", n(99));
        String hundred = "n IN (" + list + ",:val99)";
        assertEquals("Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: IN, "
                + "number of operands: 101", invalid(() -> Expressions.condition(hundred, attrs(values), "ConditionExpression")));
    }

    @Test
    @DisplayName("at most 300 operators, counted as written (Alternator test_limits.py test_deeply_nested_expression_2)")
    void operatorLimit() {
        String fits = "a<b " + "or (a<b ".repeat(149) + ")".repeat(149);
        assertTrue(Expressions.condition(fits, ExprSupport.none(), "ConditionExpression")
                .test(item("a", n(1), "b", n(2))));
        String tooMany = "a<b " + "or (a<b ".repeat(454) + ")".repeat(454);
        assertEquals("Invalid ConditionExpression: The expression contains too many operators; operator count: 301",
                invalid(() -> Expressions.condition(tooMany, ExprSupport.none(), "ConditionExpression")));
        String nots = "not ".repeat(1000) + "a<b";
        assertEquals("Invalid ConditionExpression: The expression contains too many operators; operator count: 301",
                invalid(() -> Expressions.condition(nots, ExprSupport.none(), "ConditionExpression")));
    }

    @Test
    @DisplayName("at most 4 KB (Alternator test_limits.py test_limit_expression_len, test_limit_expression_len_crash1)")
    void sizeLimit() {
        ExpressionAttributes attributes = attrs(values(":oldval", n(1)));
        String fits = "a" + " ".repeat(4085) + " = :oldval";
        assertEquals(4096, fits.length());
        assertTrue(Expressions.condition(fits, attributes, "ConditionExpression").test(item("a", n(1))));
        assertEquals("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097",
                invalid(() -> Expressions.condition(fits + " ", attributes, "ConditionExpression")));
        String huge = "a<b " + "and (a<b ".repeat(20000) + ")".repeat(20000);
        assertEquals("Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 200004",
                invalid(() -> Expressions.condition(huge, ExprSupport.none(), "ConditionExpression")));
    }

    @Test
    @DisplayName("deep nesting is refused cleanly (Alternator test_limits.py test_deeply_nested_expression_1; this engine's message)")
    void deepNesting() {
        assertEquals("Invalid ConditionExpression: The expression is nested too deeply; nesting levels: 401",
                invalid(() -> Expressions.condition("(".repeat(4096), ExprSupport.none(), "ConditionExpression")));
        assertEquals("Invalid ConditionExpression: The expression is nested too deeply; nesting levels: 401",
                invalid(() -> Expressions.condition("a < " + "f(".repeat(1355) + "b" + ")".repeat(1355), ExprSupport.none(),
                        "ConditionExpression")));
    }

    @Test
    @DisplayName("paths() lists every path read, placeholders resolved (this engine's contract, for key-attribute filters)")
    void pathsRead() {
        Condition condition = Expressions.condition("a.b[1] = :v AND attribute_exists(#n) OR size(c) > :v AND (d).e = :v",
                attrs(names("#n", "x.y"), values(":v", n(1))), "FilterExpression");
        assertEquals(List.of("a.b[1]", "x.y", "c", "d.e"), text(condition.paths()));
        assertEquals(List.of("x.y"), condition.paths().get(1).elements());
    }

    @Test
    @DisplayName("evaluation leaves the item alone and an empty filter item matches attribute_not_exists (Developer Guide)")
    void readsOnly() {
        Map<String, Value> item = new LinkedHashMap<>(ITEM);
        Expressions.condition("contains(l, :v) AND size(m) > :w", attrs(values(":v", n(7), ":w", n(1))), "FilterExpression").test(item);
        assertEquals(ITEM, item);
    }
}
