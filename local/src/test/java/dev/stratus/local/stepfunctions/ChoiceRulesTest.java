package dev.stratus.local.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every comparison operator of the Developer Guide's Choice page ("The following comparison
 * operators are supported"), each with a value that matches and one that does not, and its
 * {@code Path} variant comparing two input values.
 */
class ChoiceRulesTest {
    private static boolean matches(String operator, String operand, String value, String other) {
        String asl = """
                {"StartAt": "C", "States": {"C": {"Type": "Choice",
                  "Choices": [{"Variable": "$.v", "%s": %s, "Next": "Yes"}], "Default": "No"},
                  "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}}}""".formatted(operator, operand);
        Execution execution = StateMachineExecutor.create(Asl.load(asl))
                .start("{\"v\": " + value + (other == null ? "" : ", \"o\": " + other) + "}");
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        return execution.statesEntered().get(1).equals("Yes");
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                // operator, operand, value, expected
                Arguments.of("StringEquals", "\"abc\"", "\"abc\"", true),
                Arguments.of("StringEquals", "\"abc\"", "\"abd\"", false),
                Arguments.of("StringLessThan", "\"b\"", "\"a\"", true),
                Arguments.of("StringLessThan", "\"b\"", "\"b\"", false),
                Arguments.of("StringGreaterThan", "\"MyStringABC\"", "\"MyStringABD\"", true),
                Arguments.of("StringGreaterThan", "\"b\"", "\"a\"", false),
                Arguments.of("StringLessThanEquals", "\"b\"", "\"b\"", true),
                Arguments.of("StringLessThanEquals", "\"b\"", "\"c\"", false),
                Arguments.of("StringGreaterThanEquals", "\"b\"", "\"b\"", true),
                Arguments.of("StringGreaterThanEquals", "\"b\"", "\"a\"", false),
                // Java compareTo: uppercase sorts before lowercase
                Arguments.of("StringLessThan", "\"a\"", "\"Z\"", true),
                Arguments.of("StringMatches", "\"log-*.txt\"", "\"log-1.txt\"", true),
                Arguments.of("StringMatches", "\"log-*.txt\"", "\"log-1.txts\"", false),
                Arguments.of("NumericEquals", "1", "1.0", true),
                Arguments.of("NumericEquals", "1", "2", false),
                Arguments.of("NumericLessThan", "30", "29.5", true),
                Arguments.of("NumericLessThan", "30", "30", false),
                Arguments.of("NumericGreaterThan", "2", "3", true),
                Arguments.of("NumericGreaterThan", "2", "2", false),
                Arguments.of("NumericLessThanEquals", "2", "2", true),
                Arguments.of("NumericLessThanEquals", "2", "3", false),
                Arguments.of("NumericGreaterThanEquals", "20", "20", true),
                Arguments.of("NumericGreaterThanEquals", "20", "19", false),
                Arguments.of("BooleanEquals", "true", "true", true),
                Arguments.of("BooleanEquals", "true", "false", false),
                Arguments.of("TimestampEquals", "\"2001-01-01T12:00:00Z\"", "\"2001-01-01T13:00:00+01:00\"", true),
                Arguments.of("TimestampEquals", "\"2001-01-01T12:00:00Z\"", "\"2001-01-01T12:00:01Z\"", false),
                Arguments.of("TimestampLessThan", "\"2001-01-01T12:00:00Z\"", "\"2001-01-01T11:59:59Z\"", true),
                Arguments.of("TimestampLessThan", "\"2001-01-01T12:00:00Z\"", "\"2001-01-01T12:00:00Z\"", false),
                Arguments.of("TimestampGreaterThan", "\"2001-01-01T12:00:00Z\"", "\"2016-08-18T17:33:00Z\"", true),
                Arguments.of("TimestampGreaterThan", "\"2001-01-01T12:00:00Z\"", "\"2000-08-18T17:33:00Z\"", false),
                Arguments.of("TimestampLessThanEquals", "\"2001-01-01T12:00:00Z\"", "\"2001-01-01T12:00:00Z\"", true),
                Arguments.of("TimestampLessThanEquals", "\"2001-01-01T12:00:00Z\"", "\"2001-01-01T12:00:00.001Z\"", false),
                Arguments.of("TimestampGreaterThanEquals", "\"2001-01-01T12:00:00Z\"", "\"2001-01-01T12:00:00Z\"", true),
                Arguments.of("TimestampGreaterThanEquals", "\"2001-01-01T12:00:00Z\"", "\"2001-01-01T11:00:00Z\"", false));
    }

    @ParameterizedTest(name = "{0} {1} on {2} is {3}")
    @MethodSource("comparisons")
    @Source("Developer Guide: Choice — Choice Rules: String, Numeric, Boolean and Timestamp comparison operators; string order of Java compareTo")
    void comparesValues(String operator, String operand, String value, boolean expected) {
        assertEquals(expected, matches(operator, operand, value, null));
    }

    @ParameterizedTest(name = "{0}Path {1} on {2} is {3}")
    @MethodSource("comparisons")
    @Source("Developer Guide: Choice — \"the value of Variable can be compared with another value from the state input by appending Path\"")
    void comparesTwoInputValuesWithThePathVariant(String operator, String operand, String value, boolean expected) {
        if (operator.equals("StringMatches")) {
            return; // StringMatches has no Path variant
        }
        assertEquals(expected, matches(operator + "Path", "\"$.o\"", value, operand));
    }

    static Stream<Arguments> typeTests() {
        return Stream.of(
                Arguments.of("IsNull", "null", true),
                Arguments.of("IsNull", "\"null\"", false),
                Arguments.of("IsNumeric", "-1.5e3", true),
                Arguments.of("IsNumeric", "\"1\"", false),
                Arguments.of("IsString", "\"\"", true),
                Arguments.of("IsString", "1", false),
                Arguments.of("IsBoolean", "false", true),
                Arguments.of("IsBoolean", "\"false\"", false),
                Arguments.of("IsTimestamp", "\"2016-08-18T17:33:00Z\"", true),
                Arguments.of("IsTimestamp", "\"2016-08-18 17:33:00\"", false),
                Arguments.of("IsPresent", "{}", true));
    }

    @ParameterizedTest(name = "{0} on {1} is {2}")
    @MethodSource("typeTests")
    @Source("Developer Guide: Choice — IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp; false asks for the opposite")
    void testsTypes(String operator, String value, boolean expected) {
        assertEquals(expected, matches(operator, "true", value, null));
        assertEquals(!expected, matches(operator, "false", value, null));
    }

    @Test
    @Source("Developer Guide: Choice — IsPresent guards a StringEquals on a key that might not exist (the And example)")
    void isPresentGuardsAMissingKey() {
        String asl = """
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"And": [
                    {"Variable": "$.keyThatMightNotExist", "IsPresent": true},
                    {"Variable": "$.keyThatMightNotExist", "StringEquals": "foo"}], "Next": "Foo"},
                    {"Not": {"Variable": "$.keyThatMightNotExist", "IsPresent": true}, "Next": "Absent"}], "Default": "Other"},
                  "Foo": {"Type": "Succeed"}, "Absent": {"Type": "Succeed"}, "Other": {"Type": "Succeed"}}}""";
        StateMachineExecutor executor = StateMachineExecutor.create(Asl.load(asl));

        assertEquals(List.of("C", "Absent"), executor.start("{}").statesEntered());
        assertEquals(List.of("C", "Foo"), executor.start("{\"keyThatMightNotExist\": \"foo\"}").statesEntered());
        assertEquals(List.of("C", "Other"), executor.start("{\"keyThatMightNotExist\": \"bar\"}").statesEntered());
    }

    @Test
    @Source("Developer Guide: Choice — Or and Not nest Choice Rules; the Path of a comparison may select from the context object")
    void orNotAndContextPaths() {
        String asl = """
                {"StartAt": "Check", "States": {"Check": {"Type": "Choice", "Choices": [{"Or": [
                    {"Not": {"Variable": "$.n", "NumericLessThan": 10}},
                    {"Variable": "$$.State.Name", "StringEqualsPath": "$.expected"}], "Next": "Yes"}], "Default": "No"},
                  "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}}}""";
        StateMachineExecutor executor = StateMachineExecutor.create(Asl.load(asl));

        assertEquals("Yes", executor.start("{\"n\": 10, \"expected\": \"x\"}").statesEntered().get(1));
        assertEquals("Yes", executor.start("{\"n\": 1, \"expected\": \"Check\"}").statesEntered().get(1));
        assertEquals("No", executor.start("{\"n\": 1, \"expected\": \"x\"}").statesEntered().get(1));
    }
}
