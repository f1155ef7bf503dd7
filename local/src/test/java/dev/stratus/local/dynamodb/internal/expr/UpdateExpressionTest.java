package dev.stratus.local.dynamodb.internal.expr;

import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.attrs;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.b;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.bool;
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
 * UpdateExpression: parsed and applied directly. Sources: the Developer Guide ("Using update
 * expressions") and the API Reference (UpdateItem), ScyllaDB Alternator's test_update_expression.py
 * (run against DynamoDB), dynalite's test/updateItem.js (recorded from DynamoDB) and its
 * updateParser.pegjs, and error texts quoted in public issues.
 */
class UpdateExpressionTest {
    private static final Map<String, String> NO_NAMES = null;

    /** A case: the expression, its names and values, the item before, and the item after. */
    private static Arguments a(String display, String expression, Map<String, String> names, Map<String, Value> values,
                               Map<String, Value> before, Map<String, Value> after) {
        return Arguments.of(display, expression, names, values, before, after);
    }

    static Stream<Arguments> applications() {
        Map<String, Value> p = item("p", s("k"));
        Map<String, Value> deep = item("p", s("k"), "a", m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(5), n(7))), "q", n(2)))));
        return Stream.of(
                a("SET a top-level attribute (Alternator test_update_expression_set)", "SET b = :val1", NO_NAMES,
                        values(":val1", n(4)), p, item("p", s("k"), "b", n(4))),
                a("two SET actions (Alternator test_update_expression_set_multi)", "SET x = :val1, y = :val1", NO_NAMES,
                        values(":val1", n(4)), p, item("p", s("k"), "x", n(4), "y", n(4))),
                a("SET merges with the item (Alternator test_update_expression_set_merge)", "SET b = :val", NO_NAMES,
                        values(":val", s("hello")), item("p", s("k"), "a", s("hi")), item("p", s("k"), "a", s("hi"), "b", s("hello"))),
                a("SET copies an attribute (Alternator test_update_expression_set_copy)", "SET b = a", NO_NAMES, null,
                        item("a", s("hello")), item("a", s("hello"), "b", s("hello"))),
                a("SET a = a changes nothing (Alternator test_update_expression_set_copy)", "SET a = a", NO_NAMES, null,
                        item("a", s("hello")), item("a", s("hello"))),
                a("#names on both sides (Alternator test_update_expression_set_copy)", "SET #one = #two", names("#one", "c", "#two", "a"),
                        null, item("a", s("hello")), item("a", s("hello"), "c", s("hello"))),
                a("a read inside - (Alternator test_update_expression_set_nested_copy)", "SET #nn = :seven - #n",
                        names("#nn", "nn", "#n", "n"), values(":seven", n(7)), item("n", n(2)), item("n", n(2), "nn", n(5))),
                a("list_append of a value and an attribute (Alternator test_update_expression_set_nested_copy)",
                        "SET #nnnn = list_append(:val1, #nnn)", names("#nnnn", "nnnn", "#nnn", "nnn"),
                        values(":val1", l(n(1), n(3))), item("nnn", l(n(2), n(4))),
                        item("nnn", l(n(2), n(4)), "nnnn", l(n(1), n(3), n(2), n(4)))),
                a("REMOVE (Alternator test_update_expression_remove)", "REMOVE a", NO_NAMES, null,
                        item("p", s("k"), "a", s("hello"), "b", s("hi")), item("p", s("k"), "b", s("hi"))),
                a("clause keywords in any case (Alternator test_update_expression_action_case)", "sEt b = :val1", NO_NAMES,
                        values(":val1", n(5)), p, item("p", s("k"), "b", n(5))),
                a("whitespace is ignored (Alternator test_update_expression_action_whitespace)", "  set   b=:val1  ", NO_NAMES,
                        values(":val1", n(5)), p, item("p", s("k"), "b", n(5))),
                a("REMOVE then SET, no comma between clauses (Alternator test_update_expression_multi)", "REMOVE a SET b = :val2",
                        NO_NAMES, values(":val2", n(3)), item("a", n(1)), item("b", n(3))),
                a("SET then REMOVE (Alternator test_update_expression_multi)", "SET c = :val2 REMOVE b", NO_NAMES,
                        values(":val2", n(3)), item("b", n(3)), item("c", n(3))),
                a("several nested writes (Alternator test_update_expression_multi_nested)",
                        "SET a.b = :val1, a.c.d = :val2, b.x = :val3 REMOVE a.x, b.y", NO_NAMES,
                        values(":val1", n(10), ":val2", s("dog"), ":val3", n(17)),
                        item("a", m("x", n(3), "y", n(4), "c", m("y", n(3))), "b", m("x", n(1), "y", n(2))),
                        item("a", m("y", n(4), "b", n(10), "c", m("y", n(3), "d", s("dog"))), "b", m("x", n(17)))),
                a("values are read before REMOVE writes (Alternator test_update_expression_multi_with_copy)", "REMOVE a SET b = a",
                        NO_NAMES, null, item("a", s("hello")), item("b", s("hello"))),
                a("+ of two values (Alternator test_update_expression_plus_basic)", "SET b = :val1 + :val2", NO_NAMES,
                        values(":val1", n(4), ":val2", n(3)), p, item("p", s("k"), "b", n(7))),
                a("- of two values (Alternator test_update_expression_plus_basic)", "SET b = :val1 - :val2", NO_NAMES,
                        values(":val1", n(5), ":val2", n(2)), p, item("p", s("k"), "b", n(3))),
                a("+ reading the attribute (Alternator test_update_expression_plus_rmw)", "SET a = :val1 + a", NO_NAMES,
                        values(":val1", n(4)), item("a", n(5)), item("a", n(9))),
                a("+ of two attributes (Alternator test_update_expression_plus_rmw)", "SET a = b + a", NO_NAMES, null,
                        item("a", n(9), "b", n(10)), item("a", n(19), "b", n(10))),
                a("decimal arithmetic is exact (Developer Guide, Number)", "SET a = a - :v", NO_NAMES, values(":v", n("0.1")),
                        item("a", n("0.3")), item("a", n("0.2"))),
                a("list_append at the end (Alternator test_update_expression_list_append)", "SET a = list_append(a, :val1)", NO_NAMES,
                        values(":val1", l(n(4), s("hello"))), item("a", l(s("hi"), n(2))),
                        item("a", l(s("hi"), n(2), n(4), s("hello")))),
                a("list_append at the start (Alternator test_update_expression_list_append)", "SET a = list_append(:val1, a)", NO_NAMES,
                        values(":val1", l(s("dog"))), item("a", l(s("hi"))), item("a", l(s("dog"), s("hi")))),
                a("list_append of an empty list (Alternator test_update_expression_list_append_non_list_arguments)",
                        "SET a = list_append(b, :val1)", NO_NAMES, values(":val1", l(s("hi"))), item("b", l()),
                        item("b", l(), "a", l(s("hi")))),
                a("if_not_exists of a missing attribute (Alternator test_update_expression_if_not_exists)",
                        "SET a = if_not_exists(a, :val1)", NO_NAMES, values(":val1", n(2)), p, item("p", s("k"), "a", n(2))),
                a("if_not_exists of a present attribute (Alternator test_update_expression_if_not_exists)",
                        "SET a = if_not_exists(a, :val1)", NO_NAMES, values(":val1", n(3)), item("a", n(2)), item("a", n(2))),
                a("if_not_exists copies the other attribute (Alternator test_update_expression_if_not_exists)",
                        "SET b = if_not_exists(a, :val1)", NO_NAMES, values(":val1", n(6)), item("a", n(2), "b", n(5)),
                        item("a", n(2), "b", n(2))),
                a("if_not_exists then + (Alternator test_update_expression_function_plus_nesting)", "SET b = if_not_exists(b, :val1)+:val2",
                        NO_NAMES, values(":val1", n(2), ":val2", n(3)), p, item("p", s("k"), "b", n(5))),
                a("ADD done with SET (Alternator test_update_expression_set_implement_add)", "SET a = if_not_exists(a, :zero) + :val",
                        NO_NAMES, values(":zero", n(0), ":val", n(7)), p, item("p", s("k"), "a", n(7))),
                a("list_append of if_not_exists, a public idiom (dazn-lambda-powertools PR #251)",
                        "SET #assets = list_append(if_not_exists(#assets, :empty_list), :assets)", names("#assets", "assets"),
                        values(":empty_list", l(), ":assets", l(s("x"))), p, item("p", s("k"), "assets", l(s("x")))),
                a("ADD to a number (Alternator test_update_expression_add_numbers)", "ADD a :val1", NO_NAMES, values(":val1", n(4)),
                        item("a", n(3), "b", s("hi")), item("a", n(7), "b", s("hi"))),
                a("ADD a number to nothing starts at 0 (Alternator test_update_expression_add_numbers_new)", "ADD b :val1", NO_NAMES,
                        values(":val1", n(-8)), p, item("p", s("k"), "b", n(-8))),
                a("ADD to a set (Alternator test_update_expression_add_sets)", "ADD a :val1", NO_NAMES,
                        values(":val1", ss("coati", "beaver", "badger")), item("a", ss("beaver", "lynx", "coati")),
                        item("a", ss("beaver", "lynx", "coati", "badger"))),
                a("ADD a set to nothing (Alternator test_update_expression_add_sets_new)", "ADD b :val1", NO_NAMES,
                        values(":val1", ns("1.5")), p, item("p", s("k"), "b", ns("1.5"))),
                a("DELETE from a set (Alternator test_update_expression_delete_sets)", "DELETE a :val1", NO_NAMES,
                        values(":val1", ss("cat", "mouse")), item("a", ss("dog", "cat", "mouse"), "b", s("hi")),
                        item("a", ss("dog"), "b", s("hi"))),
                a("DELETE of an absent member (Alternator test_update_expression_delete_sets)", "DELETE a :val1", NO_NAMES,
                        values(":val1", ss("pig")), item("a", ss("dog")), item("a", ss("dog"))),
                a("DELETE of every member removes the set (Alternator test_update_expression_delete_sets)", "DELETE a :val1", NO_NAMES,
                        values(":val1", ns("1", "2.0")), item("a", ns("2", "1"), "b", s("hi")), item("b", s("hi"))),
                a("DELETE from nothing (Alternator test_update_expression_delete_sets)", "DELETE a :val1", NO_NAMES,
                        values(":val1", ss("dog")), item("b", s("hi")), item("b", s("hi"))),
                a("SET a nested attribute (Alternator test_update_expression_nested_attribute_dot)", "SET a.c = :val1", NO_NAMES,
                        values(":val1", n(7)), item("a", m("b", n(3), "c", n(4)), "d", n(5)), item("a", m("b", n(3), "c", n(7)), "d", n(5))),
                a("SET replaces a nested document (Alternator test_update_expression_nested_different_type)", "SET a.c = :val1",
                        NO_NAMES, values(":val1", n(7)), item("a", m("b", n(3), "c", m("one", n(1)))), item("a", m("b", n(3), "c", n(7)))),
                a("SET a list element (Alternator test_update_expression_nested_attribute_index)", "SET a[1] = :val1", NO_NAMES,
                        values(":val1", s("hello")), item("a", l(s("one"), s("two"), s("three"))),
                        item("a", l(s("one"), s("hello"), s("three")))),
                a("SET deep, with a #name (Alternator test_update_expression_nested_deep)", "SET a.c[1].#name.y[1] = :val1",
                        names("#name", "x"), values(":val1", n(9)), deep,
                        item("p", s("k"), "a", m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(9), n(7))), "q", n(2)))))),
                a("a deep path on the right (Alternator test_update_expression_nested_deep)", "SET a.z = a.c[1].#name.y[1]",
                        names("#name", "x"), null, deep,
                        item("p", s("k"), "a", m("b", n(3), "z", n(5), "c", l(s("hi"), m("x", m("y", l(n(3), n(5), n(7))), "q", n(2)))))),
                a("REMOVE nested attributes and elements (Alternator test_update_expression_nested_remove)",
                        "REMOVE a.c[1].x.y[1], a.c[1].q", NO_NAMES, null, deep,
                        item("p", s("k"), "a", m("b", n(3), "c", l(s("hi"), m("x", m("y", l(n(3), n(7)))))))),
                a("REMOVE past the end of a list (Alternator test_update_expression_nested_remove_list_item_after_end)",
                        "REMOVE a[17]", NO_NAMES, null, item("a", l(n(4), n(5), n(6))), item("a", l(n(4), n(5), n(6)))),
                a("REMOVE of missing leaves (Alternator test_nested_attribute_remove_missing_leaf)", "REMOVE a.y, b[7], c", NO_NAMES,
                        null, item("a", m("x", n(3)), "b", l(s("hi"))), item("a", m("x", n(3)), "b", l(s("hi")))),
                a("indexes name the list as it was (Alternator test_update_expression_nested_remove_list_item_original_number)",
                        "REMOVE a[1] SET a[3] = :val", NO_NAMES, values(":val", n(17)), item("a", l(n(2), n(3), n(4), n(5), n(6), n(7))),
                        item("a", l(n(2), n(4), n(17), n(6), n(7)))),
                a("the order of the clauses does not matter (Alternator test_update_expression_nested_remove_list_item_original_number)",
                        "SET a[3] = :val REMOVE a[1]", NO_NAMES, values(":val", n(17)), item("a", l(n(2), n(3), n(4), n(5), n(6), n(7))),
                        item("a", l(n(2), n(4), n(17), n(6), n(7)))),
                a("removing a map's only entry leaves {} (Alternator test_update_expression_nested_remove_singleton_map)",
                        "REMOVE a.b", NO_NAMES, null, item("a", m("b", n(1))), item("a", m())),
                a("removing a list's only element leaves [] (Alternator test_update_expression_nested_remove_singleton_list)",
                        "REMOVE a[0]", NO_NAMES, null, item("a", l(n(1))), item("a", l())),
                a("SET past the end appends (Alternator test_nested_attribute_update_array_out_of_bounds)", "SET a[7] = :val1",
                        NO_NAMES, values(":val1", s("hello")), item("a", l(s("one"), s("two"), s("three"))),
                        item("a", l(s("one"), s("two"), s("three"), s("hello")))),
                a("appends go in index order (Alternator test_nested_attribute_update_array_out_of_bounds)",
                        "SET a[84] = :val1, a[37] = :val2, a[17] = :val3, a[50] = :val4", NO_NAMES,
                        values(":val1", s("a1"), ":val2", s("a2"), ":val3", s("a3"), ":val4", s("a4")), item("a", l(s("one"))),
                        item("a", l(s("one"), s("a3"), s("a2"), s("a4"), s("a1")))),
                a("a #name with a dot is one attribute (Alternator test_update_expression_dot_in_name)", "SET #a = :val1",
                        names("#a", "a.b"), values(":val1", n(3)), p, item("p", s("k"), "a.b", n(3))),
                a("REMOVE of a nested path on no item is a no-op (Alternator test_nested_attribute_remove_from_missing_item)",
                        "REMOVE x.y, w[0]", NO_NAMES, null, Map.of(), Map.of()),
                a("parentheses and nested writes (dynalite test/updateItem.js 'should update nested attributes')",
                        "set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c", NO_NAMES, null,
                        item("a", s("key"), "b", m("a", n(1), "b", n(2), "c", n(3)), "c", l(n(1), n(3))),
                        item("a", s("key"), "b", m("a", s("key"), "b", n(2), "c", n(4)), "c", l(n(1), s("key"), n(3), n(-1)))),
                a("a parenthesised sum (dynalite test/updateItem.js, 'set a = (b + c)' not a syntax error)", "SET x = (n + :one)",
                        NO_NAMES, values(":one", n(1)), item("n", n(1)), item("n", n(1), "x", n(2))),
                a("empty lists, maps, strings and binaries are values (Alternator test_update_expression_empty_attribute)",
                        "SET d = :v1, e = :v2, f = :v3, g = :v4", NO_NAMES, values(":v1", l(), ":v2", m(), ":v3", s(""), ":v4", b()),
                        p, item("p", s("k"), "d", l(), "e", m(), "f", s(""), "g", b())),
                a("BOOL and NULL values (Developer Guide, data types)", "SET t = :t, z = :z", NO_NAMES,
                        values(":t", bool(false), ":z", nul()), p, item("p", s("k"), "t", bool(false), "z", nul())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applications")
    void applies(String display, String expression, Map<String, String> names, Map<String, Value> values, Map<String, Value> before,
                 Map<String, Value> after) {
        Update update = Expressions.update(expression, attrs(names, values));
        assertEquals(after, update.apply(before));
    }

    private static Arguments r(String display, String expression, Map<String, String> names, Map<String, Value> values,
                               Map<String, Value> item, String message) {
        return Arguments.of(display, expression, names, values, item, message);
    }

    static Stream<Arguments> refusals() {
        String invalid = "Invalid UpdateExpression: ";
        String syntax = invalid + "Syntax error; ";
        String wrongType = invalid + "Incorrect operand type for operator or function; ";
        String missing = "The provided expression refers to an attribute that does not exist in the item";
        String dataType = "An operand in the update expression has an incorrect data type";
        String path = "The document path provided in the update expression is invalid for update";
        Map<String, Value> v = values(":v", n(1), ":v1", n(1), ":v2", n(2), ":val1", n(1), ":val2", n(2), ":val3", n(3));
        Map<String, Value> bad = item("a", s("hello"), "b", l(s("hi")), "d", ns("1"), "c", n(1), "e", m("x", n(1)),
                "f", ss("x"));
        return Stream.of(
                // parse-time
                r("empty (dynalite test/updateItem.js)", "", null, null, null, invalid + "The expression can not be empty;"),
                r("a clause keyword first (Alternator test_update_expression_non_existent_clause)", "HELLO b = :val1", null, v, null,
                        syntax + "token: \"HELLO\", near: \"HELLO b\""),
                r("only two operands to + (Alternator test_update_expression_plus_basic)", "SET b = :val1 + :val2 + :val3", null, v,
                        null, syntax + "token: \"+\", near: \":val2 + :val3\""),
                r("no + inside a function (Alternator test_update_expression_function_plus_nesting)",
                        "SET c = if_not_exists(c, :val1+:val2)", null, v, null, syntax + "token: \"+\", near: \":val1+:val2\""),
                r("a bare name starts with a letter (Alternator test_update_expression_name_token)", "SET _123 = :val1", null, v, null,
                        syntax + "token: \"_\", near: \"SET _123\""),
                r("a bare name does not start with a digit (Alternator test_update_expression_name_token)", "SET 123a = :val1", null,
                        v, null, syntax + "token: \"123\", near: \"SET 123a\""),
                r("- splits a name (Alternator test_update_expression_name_token)", "SET hi-there = :val1", null, v, null,
                        syntax + "token: \"-\", near: \"hi-there\""),
                r("# alone is no name (Alternator test_update_expression_name_token)", "SET # = :val1", null, v, null,
                        syntax + "token: \"#\", near: \"SET # =\""),
                r(": alone is no value (Alternator test_update_expression_name_token)", "SET a = :", null, v, null,
                        syntax + "token: \":\", near: \"= :\""),
                r("a :value is no target (Alternator test_update_expression_name_token)", "SET :v = :v2", null, v, null,
                        syntax + "token: \":v\", near: \"SET :v =\""),
                r("a :value is no index (Alternator test_update_expression_nested_attribute_index_reference)", "SET a[:v] = :val1",
                        null, v, null, syntax + "token: \":v\", near: \"[:v]\""),
                r("a space after : (aws-cdk issue #7591, the message DynamoDB gave)", "ADD hits : incr", null, null, null,
                        syntax + "token: \":\", near: \"hits : incr\""),
                r("a clause with no action (error quoted in a public test)", "SET", null, null, null,
                        syntax + "token: \"<EOF>\", near: \"SET\""),
                r("a trailing comma (moto test_dynamodb.py, the message DynamoDB gives)", "SET a = :val1,", null, v, null,
                        syntax + "token: \"<EOF>\", near: \",\""),
                r("a quoted string (dynalite test/updateItem.js)", "set a[1] = \"eight\"", null, null, null,
                        syntax + "token: \"\"\", near: \"= \"eight\""),
                r("no / operator (dynalite test/updateItem.js)", "set a = b / c", null, null, null, syntax + "token: \"/\", near: \"b / c\""),
                r("a function is no target (dynalite test/updateItem.js)", "SET if_not_exist(a, b) = a", null, null, null,
                        syntax + "token: \"(\", near: \"if_not_exist(a\""),
                r("no parentheses around an action (dynalite test/updateItem.js)", "set (a = (b + c))", null, null, null,
                        syntax + "token: \"(\", near: \"set (a\""),
                r("a parenthesised path does not go on (dynalite test/updateItem.js)", "set a = (b.c).d + e", null, null, null,
                        syntax + "token: \".\", near: \").d\""),
                r("a number is no operand (dynalite test/updateItem.js)", "SET a = if_not_exist(a, 100)", null, null, null,
                        syntax + "token: \"100\", near: \", 100)\""),
                r("a function name starts with a letter (Alternator test_update_expression_unknown_function)", "SET a = _f(b,c,d)",
                        null, null, null, syntax + "token: \"_\", near: \"= _f\""),
                r("ADD needs a :value (dynalite test/updateItem.js)", "add a b", null, null, null, syntax + "token: \"b\", near: \"a b\""),
                r("a second SET clause (dynalite test/updateItem.js)", "SET a = :val1 SET b = :val2", null, v, null,
                        invalid + "The \"SET\" section can only be used once in an update expression;"),
                r("a repeated clause, even interleaved (dynalite test/updateItem.js)", "remove #d set a = b remove e", null, null, null,
                        invalid + "The \"REMOVE\" section can only be used once in an update expression;"),
                r("reserved word (dynalite test/updateItem.js)", " remove Absolute ", null, null, null,
                        invalid + "Attribute name is a reserved keyword; reserved keyword: Absolute"),
                r("reserved word before a repeated clause (dynalite test/updateItem.js)", " set #c = :c set abOrt = true ",
                        names("#a", "a"), values(":a", s("a")), null, invalid + "Attribute name is a reserved keyword; reserved keyword: abOrt"),
                r("undefined name (dynalite test/updateItem.js)", "SET #c = if_not_exists(:c)", names("#a", "a", "#b", "b"),
                        values(":a", s("a")), null,
                        invalid + "An expression attribute name used in the document path is not defined; attribute name: #c"),
                r("undefined value (dynalite test/updateItem.js)", "SET #a = if_not_exists(:c)", names("#a", "a", "#b", "b"),
                        values(":a", s("a")), null,
                        invalid + "An expression attribute value used in expression is not defined; attribute value: :c"),
                r("SET and REMOVE of one path (Alternator test_update_expression_multi_overlap)", "SET a = :v REMOVE a", null, v, null,
                        invalid + "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                                + "path one: [a], path two: [a]"),
                r("two #names for one path (Alternator test_update_expression_multi_overlap)", "SET #a1 = :v1, #a2 = :v2",
                        names("#a1", "a", "#a2", "a"), v, null, invalid + "Two document paths overlap with each other; must remove or "
                                + "rewrite one of these paths; path one: [a], path two: [a]"),
                r("a path inside another (Alternator test_update_expression_multi_overlap_nested)", "SET a[1] = :val1, a = :val2",
                        null, v, null, invalid + "Two document paths overlap with each other; must remove or rewrite one of these "
                                + "paths; path one: [a, [1]], path two: [a]"),
                r("overlap shown with names as written (dynalite test/updateItem.js)", "set #c[3].#d = a, #c[3] = a",
                        names("#c", "c", "#d", "[3]"), null, null, invalid + "Two document paths overlap with each other; must remove or "
                                + "rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3]]"),
                r("a name and an index at one place conflict (Alternator test_update_expression_multi_conflict_nested)",
                        "SET a.b = :val1, a[1] = :val2", null, v, null, invalid + "Two document paths conflict with each other; must "
                                + "remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]"),
                r("conflict across clauses (dynalite test/updateItem.js)", "remove a.#c set a[1] = #d",
                        names("#c", "c", "#d", "[3]"), null, null, invalid + "Two document paths conflict with each other; must remove "
                                + "or rewrite one of these paths; path one: [a, c], path two: [a, [1]]"),
                r("ADD's operand type before a function's (dynalite test/updateItem.js)",
                        "set b = list_append(:a, a), c = if_not_exists(a) add a.b :a", null, values(":a", s("a")), null,
                        wrongType + "operator: ADD, operand type: STRING"),
                r("ADD of a list (Alternator test_update_expression_add_lists)", "ADD a :val1", null, values(":val1", l(n(3))), null,
                        wrongType + "operator: ADD, operand type: LIST"),
                r("ADD of a BOOL (dynalite test/updateItem.js)", "ADD a :val1", null, values(":val1", bool(false)), null,
                        wrongType + "operator: ADD, operand type: BOOLEAN"),
                r("DELETE of a number (dynalite test/updateItem.js)", "DELETE a :val1", null, values(":val1", n(1)), null,
                        wrongType + "operator: DELETE, operand type: NUMBER"),
                r("DELETE of a map (dynalite test/updateItem.js)", "DELETE a :val1", null, values(":val1", m()), null,
                        wrongType + "operator: DELETE, operand type: MAP"),
                r("DELETE of NULL (dynalite test/updateItem.js)", "DELETE a :val1", null, values(":val1", nul()), null,
                        wrongType + "operator: DELETE, operand type: NULL"),
                r("ADD of a binary (dynalite test/updateItem.js)", "ADD a :val1", null, values(":val1", b(1)), null,
                        wrongType + "operator: ADD, operand type: BINARY"),
                r("list_append of a string (dynalite test/updateItem.js)", "set a = list_append(:a, a)", null, values(":a", s("a")),
                        null, wrongType + "operator or function: list_append, operand type: S"),
                r("+ of a map (dynalite test/updateItem.js)", "set a = a + :i", null, values(":i", m()), null,
                        wrongType + "operator or function: +, operand type: M"),
                r("- of a binary (dynalite test/updateItem.js)", "set a = :c - a", null, values(":c", b(1)), null,
                        wrongType + "operator or function: -, operand type: B"),
                r("if_not_exists with one operand (dynalite test/updateItem.js)", "set a = if_not_exists(c)", null, null, null,
                        invalid + "Incorrect number of operands for operator or function; operator or function: if_not_exists, "
                                + "number of operands: 1"),
                r("list_append with three operands (Alternator test_update_expression_list_append_basic)",
                        "SET a = list_append(:val1, :val2, :val3)", null, values(":val1", l(), ":val2", l(), ":val3", l()), null,
                        invalid + "Incorrect number of operands for operator or function; operator or function: list_append, "
                                + "number of operands: 3"),
                r("if_not_exists of a :value (dynalite test/updateItem.js)", "set a = if_not_exists(:a, c)", null,
                        values(":a", s("a")), null, invalid + "Operator or function requires a document path; operator or function: "
                                + "if_not_exists"),
                r("if_not_exists of an if_not_exists (dynalite test/updateItem.js)", "set a = if_not_exists(if_not_exists(a, b), c)",
                        null, null, null, invalid + "Operator or function requires a document path; operator or function: if_not_exists"),
                r("list_append of list_append (Alternator test_update_expression_function_nesting)",
                        "SET a = list_append(list_append(:val1, :val2), :val3)", null, values(":val1", l(), ":val2", l(), ":val3", l()),
                        null, invalid + "The function is not allowed to be used this way in an expression; function: list_append"),
                r("function names are case-sensitive (Alternator test_update_expression_list_append_basic)",
                        "SET a = LIST_APPEND(:val1, :val2)", null, values(":val1", l(), ":val2", l()), null,
                        invalid + "Invalid function name; function: LIST_APPEND"),
                r("unknown function (Alternator test_update_expression_unknown_function)", "SET a = f123_hi(b,c,d)", null, null, null,
                        invalid + "Invalid function name; function: f123_hi"),
                r("a condition function in SET (dynalite updateParser.pegjs)", "SET a = size(b)", null, null, null,
                        invalid + "Invalid function name; function: size"),
                r("list index out of range (Alternator test_projection_expression_list_index, same rule)", "SET a[99999999999999] = :v",
                        null, v, null, invalid + "List index is not within the allowable range; index: [99999999999999]"),
                // run-time, against an item
                r("SET from a missing attribute (Alternator test_update_expression_set_copy)", "SET c = z", null, null, bad, missing),
                r("SET from a missing attribute on no item (Alternator test_update_expression_set_copy)", "SET c = z", null, null,
                        Map.of(), missing),
                r("values are read before writes (Alternator test_update_expression_set_copy)", "SET x = :val1, y = x", null, v, bad,
                        missing),
                r("+ of a missing attribute (Alternator test_update_expression_set_implement_add)", "SET z = z + :v", null, v, bad,
                        missing),
                r("list_append of missing attributes (dynalite test/updateItem.js)", "set e = list_append(q, z)", null, null, bad,
                        missing),
                r("+ of a string attribute (dynalite test/updateItem.js)", "set e = a + :v", null, v, bad, dataType),
                r("list_append of a number attribute (Alternator test_update_expression_list_append_non_list_arguments)",
                        "SET z = list_append(:val1, c)", null, values(":val1", l()), bad, dataType),
                r("list_append of if_not_exists of a set (dynalite test/updateItem.js)", "set e = list_append(d, if_not_exists(z, :a))",
                        null, values(":a", l()), bad, dataType),
                r("ADD to a string (Alternator test_update_expression_add_numbers)", "ADD a :v", null, v, bad, dataType),
                r("ADD a set to a list (Alternator test_update_expression_add_lists)", "ADD b :s", null, values(":s", ns("3")), bad,
                        dataType),
                r("ADD a NS to a SS (dynalite test/updateItem.js)", "ADD f :s", null, values(":s", ns("1")), bad, dataType),
                r("ADD a number to a NS (dynalite test/updateItem.js)", "ADD d :v", null, v, bad, dataType),
                r("DELETE a SS from a NS (dynalite test/updateItem.js)", "DELETE d :s", null, values(":s", ss("1")), bad, dataType),
                r("DELETE from a number (dynalite test/updateItem.js)", "DELETE c :s", null, values(":s", ns("1")), bad, dataType),
                r("SET in a string (Alternator test_nested_attribute_update_bad_path_dot)", "SET a.c = :v", null, v, bad, path),
                r("SET in a list by name (Alternator test_nested_attribute_update_bad_path_dot)", "SET b.c = :v", null, v, bad, path),
                r("SET in a missing attribute (Alternator test_nested_attribute_update_bad_path_dot)", "SET y.c = :v", null, v, bad, path),
                r("SET in a missing attribute of no item (dynalite test/updateItem.js)", "set b.a = :v", null, v, Map.of(), path),
                r("SET by index in a string (Alternator test_nested_attribute_update_bad_path_array)", "SET a[0] = :v", null, v, bad, path),
                r("SET by index in a map (dynalite test/updateItem.js)", "set e[1] = :v", null, v, bad, path),
                r("REMOVE in a string (Alternator test_nested_attribute_update_bad_path_dot)", "REMOVE a.c", null, null, bad, path),
                r("REMOVE in a missing attribute (Alternator test_nested_attribute_update_bad_path_dot)", "REMOVE y.c", null, null, bad,
                        path),
                r("REMOVE by index in a missing attribute (Alternator test_nested_attribute_update_bad_path_array)", "REMOVE y[0]", null,
                        null, bad, path),
                r("a sum past the number range (Developer Guide, Number; the range Numbers checks)", "SET c = c + :big", null,
                        values(":big", n("9.9999999999999999999999999999999999999E+125")), item("c", n("9E+125")),
                        "Number overflow. Attempting to store a number with magnitude larger than supported range"),
                r("an ADD past 38 digits (Developer Guide, Number)", "ADD c :small", null, values(":small", n("0.1")),
                        item("c", n("1E+37")), "Attempting to store more than 38 significant digits in a Number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String display, String expression, Map<String, String> names, Map<String, Value> values, Map<String, Value> item,
                 String message) {
        assertEquals(message, invalid(() -> Expressions.update(expression, attrs(names, values)).apply(item == null ? Map.of() : item)));
    }

    @Test
    @DisplayName("targets() lists every path written, in order (this engine's contract, for key-attribute checks)")
    void targets() {
        Update update = Expressions.update("SET a.b = :v, c[1] = :v REMOVE #d ADD e :v DELETE f :s",
                attrs(names("#d", "d.x"), values(":v", n(1), ":s", ss("x"))));
        assertEquals(List.of("a.b", "c[1]", "d.x", "e", "f"), text(update.targets()));
        assertEquals(List.of("d.x"), update.targets().get(2).elements());
    }

    @Test
    @DisplayName("apply returns a new item and leaves the old one alone (this engine's contract)")
    void leavesTheItemAlone() {
        Map<String, Value> before = item("a", m("b", l(n(1), n(2)), "c", n(3)), "d", ss("x"));
        Map<String, Value> copy = item("a", m("b", l(n(1), n(2)), "c", n(3)), "d", ss("x"));
        Map<String, Value> after = Expressions.update("SET a.b[0] = :v REMOVE a.c ADD d :s",
                attrs(values(":v", n(9), ":s", ss("y")))).apply(before);
        assertEquals(copy, before);
        assertEquals(item("a", m("b", l(n(9), n(2))), "d", ss("x", "y")), after);
    }

    @Test
    @DisplayName("ADD and DELETE reach nested attributes (dynalite test/updateItem.js \"should update nested attributes\"; "
            + "Alternator test_update_condition_eq_nested_set — both run against DynamoDB)")
    void nestedAddAndDelete() {
        Map<String, Value> before = item("a", m("n", n(1), "s", ss("x", "y")));
        Map<String, Value> after = Expressions.update("ADD a.n :one DELETE a.s :x",
                attrs(values(":one", n(2), ":x", ss("x")))).apply(before);
        assertEquals(item("a", m("n", n(3), "s", ss("y"))), after);
    }
}
