package dev.stratus.local.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * InputPath, Parameters, ResultSelector, ResultPath, OutputPath and the context object, from the
 * specification's "Input and Output Processing" and the Developer Guide's pages on them.
 */
class InputOutputTest {
    private static final String SUM = "arn:aws:lambda:us-east-1:123456789012:function:Sum";

    private static Execution sum(String fields, String input) {
        return StateMachineExecutor.create(Asl.load("""
                {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "%s", %s "End": true}}}"""
                .formatted(SUM, fields)))
                .lambda("Sum", input1 -> Json.NODES.numberNode(input1.get("val1").asInt() + input1.get("val2").asInt()))
                .start(input);
    }

    @Test
    @Source("ASL spec: Input/Output Processing Examples — InputPath $.numbers with ResultPath $.sum keeps the title and adds the sum")
    void inputPathSelectsAndResultPathCombines() {
        Execution execution = sum("\"InputPath\": \"$.numbers\", \"ResultPath\": \"$.sum\",",
                "{\"title\": \"Numbers to add\", \"numbers\": {\"val1\": 3, \"val2\": 4}}");

        assertEquals(Asl.json("{\"title\": \"Numbers to add\", \"numbers\": {\"val1\": 3, \"val2\": 4}, \"sum\": 7}"),
                execution.output());
    }

