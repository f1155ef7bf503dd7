package dev.stratus.local.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The intrinsic functions of the specification's Appendix B and the Developer Guide's "Intrinsic
 * functions" page, each with the documented example; failures are {@code States.Runtime}.
 */
class IntrinsicFunctionsTest {
    private static Execution evaluate(String expression, String input) {
        String asl = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Parameters\": {\"r.$\": "
                + Json.write(Json.NODES.textNode(expression)) + "}, \"End\": true}}}";
        return StateMachineExecutor.create(Asl.load(asl)).start(input);
    }

    private static JsonNode value(String expression, String input) {
        Execution execution = evaluate(expression, input);
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        return execution.output().get("r");
    }

    private static String failure(String expression, String input) {
        Execution execution = evaluate(expression, input);
        assertEquals("States.Runtime", execution.error(), execution::toString);
        return execution.cause();
    }

    @Test
    @Source("ASL spec Appendix B: States.Format — {} replaced positionally; Developer Guide: escaped \\{ \\} are literal braces")
    void format() {
        assertEquals("Your name is Foo, we are in the year 2020",
                value("States.Format('Your name is {}, we are in the year {}', $.name, 2020)", "{\"name\": \"Foo\"}").asText());
        assertEquals("Hello, my name is Arnav.",
                value("States.Format($.template, $.name)", "{\"name\": \"Arnav\", \"template\": \"Hello, my name is {}.\"}").asText());
        assertEquals("Welcome to Ada Lovelace's playlist.",
                value("States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
                        "{\"firstName\": \"Ada\", \"lastName\": \"Lovelace\"}").asText());
        assertEquals("escaped {} and true null 1.5", value("States.Format('escaped \\{\\} and {} {} {}', $.t, $.n, $.f)",
                "{\"t\": true, \"n\": null, \"f\": 1.5}").asText());
        assertTrue(failure("States.Format('{} and {}', $.a)", "{\"a\": 1}").contains("placeholder"));
        assertTrue(failure("States.Format('{}', $.o)", "{\"o\": {\"x\": 1}}").contains("only strings, numbers, booleans and null"));
    }

    @Test
    @Source("ASL spec Appendix B: States.StringToJson and States.JsonToString, with the specification's examples")
    void stringToJsonAndJsonToString() {
        assertEquals(Asl.json("{\"number\": 20}"), value("States.StringToJson($.someString)", "{\"someString\": \"{\\\"number\\\": 20}\"}"));
        assertEquals("{\"name\":\"Foo\",\"year\":2020}",
                value("States.JsonToString($.someJson)", "{\"someJson\": {\"name\": \"Foo\", \"year\": 2020}}").asText());
        assertTrue(failure("States.StringToJson($.s)", "{\"s\": \"{not json\"}").contains("not JSON"));
    }

    @Test
    @Source("ASL spec Appendix B: States.Array — \"States.Array('Foo', 2020, $.someJson, null)\"")
    void array() {
        assertEquals(Asl.json("[\"Foo\", 2020, {\"random\": \"abcdefg\"}, null]"),
                value("States.Array('Foo', 2020, $.someJson, null)", "{\"someJson\": {\"random\": \"abcdefg\"}, \"zebra\": \"stripe\"}"));
        assertEquals(Asl.json("[]"), value("States.Array()", "{}"));
    }

