package dev.stratus.local.dynamodb.internal.expr;

import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.attrs;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.invalid;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.item;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.l;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.m;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.n;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.names;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.s;
import static dev.stratus.local.dynamodb.internal.expr.ExprSupport.text;
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
 * ProjectionExpression: parsed and applied directly. Sources: the Developer Guide ("Using
 * projection expressions", "Document paths"), ScyllaDB Alternator's test_projection_expression.py
 * and test_limits.py (run against DynamoDB), dynalite's test/getItem.js (recorded from DynamoDB).
 */
class ProjectionExpressionTest {
    static final Map<String, Value> ITEM = item("p", s("k"), "a", m("b", l(n(2), n(4), m("x", s("hi"), "y", s("yo"))), "c", n(5)),
            "b", s("hello"));

    private static Arguments p(String display, String expression, Map<String, String> names, Map<String, Value> expected) {
        return Arguments.of(display, expression, names, ITEM, expected);
    }

    static Stream<Arguments> projections() {
        Value full = ITEM.get("a");
        Map<String, Value> dynalite = item("a", s("key"), "b", m("a", s("a"), "b", s("b"), "c", s("c")), "c", l(s("a"), s("b"), s("c")));
        Map<String, Value> dotted = item("a.b", s("hi"), "a", m("b", s("yo"), "c", s("jo")));
        return Stream.of(
                p("a top-level attribute (Alternator test_projection_expression_path)", "a", null, item("a", full)),
                p("a #name (Alternator test_projection_expression_toplevel_syntax)", "#name", names("#name", "a"), item("a", full)),
                p("two attributes (Alternator test_projection_expression_toplevel_syntax)", "a,b", null, item("a", full, "b", s("hello"))),
                p("whitespace (Alternator test_projection_expression_toplevel_syntax)", " a  ,   b  ", null,
                        item("a", full, "b", s("hello"))),
                p("a nested attribute keeps its map (Alternator test_projection_expression_path)", "a.b", null,
                        item("a", m("b", l(n(2), n(4), m("x", s("hi"), "y", s("yo")))))),
                p("a list element is a one-element list (Alternator test_projection_expression_path)", "a.b[0]", null,
                        item("a", m("b", l(n(2))))),
                p("a path through a list element (Alternator test_projection_expression_path)", "a.b[2].y", null,
                        item("a", m("b", l(m("y", s("yo")))))),
                p("a missing attribute (Alternator test_projection_expression_path)", "x", null, item()),
                p("past the end of a list (Alternator test_projection_expression_path)", "a.b[3]", null, item()),
                p("a missing map entry (Alternator test_projection_expression_path)", "a.x", null, item()),
                p("under a missing map entry (Alternator test_projection_expression_path)", "a.x.y", null, item()),
                p("a list read as a map (Alternator test_projection_expression_path)", "a.b.x", null, item()),
                p("a map read as a list (Alternator test_projection_expression_path)", "a[0]", null, item()),
                p("a number read as a map (Alternator test_projection_expression_path)", "a.b[0].x", null, item()),
                p("a number read as a list (Alternator test_projection_expression_path)", "a.b[0][0]", null, item()),
                p("two elements merge (Alternator test_projection_expression_path)", "a.b[0],a.b[1]", null,
                        item("a", m("b", l(n(2), n(4))))),
                p("an element and an entry merge (Alternator test_projection_expression_path)", "a.b[0],a.c", null,
                        item("a", m("b", l(n(2)), "c", n(5)))),
                p("nested and top-level (Alternator test_projection_expression_path)", "a.c,b", null, item("a", m("c", n(5)), "b", s("hello"))),
                p("missing paths are left out (Alternator test_projection_expression_path)", "a.x, a.b[0], x, a.b[3].x", null,
                        item("a", m("b", l(n(2))))),
                p("elements come in index order (dynalite test/getItem.js 'should only return requested nested attributes')",
                        "a.b[1],a.b[0]", null, item("a", m("b", l(n(2), n(4))))),
                Arguments.of("several entries and elements (dynalite test/getItem.js 'should only return requested nested attributes')",
                        "b.c,c[2],b.b,c[1],c[0].a", null, dynalite, item("b", m("b", s("b"), "c", s("c")), "c", l(s("b"), s("c")))),
                Arguments.of("the same with #names (dynalite test/getItem.js)", "#b.#c,#c[2],#b.#b,#c[1],#c[0][1]",
                        names("#b", "b", "#c", "c"), dynalite, item("b", m("b", s("b"), "c", s("c")), "c", l(s("b"), s("c")))),
                p("#names in a path (Alternator test_projection_expression_path_references)", "#n1.#n2", names("#n1", "a", "#n2", "c"),
                        item("a", m("c", n(5)))),
                Arguments.of("a dot in a path is a step (Alternator test_projection_expression_path_dot)", "a.b", null, dotted,
                        item("a", m("b", s("yo")))),
                Arguments.of("a dot in a #name is part of the name (Alternator test_projection_expression_path_dot)", "#name",
                        names("#name", "a.b"), dotted, item("a.b", s("hi"))),
                Arguments.of("no item projects to nothing (this engine's contract)", "a", null, null, item()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void projects(String display, String expression, Map<String, String> names, Map<String, Value> item, Map<String, Value> expected) {
        assertEquals(expected, Expressions.projection(expression, attrs(names, null)).apply(item));
    }

    static Stream<Arguments> refusals() {
        String invalid = "Invalid ProjectionExpression: ";
        String syntax = invalid + "Syntax error; ";
        String overlap = invalid + "Two document paths overlap with each other; must remove or rewrite one of these paths; ";
        String conflict = invalid + "Two document paths conflict with each other; must remove or rewrite one of these paths; ";
        return Stream.of(
                Arguments.of("empty (dynalite test/getItem.js)", "", null, invalid + "The expression can not be empty;"),
                Arguments.of("the same attribute twice (Alternator test_projection_expression_toplevel_syntax)", "a,a", null,
                        overlap + "path one: [a], path two: [a]"),
                Arguments.of("an attribute and a path in it (Alternator test_projection_expression_path_overlap)", "a.b, a", null,
                        overlap + "path one: [a, b], path two: [a]"),
                Arguments.of("a path and a longer one (Alternator test_projection_expression_path_overlap)", "a.b, a.b[2]", null,
                        overlap + "path one: [a, b], path two: [a, b, [2]]"),
                Arguments.of("the same element twice (Alternator test_projection_expression_path_overlap)", "a[1], a[1]", null,
                        overlap + "path one: [a, [1]], path two: [a, [1]]"),
                Arguments.of("overlap is reported before conflict (dynalite test/getItem.js)", "b[1], b.a, #a.b, a", names("#a", "a"),
                        overlap + "path one: [a, b], path two: [a]"),
                Arguments.of("a name and an index at one place (Alternator test_projection_expression_path_conflict)", "a.b, a[1]",
                        null, conflict + "path one: [a, b], path two: [a, [1]]"),
                Arguments.of("conflict shown with names as written (dynalite test/getItem.js)", "a.b[1], #a[1], #b",
                        names("#a", "a", "#b", "[3]"), conflict + "path one: [a, b, [1]], path two: [a, [1]]"),
                Arguments.of("a trailing comma (Alternator test_projection_expression_toplevel_syntax)", "a,", null,
                        syntax + "token: \"<EOF>\", near: \",\""),
                Arguments.of("a leading comma (Alternator test_projection_expression_toplevel_syntax)", ",a", null,
                        syntax + "token: \",\", near: \",a\""),
                Arguments.of("two commas (Alternator test_projection_expression_toplevel_syntax)", "a,,b", null,
                        syntax + "token: \",\", near: \",,b\""),
                Arguments.of("two dots (dynalite test/getItem.js)", "a..b", null, syntax + "token: \".\", near: \"..b\""),
                Arguments.of("a name as an index (dynalite test/getItem.js)", "a[b]", null, syntax + "token: \"b\", near: \"[b]\""),
                Arguments.of("parentheses (dynalite test/getItem.js)", "(a)", null, syntax + "token: \"(\", near: \"(a\""),
                Arguments.of("a function (dynalite test/getItem.js)", "whatever(stuff)", null,
                        syntax + "token: \"(\", near: \"whatever(stuff\""),
                Arguments.of("a :value (dynalite test/getItem.js)", ":a", null, syntax + "token: \":a\", near: \":a\""),
                Arguments.of("- is no part of a name (dynalite test/getItem.js)", "a-b", null, syntax + "token: \"-\", near: \"a-b\""),
                Arguments.of("a negative index (Alternator test_projection_expression_list_index)", "a[-1]", null,
                        syntax + "token: \"-\", near: \"[-1\""),
                Arguments.of("an empty index (Alternator test_projection_expression_list_index)", "a[]", null,
                        syntax + "token: \"]\", near: \"[]\""),
                Arguments.of("a syntax error before a reserved word (dynalite test/getItem.js)", "abort,", null,
                        syntax + "token: \"<EOF>\", near: \",\""),
                Arguments.of("a reserved word in a path (dynalite test/getItem.js)", "a.abORt", null,
                        invalid + "Attribute name is a reserved keyword; reserved keyword: abORt"),
                Arguments.of("a reserved word after a #name (dynalite test/getItem.js)", "#a,ABSoLUTE", names("#a", "a"),
                        invalid + "Attribute name is a reserved keyword; reserved keyword: ABSoLUTE"),
                Arguments.of("an undefined name before an overlap (dynalite test/getItem.js)", "a,b,a,#a", null,
                        invalid + "An expression attribute name used in the document path is not defined; attribute name: #a"),
                Arguments.of("33 levels (Alternator test_projection_expression_path_nesting_levels)", "a" + ".b".repeat(32), null,
                        invalid + "The document path has too many nesting levels; nesting levels: 33"),
                Arguments.of("an index too large (Alternator test_projection_expression_list_index)", "a[99999999999999]", null,
                        invalid + "List index is not within the allowable range; index: [99999999999999]"),
                Arguments.of("more than 4 KB (Alternator test_limits.py test_limit_expression_len)", "x".repeat(4097), null,
                        invalid + "Expression size has exceeded the maximum allowed size; expression size: 4097"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String display, String expression, Map<String, String> names, String message) {
        assertEquals(message, invalid(() -> Expressions.projection(expression, attrs(names, null))));
    }

    @Test
    @DisplayName("paths that share a prefix do not overlap (Alternator test_projection_expression_path_overlap/_conflict)")
    void sharedPrefixes() {
        for (String expression : List.of("a, b", "a.b, a.c", "a.b.d, a.b.e", "a[1], a[2]", "a.b, a.c[2]", "a.b, a.c[1]")) {
            assertEquals(2, Expressions.projection(expression, ExprSupport.none()).paths().size(), expression);
        }
    }

    @Test
    @DisplayName("paths() in the order given, 32 levels allowed, 4 KB allowed (Developer Guide; Alternator test_limits.py)")
    void pathsAndLimits() {
        Projection projection = Expressions.projection("b, #a.c[2], a" + ".b".repeat(31), attrs(names("#a", "x"), null));
        assertEquals(List.of("b", "x.c[2]", "a" + ".b".repeat(31)), text(projection.paths()));
        assertEquals(32, projection.paths().get(2).elements().size());
        assertEquals(List.of("x".repeat(4096)), text(Expressions.projection("x".repeat(4096), ExprSupport.none()).paths()));
        assertEquals(List.of("a[2147483647]"), text(Expressions.projection("a[2147483647]", ExprSupport.none()).paths()));
    }
}