    private static Execution pass(String fields, String input) {
        return StateMachineExecutor.create(Asl.load("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", %s "End": true}}}""".formatted(fields))).start(input);
    }

    @Test
    @Source("ASL spec: Input and Output Processing — ResultPath $.master.detail overwrites the field, $.master.result.sum creates the chain, $.b.greeting the intervening object")
    void resultPathOverwritesOrCreatesFields() {
        String master = "{\"master\": {\"detail\": [1, 2, 3]}}";
        assertEquals(Asl.json("{\"master\": {\"detail\": 6}}"),
                pass("\"Result\": 6, \"ResultPath\": \"$.master.detail\",", master).output());
        assertEquals(Asl.json("{\"master\": {\"detail\": [1, 2, 3], \"result\": {\"sum\": 6}}}"),
                pass("\"Result\": 6, \"ResultPath\": \"$.master.result.sum\",", master).output());
        assertEquals(Asl.json("{\"a\": 1, \"b\": {\"greeting\": \"Hi!\"}}"),
                pass("\"Result\": \"Hi!\", \"ResultPath\": \"$.b.greeting\",", "{\"a\": 1}").output());
    }

    @Test
    @Source("ASL spec: Input and Output Processing — InputPath null gives {}, ResultPath null keeps the raw input, OutputPath null gives {}")
    void nullPathsDiscard() {
        assertEquals(Asl.json("{\"echo\": {}}"), pass("\"InputPath\": null, \"Parameters\": {\"echo.$\": \"$\"},", "{\"a\": 1}").output());
        assertEquals(Asl.json("{\"a\": 1}"), pass("\"Result\": 6, \"ResultPath\": null,", "{\"a\": 1}").output());
        assertEquals(Asl.json("{}"), pass("\"Result\": 6, \"OutputPath\": null,", "{\"a\": 1}").output());
    }

    @Test
    @Source("ASL spec: Input and Output Processing — a path yielding several values ($.a[0,1]) gives an array; OutputPath likewise")
    void pathsWithSeveralResultsGiveArrays() {
        assertEquals(Asl.json("[1, 2]"), pass("\"InputPath\": \"$.a[0,1]\",", "{\"a\": [1, 2, 3, 4]}").output());
        assertEquals(Asl.json("[3, 4]"), pass("\"OutputPath\": \"$.a[2:]\",", "{\"a\": [1, 2, 3, 4]}").output());
        assertEquals(Asl.json("[]"), pass("\"OutputPath\": \"$.a[?(@ > 9)]\",", "{\"a\": [1, 2, 3, 4]}").output());
        // Jayway parses the list literal of an 'in' filter with json-smart: this fails if it is left
        // out. (Loaded without Asl.load: asl-validator's path grammar has no 'in'; Jayway's has.)
        assertEquals(Asl.json("[1, 3]"), StateMachineExecutor.create(StateMachineDefinition.fromJson(
                "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"OutputPath\": \"$.a[?(@ in [1, 3])]\", \"End\": true}}}"))
                .start("{\"a\": [1, 2, 3, 4]}").output());
    }

    @Test
    @Source("ASL spec: Payload Template — the example with $.vals[0], $.vals[-3:], $$ paths and States.Format; static fields stay as written")
    void parametersBuildThePayload() {
        List<JsonNode> received = new ArrayList<>();
        StateMachineExecutor.create(Asl.load("""
                {"StartAt": "X", "States": {"X": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X",
                  "Parameters": {"flagged": true, "parts": {"first.$": "$.vals[0]", "last3.$": "$.vals[-3:]"},
                                 "weekday.$": "$$.State.Name", "formattedOutput.$": "States.Format('Today is {}', $$.State.Name)",
                                 "list": [{"nested.$": "$.flagged"}]},
                  "End": true}}}"""))
                .lambda("X", input -> {
                    received.add(input);
                    return input;
                })
                .start("{\"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50]}");

        assertEquals(Asl.json("""
                {"flagged": true, "parts": {"first": 0, "last3": [30, 40, 50]}, "weekday": "X",
                 "formattedOutput": "Today is X", "list": [{"nested": 7}]}"""), received.get(0));
    }

    @Test
    @Source("Developer Guide: ResultSelector — builds the result from the task's result before ResultPath; OutputPath then filters")
    void resultSelectorShapesTheResultBeforeResultPath() {
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "Invoke", "States": {"Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "Lookup", "Payload.$": "$"},
                  "ResultSelector": {"found.$": "$.Payload.items[0]", "status.$": "$.StatusCode"},
                  "ResultPath": "$.lookup", "OutputPath": "$.lookup", "End": true}}}"""))
                .lambda("Lookup", input -> Asl.json("{\"items\": [\"x\", \"y\"]}"))
                .start("{\"q\": 1}");

        assertEquals(Asl.json("{\"found\": \"x\", \"status\": 200}"), execution.output());
    }

    @Test
    @Source("Developer Guide: Context object — Execution.Id, Input, Name, RoleArn, StartTime; State.EnteredTime, Name, RetryCount; StateMachine.Id, Name")
    void theContextObjectDescribesTheExecution() {
        Execution execution = StateMachineExecutor.builder(Asl.load("""
                {"StartAt": "Wait a bit", "States": {
                  "Wait a bit": {"Type": "Wait", "Seconds": 90, "Next": "Get execution context data"},
                  "Get execution context data": {"Type": "Pass", "Parameters": {"ctx.$": "$$"}, "ResultPath": "$.executionContext", "End": true}}}"""))
                .startTime(Instant.parse("2019-03-26T20:14:13.192Z")).build()
                .start("order-17", Asl.json("{\"key\": \"value\"}"));

        JsonNode context = execution.output().at("/executionContext/ctx");
        assertEquals(Asl.json("""
                {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:StateMachine:order-17",
                               "Input": {"key": "value"}, "Name": "order-17",
                               "RoleArn": "arn:aws:iam::123456789012:role/StratusLocalExecutionRole",
                               "StartTime": "2019-03-26T20:14:13.192Z", "RedriveCount": 0},
                 "State": {"EnteredTime": "2019-03-26T20:15:43.192Z", "Name": "Get execution context data", "RetryCount": 0},
                 "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine", "Name": "StateMachine"}}"""),
                context);
    }

    @Test
    @Source("AWS execution history (States.Runtime): \"The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input\"; retry and catch on States.ALL do not catch States.Runtime")
    void aParameterPathThatSelectsNothingFailsTheExecutionUncaught() {
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "Glue StartJobRun", "States": {"Glue StartJobRun": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Job",
                  "Parameters": {"JobName.$": "$.JobName"},
                  "Retry": [{"ErrorEquals": ["States.ALL"]}],
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Succeed"}}}"""))
                .lambda("Job", input -> input)
                .start("{}");

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("States.Runtime", execution.error());
        assertEquals("An error occurred while executing the state 'Glue StartJobRun' (entered at the event id #2). The JSONPath"
                + " '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'", execution.cause());
        assertEquals(List.of("Glue StartJobRun"), execution.statesEntered());
    }

    @Test
    @Source("Developer Guide: States.Runtime — \"such as attempting to apply InputPath or OutputPath on a null JSON payload\"")
    void inputAndOutputPathsThatSelectNothingAreRuntimeErrors() {
        Execution input = pass("\"InputPath\": \"$.missing\",", "{\"a\": 1}");
        assertEquals("States.Runtime", input.error());
        assertTrue(input.cause().contains("Invalid path '$.missing'"), input.cause());

        Execution output = pass("\"OutputPath\": \"$.a.b\",", "{\"a\": null}");
        assertEquals("States.Runtime", output.error());
    }

    @Test
    @Source("ASL spec: JSONPath Runtime Errors — input \"foo\" with ResultPath $.x fails with States.ResultPathMatchFailure")
    void aResultPathThatCannotApplyFailsWithResultPathMatchFailure() {
        Execution execution = pass("\"Result\": 1, \"ResultPath\": \"$.x\",", "\"foo\"");

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("States.ResultPathMatchFailure", execution.error());
    }

    @Test
    @Source("Developer Guide: Quotas — 256 KiB for a state's input or output; States.DataLimitExceeded is a terminal error")
    void outputsOverTheQuotaFailWithDataLimitExceeded() {
        String big = "x".repeat(300 * 1024);
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "Big", "States": {"Big": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Big",
                  "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true}, "Caught": {"Type": "Succeed"}}}"""))
                .lambda("Big", input -> Json.NODES.textNode(big))
                .start("{}");

        assertEquals("States.DataLimitExceeded", execution.error());
        assertEquals(List.of("Big"), execution.statesEntered());
    }
}