    @Test
    @Source("ASL spec Appendix B: States.ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique with their examples")
    void arrays() {
        String nine = "{\"inputArray\": [1,2,3,4,5,6,7,8,9], \"lookingFor\": 5, \"index\": 5}";
        assertEquals(Asl.json("[[1,2,3,4],[5,6,7,8],[9]]"), value("States.ArrayPartition($.inputArray,4)", nine));
        assertEquals(Asl.json("true"), value("States.ArrayContains($.inputArray, $.lookingFor)", nine));
        assertEquals(Asl.json("false"), value("States.ArrayContains($.inputArray, 10)", nine));
        assertEquals(Asl.json("[1,3,5,7,9]"), value("States.ArrayRange(1, 9, 2)", nine));
        assertEquals(Asl.json("[5,4,3]"), value("States.ArrayRange(5, 3, -1)", nine));
        assertEquals(Asl.json("6"), value("States.ArrayGetItem($.inputArray, $.index)", nine));
        assertEquals(Asl.json("9"), value("States.ArrayLength($.inputArray)", nine));
        assertEquals(Asl.json("[1,2,3,4]"), value("States.ArrayUnique($.a)", "{\"a\": [1,2,3,3,3,3,3,3,4]}"));
        assertEquals(Asl.json("[{\"a\": 1}, 1]"), value("States.ArrayUnique($.a)", "{\"a\": [{\"a\": 1}, 1, {\"a\": 1}, 1.0]}"));

        assertTrue(failure("States.ArrayPartition($.inputArray, 0)", nine).contains("positive integer"));
        assertTrue(failure("States.ArrayRange(1, 9, 0)", nine).contains("must not be zero"));
        assertTrue(failure("States.ArrayRange(1, 2000, 1)", nine).contains("more than 1000"));
        assertTrue(failure("States.ArrayGetItem($.inputArray, 9)", nine).contains("out of bounds"));
        assertTrue(failure("States.ArrayLength($.lookingFor)", nine).contains("must be an array"));
    }

