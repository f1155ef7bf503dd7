package dev.stratus.local.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Definitions Step Functions refuses are refused with every problem named by state and field; valid
 * definitions that use what the executor does not implement fail loudly, naming the feature.
 */
class DefinitionValidationTest {
    private static List<String> problems(String asl) {
        return assertThrows(InvalidDefinitionException.class, () -> StateMachineDefinition.fromJson(asl)).problems();
    }

    private static void refused(String asl, String... expected) {
        List<String> problems = problems(asl);
        for (String text : expected) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(text)), "no problem contains \"" + text + "\" in " + problems);
        }
    }

    private static String unsupported(String asl) {
        return assertThrows(UnsupportedFeatureException.class, () -> StateMachineDefinition.fromJson(asl)).getMessage();
    }

    @Test
    @Source("ASL spec: Top-level fields — StartAt and States are required; AWS: MISSING_TRANSITION_TARGET for a StartAt naming no state")
    void startAtIsRequiredAndMustNameAState() {
        refused("{\"States\": {\"A\": {\"Type\": \"Succeed\"}}}", "The definition: field 'StartAt' is required");
        refused("{\"StartAt\": \"B\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
                "The definition: field 'StartAt' names state 'B', which does not exist");
        refused("{\"StartAt\": \"A\", \"States\": {}}", "field 'States' is required and must be a non-empty object");
    }

    @Test
    @Source("AWS CreateStateMachine: \"MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3 at /States/pass1/Next, State \\\"pass2\\\" is not reachable\"")
    void nextMustNameAStateAndEveryStateMustBeReachable() {
        List<String> problems = problems("""
                {"StartAt": "pass1", "States": {
                  "pass1": {"Type": "Pass", "Next": "pass3"},
                  "pass2": {"Type": "Pass", "End": true}}}""");

        assertEquals(List.of(
                "State 'pass1': field 'Next' names state 'pass3', which does not exist (MISSING_TRANSITION_TARGET)",
                "State 'pass2' is not reachable from 'pass1' in the definition (MISSING_TRANSITION_TARGET)"), problems);
    }

    @Test
    @Source("AWS CreateStateMachine: \"MISSING_END_STATE: Workflow has no terminal state\"")
    void aMachineNeedsATerminalState() {
        refused("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}}}""",
                "The definition has no terminal state", "MISSING_END_STATE");
    }

    @Test
    @Source("ASL spec: States — a non-terminal state needs Next or End true, not both; Choice has neither; Succeed and Fail end")
    void transitionsAreCheckedPerStateType() {
        refused("""
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "B", "End": true},
                  "B": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F"},
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "A"}], "End": true},
                  "D": {"Type": "Succeed", "Next": "A"}}}""",
                "State 'A': fields 'Next' and 'End' cannot both be set",
                "State 'B': field 'Next' is required (or \"End\": true)",
                "State 'C': a Choice state cannot have 'Next' or 'End'",
                "State 'D': field 'Next' is not valid for a Succeed state");
    }

    @Test
    @Source("ASL spec: States — Type must be one of the eight; fields not defined for the type are refused (SCHEMA_VALIDATION_FAILED)")
    void typesAndFieldsAreChecked() {
        refused("""
                {"StartAt": "A", "States": {"A": {"Type": "Sleep", "End": true}}}""",
                "State 'A': field 'Type' must be one of [Choice, Fail, Map, Parallel, Pass, Succeed, Task, Wait], but is \"Sleep\"");
        refused("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Retry": [], "TimeoutSeconds": 5, "Resourse": "x", "End": true}}}""",
                "State 'A': field 'Retry' is not valid for a Pass state", "State 'A': field 'TimeoutSeconds' is not valid for a Pass state",
                "State 'A': field 'Resourse' is not valid for a Pass state");
        refused("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "TimeoutSeconds": 5, "End": true,
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""",
                "State 'M': field 'TimeoutSeconds' is not valid for a Map state");
    }

    @Test
    @Source("ASL spec: Parallel State — branches are self-contained: a Next cannot leave its branch; CDK: state names are unique across the machine")
    void branchesAreSelfContainedAndNamesUnique() {
        refused("""
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Next": "Done", "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Done"}}},
                    {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}]},
                  "Done": {"Type": "Succeed"}}}""",
                "State 'A': field 'Next' names state 'Done', which does not exist",
                "State 'Done': the name is used more than once",
                "Branch 1 of Parallel state 'P' has no terminal state");
    }

    @Test
    @Source("Developer Guide: Error handling — ErrorEquals is a non-empty array; States.ALL must appear alone and in the last retrier or catcher")
    void retriersAndCatchersAreChecked() {
        refused("""
                {"StartAt": "T", "States": {
                  "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:F", "End": true,
                    "Retry": [{"ErrorEquals": ["States.ALL", "Custom"]}, {"ErrorEquals": []},
                              {"ErrorEquals": ["X"], "IntervalSeconds": 0, "MaxAttempts": -1, "BackoffRate": 0.5,
                               "MaxDelaySeconds": 0, "JitterStrategy": "HALF", "Interval": 1}],
                    "Catch": [{"ErrorEquals": ["States.Whatever"], "Next": "Nowhere"}, {"ErrorEquals": ["States.ALL"]}]}}}""",
                "State 'T' Retry[0]: 'States.ALL' must appear alone in 'ErrorEquals'",
                "State 'T' Retry[0]: 'States.ALL' must appear in the last retrier or catcher",
                "State 'T' Retry[1]: field 'ErrorEquals' is required and must be a non-empty array",
                "State 'T' Retry[2]: field 'IntervalSeconds' must be an integer between 1 and 99999999, but is 0",
                "State 'T' Retry[2]: field 'MaxAttempts' must be an integer between 0 and 99999999, but is -1",
                "State 'T' Retry[2]: field 'BackoffRate' must be a number greater than or equal to 1.0, but is 0.5",
                "State 'T' Retry[2]: field 'MaxDelaySeconds' must be an integer between 1 and 31622400, but is 0",
                "State 'T' Retry[2]: field 'JitterStrategy' must be FULL or NONE, but is \"HALF\"",
                "State 'T' Retry[2]: field 'Interval' is not a retrier field",
                "State 'T' Catch[0]: field 'ErrorEquals' has 'States.Whatever', which is not a predefined error name",
                "State 'T' Catch[0]: field 'Next' names state 'Nowhere', which does not exist",
                "State 'T' Catch[1]: field 'Next' is required");
    }

    @Test
    @Source("Developer Guide: Choice — Choice Rules need a Next at the top level only, one comparison operator, and operands of the operator's type")
    void choiceRulesAreChecked() {
        refused("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Default": "Missing", "Choices": [
                    {"Variable": "$.a", "NumericEquals": "1"},
                    {"Variable": "$.a", "StringEquals": "x", "NumericEquals": 1, "Next": "End"},
                    {"And": [{"Variable": "$.a", "IsPresent": true, "Next": "End"}], "Next": "End"},
                    {"Variable": "$.a", "TimestampEquals": "2016-08-18 17:33", "Next": "End"},
                    {"Variable": "a", "StringEqualsPath": "b", "Next": "End"}]},
                  "End": {"Type": "Succeed"}}}""",
                "State 'C' Choices[0]: field 'Next' is required in a top-level Choice Rule",
                "State 'C' Choices[0]: field 'NumericEquals' must be a number, but is \"1\"",
                "State 'C' Choices[1] must have exactly one comparison operator or And/Or/Not, but has StringEquals, NumericEquals",
                "State 'C' Choices[2] And[0]: field 'Next' is only allowed in a top-level Choice Rule",
                "State 'C' Choices[3]: field 'TimestampEquals' must be an RFC 3339 timestamp",
                "State 'C' Choices[4]: field 'Variable' must be a JSONPath starting with '$'",
                "State 'C' Choices[4]: field 'StringEqualsPath' must be a JSONPath starting with '$'",
                "State 'C': field 'Default' names state 'Missing', which does not exist");
    }

    @Test
    @Source("ASL spec: Wait State — exactly one of Seconds, Timestamp, SecondsPath, TimestampPath; Fail State — Error or ErrorPath, not both")
    void waitAndFailFieldsAreChecked() {
        refused("""
                {"StartAt": "W", "States": {
                  "W": {"Type": "Wait", "Seconds": 5, "SecondsPath": "$.s", "Next": "V"},
                  "V": {"Type": "Wait", "Timestamp": "2016-03-14 01:59", "Next": "U"},
                  "U": {"Type": "Wait", "Next": "F"},
                  "F": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e", "CausePath": "$.c["}}}""",
                "State 'W': exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath' is required, but Seconds, SecondsPath are set",
                "State 'V': field 'Timestamp' must be an RFC 3339 timestamp",
                "State 'U': exactly one of 'Seconds', 'Timestamp', 'SecondsPath' and 'TimestampPath' is required, but none is set",
                "State 'F': fields 'Error' and 'ErrorPath' cannot both be set",
                "State 'F': field 'CausePath' value '$.c[' is not a valid JSONPath");
    }

    @Test
    @Source("ASL spec: Paths and Reference Paths — ResultPath is a reference path (no $$, no wildcards); payload templates are objects without duplicate names")
    void pathsAndPayloadTemplatesAreChecked() {
        refused("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true,
                  "InputPath": "name", "ResultPath": "$.items[*]", "OutputPath": "$$.x[",
                  "Parameters": {"a.$": "$.a", "a": 1, "b.$": 5, "c.$": "Format('x')"}}}}""",
                "State 'P': field 'InputPath' must be a JSONPath starting with '$'",
                "State 'P': field 'ResultPath' value '$.items[*]' '[*]' does not name a single field or index",
                "State 'P': field 'OutputPath' is not a valid JSONPath",
                "State 'P' Parameters: field 'a' appears twice once '.$' suffixes are removed",
                "State 'P' Parameters field 'b.$' must be a string holding a JSONPath or an intrinsic function",
                "State 'P' Parameters field 'c.$' value 'Format('x')' is not a valid intrinsic function");
        refused("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"ResultPath\": \"$$.x\", \"End\": true}}}",
                "must be a reference path starting with '$' (not '$$')");
    }

    @Test
    @Source("Developer Guide: Invoke Lambda — arn:aws:states:::lambda:invoke takes FunctionName in Parameters")
    void lambdaInvokeNeedsAFunctionName() {
        refused("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"Payload.$": "$", "Function": "x"}, "End": true}}}""",
                "State 'T': field 'Parameters' must have 'FunctionName' for arn:aws:states:::lambda:invoke",
                "State 'T': Parameters field 'Function' is not a parameter of lambda:invoke");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "JSONata | {\"QueryLanguage\": \"JSONata\", \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}} | JSONata (QueryLanguage JSONata) in the definition",
        "JSONata state | {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"QueryLanguage\": \"JSONata\", \"Output\": \"{% 1 %}\", \"End\": true}}} | JSONata (QueryLanguage JSONata) in state 'P'",
        "variables | {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"Assign\": {\"x\": 1}, \"End\": true}}} | workflow variables (Assign) in state 'P'",
        "activity | {\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:us-east-1:123456789012:activity:Add\", \"End\": true}}} | Activities (Resource arn:aws:states:us-east-1:123456789012:activity:Add) in state 'T'",
        "callback | {\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\", \"End\": true}}} | the wait-for-callback integration pattern (.waitForTaskToken",
        "sync | {\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::states:startExecution.sync:2\", \"End\": true}}} | the run-a-job integration pattern (.sync",
        "heartbeat | {\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:F\", \"HeartbeatSeconds\": 10, \"End\": true}}} | HeartbeatSeconds (task heartbeats) in state 'T'",
        "credentials | {\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:123456789012:function:F\", \"Credentials\": {\"RoleArn\": \"r\"}, \"End\": true}}} | cross-account task Credentials in state 'T'",
        "async invoke | {\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"Parameters\": {\"FunctionName\": \"F\", \"InvocationType\": \"Event\"}, \"End\": true}}} | lambda:invoke with InvocationType \"Event\"",
        "distributed map | {\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"EXPRESS\"}, \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}}} | Distributed Map (ProcessorConfig Mode DISTRIBUTED) in state 'M'",
        "item reader | {\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\"}, \"ItemProcessor\": {\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}}} | Distributed Map (ItemReader) in state 'M'"})
    @Source("stratus-local: valid ASL the executor does not implement fails loudly, naming the feature (ASL spec: JSONata, Assign; Developer Guide: Activities, service integration patterns, Distributed Map)")
    void unsupportedFeaturesAreNamed(String feature, String asl, String expected) {
        String message = unsupported(asl);
        assertTrue(message.contains(expected), message);
        assertTrue(message.startsWith("Not supported by the local Step Functions executor (stratus-local)"), message);
    }

    @Test
    @Source("stratus-local: integration() refuses callback and .sync resources, and Lambda resources that lambda() serves")
    void integrationRegistrationRefusesWhatItCannotServe() {
        StateMachineExecutor executor = StateMachineExecutor.create(StateMachineDefinition.fromJson(
                "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"));
        TaskHandler echo = (input, context) -> input;

        assertThrows(UnsupportedFeatureException.class, () -> executor.integration("arn:aws:states:::sqs:sendMessage.waitForTaskToken", echo));
        assertThrows(UnsupportedFeatureException.class, () -> executor.integration("arn:aws:states:::glue:startJobRun.sync", echo));
        IllegalArgumentException lambda = assertThrows(IllegalArgumentException.class,
                () -> executor.integration("arn:aws:states:::lambda:invoke", echo));
        assertTrue(lambda.getMessage().contains("lambda(...)"), lambda.getMessage());
    }

    @Test
    @Source("stratus-local: all problems of a definition are reported together, in one message")
    void reportsEveryProblemInOneMessage() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> StateMachineDefinition.fromJson("""
                {"StartAt": "A", "TimeoutSeconds": 0, "Version": "2.0", "Extra": 1, "States": {"A": {"Type": "Pass"}}}"""));

        assertEquals(5, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("Invalid state machine definition (5 problems):\n - "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StateMachineDefinition.fromJson("{not json"));
    }
}