    @Test
    @Source("ASL spec Appendix B: States.Base64Encode and States.Base64Decode — \"Data to encode\" is RGF0YSB0byBlbmNvZGU=; 10,000 characters at most")
    void base64() {
        assertEquals("RGF0YSB0byBlbmNvZGU=", value("States.Base64Encode($.input)", "{\"input\": \"Data to encode\"}").asText());
        assertEquals("Data to encode", value("States.Base64Decode($.base64)", "{\"base64\": \"RGF0YSB0byBlbmNvZGU=\"}").asText());
        assertTrue(failure("States.Base64Encode($.s)", "{\"s\": \"" + "x".repeat(10_001) + "\"}").contains("10000"));
        assertTrue(failure("States.Base64Decode($.s)", "{\"s\": \"%%%\"}").contains("not Base64"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // The specification prints SHA-1 "input data" as aaff4a450a104cd177d28d18d7485e8cae074b7, one digit short
        // of the 40 every SHA-1 has; this is the digest of those bytes.
        "SHA-1, aaff4a450a104cd177d28d18d74485e8cae074b7",
        "MD5, 812f45842bc6d66ee14572ce20db8e86",
        "SHA-256, b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"})
    @Source("ASL spec Appendix B: States.Hash — the \"input data\" example; algorithms MD5, SHA-1, SHA-256, SHA-384, SHA-512")
    void hash(String algorithm, String digest) {
        assertEquals(digest, value("States.Hash($.Data, $.Algorithm)",
                "{\"Data\": \"input data\", \"Algorithm\": \"" + algorithm + "\"}").asText());
    }

    @Test
    @Source("ASL spec Appendix B: States.Hash accepts the five algorithms only, SHA-384 and SHA-512 included")
    void hashAlgorithms() {
        assertEquals(96, value("States.Hash('input data', 'SHA-384')", "{}").asText().length());
        assertEquals(128, value("States.Hash('input data', 'SHA-512')", "{}").asText().length());
        assertTrue(failure("States.Hash('input data', 'SHA-3')", "{}").contains("MD5, SHA-1, SHA-256, SHA-384, SHA-512"));
    }

    @Test
    @Source("ASL spec Appendix B: States.JsonMerge shallow mode — json2's a replaces json1's; Developer Guide: Step Functions supports only the shallow mode")
    void jsonMerge() {
        String input = "{\"json1\": {\"a\": {\"a1\": 1, \"a2\": 2}, \"b\": 2}, \"json2\": {\"a\": {\"a3\": 1, \"a4\": 2}, \"c\": 3}}";
        assertEquals(Asl.json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"),
                value("States.JsonMerge($.json1, $.json2, false)", input));
        assertTrue(failure("States.JsonMerge($.json1, $.json2, true)", input).contains("shallow"));
    }

    @Test
    @Source("ASL spec Appendix B: States.MathRandom — between start and end; the same seed produces the same result")
    void mathRandom() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String asl = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Parameters\": {\"r.$\": \"States.MathRandom($.start, $.end)\"}, \"End\": true}}}";
            long n = StateMachineExecutor.builder(Asl.load(asl)).seed(i).build().start("{\"start\": 1, \"end\": 999}").output().get("r").asLong();
            assertTrue(n >= 1 && n < 999, "random " + n + " outside [1, 999)");
            seen.add(n);
        }
        assertTrue(seen.size() > 40, "50 seeds gave only " + seen.size() + " values");
        assertEquals(value("States.MathRandom(1, 999, 42)", "{}"), value("States.MathRandom(1, 999, 42)", "{}"));
        assertNotEquals(value("States.MathRandom(1, 1000000, 42)", "{}"), value("States.MathRandom(1, 1000000, 43)", "{}"));
        assertTrue(failure("States.MathRandom(5, 5)", "{}").contains("greater than the start"));
    }

    @Test
    @Source("ASL spec Appendix B: States.MathAdd — subtracting one from 111; all arguments must be integers")
    void mathAdd() {
        assertEquals(Asl.json("110"), value("States.MathAdd($.value1, $.step)", "{\"value1\": 111, \"step\": -1}"));
        assertTrue(failure("States.MathAdd($.x, 1)", "{\"x\": 1.5}").contains("integer"));
    }

    @Test
    @Source("ASL spec Appendix B: States.StringSplit — \"1,2,3,4,5\" by \",\"; Developer Guide: every character of the second argument delimits")
    void stringSplit() {
        assertEquals(Asl.json("[\"1\",\"2\",\"3\",\"4\",\"5\"]"),
                value("States.StringSplit($.inputString, $.splitter)", "{\"inputString\": \"1,2,3,4,5\", \"splitter\": \",\"}"));
        assertEquals(Asl.json("[\"This\",\"is\",\"a\",\"test\",\"string\"]"),
                value("States.StringSplit('This.is+a,test=string', '.+,=')", "{}"));
    }

    @Test
    @Source("ASL spec Appendix B: States.UUID — a version 4 UUID; Developer Guide: up to 10 nested intrinsic functions in a field")
    void uuidAndNesting() {
        assertTrue(value("States.UUID()", "{}").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        // The Developer Guide's example of nine nested functions (the most it shows; ten are allowed).
        assertEquals("1.0", value("States.Format('{}.{}', "
                + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), "
                + "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))",
                "{\"ImageRecipe\": {\"Arn\": \"arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/image.recipe/1.0.0\"}}").asText());
    }

    @Test
    @Source("ASL spec: Intrinsic Functions — names, argument counts and escapes are checked; an open escape is an error; at most 10 functions per field")
    void malformedIntrinsicsAreRefusedWhenTheDefinitionLoads() {
        for (String bad : new String[] {
                "States.Nope($.a)", "States.ArrayLength($.a, $.b)", "States.Format('open \\x escape')", "States.Format('unterminated)",
                "States.UUID(", "States.MathAdd(1, 2) trailing",
                "States.Array(" + "States.Array(".repeat(10) + ")".repeat(11)}) {
            String asl = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Parameters\": {\"r.$\": "
                    + Json.write(Json.NODES.textNode(bad)) + "}, \"End\": true}}}";
            InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> StateMachineDefinition.fromJson(asl), bad);
            assertTrue(e.getMessage().contains("State 'P' Parameters field 'r.$'"), e.getMessage());
        }
    }

    @Test
    @Source("ASL spec: Intrinsic Functions — a path argument that selects nothing fails the evaluation")
    void aPathArgumentSelectingNothingFails() {
        assertTrue(failure("States.Format('{}', $.missing)", "{}").contains("'$.missing' could not be found"));
    }
}
