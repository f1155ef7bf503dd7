package dev.stratus.local.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each state type, from the examples of the Developer Guide's state pages and the specification. */
class StatesTest {
    private static final String FN = "arn:aws:lambda:us-east-1:123456789012:function:";

    private static Execution run(String asl, String input) {
        return StateMachineExecutor.create(Asl.load(asl)).start(input);
    }

    @Test
    @Source("Developer Guide: Pass — the No-op example places Result at ResultPath $.coords")
    void passPlacesItsResultAtResultPath() {
        Execution execution = run("""
                {"StartAt": "No-op", "States": {"No-op": {"Type": "Pass",
                  "Result": {"x-datum": 0.381018, "y-datum": 622.2269926397355},
                  "ResultPath": "$.coords", "End": true}}}""", "{\"georefOf\": \"Home\"}");

        assertEquals(Asl.json("{\"georefOf\": \"Home\", \"coords\": {\"x-datum\": 0.381018, \"y-datum\": 622.2269926397355}}"),
                execution.output());
    }

    @Test
    @Source("Developer Guide: Pass — without Result a Pass state passes its input on; with Parameters the payload is its result")
    void passWithoutResultPassesInputOrItsParameters() {
        assertEquals(Asl.json("{\"a\": 1}"),
                run("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}", "{\"a\": 1}").output());
        assertEquals(Asl.json("{\"b\": 1, \"fixed\": true}"), run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass",
                  "Parameters": {"b.$": "$.a", "fixed": true}, "End": true}}}""", "{\"a\": 1}").output());
    }

    @Test
    @Source("Developer Guide: Invoke Lambda with Step Functions — lambda:invoke returns the Payload with ExecutedVersion, SdkHttpMetadata, StatusCode")
    void lambdaInvokeWrapsTheFunctionResultInTheInvokeResponse() {
        List<JsonNode> payloads = new ArrayList<>();
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "Invoke", "States": {"Invoke": {"Type": "Task",
                  "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:Sum:live",
                                 "Payload": {"val1.$": "$.a", "val2": 4}},
                  "End": true}}}"""))
                .lambda("Sum", input -> {
                    payloads.add(input);
                    return IntNode.valueOf(input.get("val1").asInt() + input.get("val2").asInt());
                })
                .start("{\"a\": 3}");

        assertEquals(Asl.json("{\"val1\": 3, \"val2\": 4}"), payloads.get(0));
        JsonNode output = execution.output();
        assertEquals(7, output.get("Payload").asInt());
        assertEquals(200, output.get("StatusCode").asInt());
        assertEquals("$LATEST", output.get("ExecutedVersion").asText());
        assertEquals(200, output.at("/SdkHttpMetadata/HttpStatusCode").asInt());
    }

    @Test
    @Source("ASL spec: Task State — a Lambda function ARN as Resource receives the effective input and its result is the state's result")
    void aFunctionArnResourceReceivesTheEffectiveInput() {
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "HelloWorld", "States": {"HelloWorld": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld",
                  "InputPath": "$.who", "ResultPath": "$.greeting", "End": true}}}"""))
                .lambda(FN + "HelloWorld", input -> Asl.json("\"Hello, " + input.asText() + "\""))
                .start("{\"who\": \"AWS\"}");

        assertEquals(Asl.json("{\"who\": \"AWS\", \"greeting\": \"Hello, AWS\"}"), execution.output());
        assertEquals(List.of("TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded",
                "TaskStateExited"), execution.history().subList(1, 6).stream().map(HistoryEvent::type).toList());
    }

    @Test
    @Source("Developer Guide: service integrations (request response) — events:putEvents and AWS SDK integrations (resource type aws-sdk:dynamodb) served by registered handlers")
    void anIntegrationResourceRunsItsRegisteredHandler() {
        StateMachineDefinition definition = Asl.load("""
                {"StartAt": "Publish", "States": {"Publish": {"Type": "Task",
                  "Resource": "arn:aws:states:::events:putEvents",
                  "Parameters": {"Entries": [{"DetailType": "order.confirmed", "Detail.$": "$"}]},
                  "ResultSelector": {"failed.$": "$.FailedEntryCount"}, "End": true}}}""");
        List<JsonNode> published = new ArrayList<>();

        Execution execution = StateMachineExecutor.create(definition)
                .integration("arn:aws:states:::events:putEvents", (parameters, context) -> {
                    published.add(parameters);
                    return Asl.json("{\"FailedEntryCount\": 0, \"Entries\": [{\"EventId\": \"e-1\"}]}");
                })
                .start("{\"orderId\": \"o-1\"}");

        assertEquals(Asl.json("{\"failed\": 0}"), execution.output());
        assertEquals("o-1", published.get(0).at("/Entries/0/Detail/orderId").asText());
        HistoryEvent scheduled = execution.events("TaskScheduled").get(0);
        assertEquals("events", scheduled.details().get("resourceType").asText());
        assertEquals("putEvents", scheduled.details().get("resource").asText());

        Execution sdk = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "Save", "States": {"Save": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:putItem",
                  "Parameters": {"TableName": "orders", "Item": {"id": {"S.$": "$.orderId"}}}, "End": true}}}"""))
                .integration("arn:aws:states:::aws-sdk:dynamodb:putItem", (parameters, context) -> Asl.json("{}"))
                .start("{\"orderId\": \"o-1\"}");
        assertEquals("aws-sdk:dynamodb", sdk.events("TaskScheduled").get(0).details().get("resourceType").asText());
        assertEquals("putItem", sdk.events("TaskScheduled").get(0).details().get("resource").asText());

        UnsupportedFeatureException unregistered = assertThrows(UnsupportedFeatureException.class,
                () -> StateMachineExecutor.create(definition).start("{}"));
        assertTrue(unregistered.getMessage().contains("arn:aws:states:::events:putEvents in state 'Publish'"),
                unregistered.getMessage());
    }

    private static final String CHOICE_X = """
            {"StartAt": "ChoiceStateX", "States": {
              "ChoiceStateX": {"Type": "Choice", "Choices": [
                  {"Not": {"Variable": "$.type", "StringEquals": "Private"}, "Next": "Public"},
                  {"Variable": "$.value", "NumericEquals": 0, "Next": "ValueIsZero"},
                  {"And": [{"Variable": "$.value", "NumericGreaterThanEquals": 20},
                           {"Variable": "$.value", "NumericLessThan": 30}], "Next": "ValueInTwenties"}],
                "Default": "DefaultState"},
              "Public": {"Type": "Pass", "End": true},
              "ValueIsZero": {"Type": "Pass", "End": true},
              "ValueInTwenties": {"Type": "Pass", "End": true},
              "DefaultState": {"Type": "Fail", "Cause": "No Matches!"}}}""";

    @Test
    @Source("Developer Guide: Choice — the ChoiceStateX example with Not, NumericEquals and And, and its Default")
    void choiceTakesTheFirstMatchingRuleElseTheDefault() {
        assertEquals(List.of("ChoiceStateX", "ValueInTwenties"),
                run(CHOICE_X, "{\"type\": \"Private\", \"value\": 22}").statesEntered());
        assertEquals(List.of("ChoiceStateX", "Public"), run(CHOICE_X, "{\"type\": \"Public\", \"value\": 22}").statesEntered());
        assertEquals(List.of("ChoiceStateX", "ValueIsZero"), run(CHOICE_X, "{\"type\": \"Private\", \"value\": 0}").statesEntered());
        Execution noMatch = run(CHOICE_X, "{\"type\": \"Private\", \"value\": 50}");
        assertEquals(List.of("ChoiceStateX", "DefaultState"), noMatch.statesEntered());
        assertEquals("No Matches!", noMatch.cause());
    }

    @Test
    @Source("Developer Guide: Choice — \"You must specify the $.type field. If the state input doesn't contain it, the execution fails\"")
    void aMissingVariableFailsTheExecutionWithStatesRuntime() {
        Execution execution = run(CHOICE_X, "{\"value\": 22}");

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("Invalid path '$.type'"), execution.cause());
        assertTrue(execution.cause().startsWith("An error occurred while executing the state 'ChoiceStateX' (entered at the event id #2)."),
                execution.cause());
    }

    @Test
    @Source("ASL spec: Choice State — without a match and without Default the state fails with States.NoChoiceMatched")
    void noMatchWithoutDefaultFailsWithNoChoiceMatched() {
        Execution execution = run("""
                {"StartAt": "C", "States": {"C": {"Type": "Choice",
                  "Choices": [{"Variable": "$.n", "NumericEquals": 1, "Next": "One"}]},
                  "One": {"Type": "Succeed"}}}""", "{\"n\": 2}");

        assertEquals("States.NoChoiceMatched", execution.error());
    }

    @Test
    @Source("Developer Guide: Choice — Choice Rules compare only values of their type; \"Step Functions doesn't attempt to match a numeric field to a string value\"")
    void comparisonsOfAnotherTypeDoNotMatch() {
        String asl = """
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
                    {"Variable": "$.v", "NumericEquals": 1, "Next": "Number"},
                    {"Variable": "$.v", "StringEquals": "1", "Next": "String"}], "Default": "Neither"},
                  "Number": {"Type": "Succeed"}, "String": {"Type": "Succeed"}, "Neither": {"Type": "Succeed"}}}""";

        assertEquals("Number", run(asl, "{\"v\": 1.0}").statesEntered().get(1));
        assertEquals("String", run(asl, "{\"v\": \"1\"}").statesEntered().get(1));
        assertEquals("Neither", run(asl, "{\"v\": true}").statesEntered().get(1));
    }

    @Test
    @Source("Developer Guide: Choice — Timestamp comparisons of RFC 3339 times; StringMatches with * wildcards and \\* escapes")
    void timestampsAndWildcards() {
        String asl = """
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [
                    {"Variable": "$.at", "TimestampLessThan": "2001-01-01T12:00:00Z", "Next": "Before"},
                    {"Variable": "$.name", "StringMatches": "log-*.txt", "Next": "Log"},
                    {"Variable": "$.name", "StringMatches": "literal\\\\*star", "Next": "Star"}], "Default": "Other"},
                  "Before": {"Type": "Succeed"}, "Log": {"Type": "Succeed"}, "Star": {"Type": "Succeed"}, "Other": {"Type": "Succeed"}}}""";

        assertEquals("Before", run(asl, "{\"at\": \"2000-12-31T23:00:00+01:00\", \"name\": \"x\"}").statesEntered().get(1));
        assertEquals("Log", run(asl, "{\"at\": \"2002-01-01T00:00:00Z\", \"name\": \"log-2024-01.txt\"}").statesEntered().get(1));
        assertEquals("Other", run(asl, "{\"at\": \"2002-01-01T00:00:00Z\", \"name\": \"log-1.csv\"}").statesEntered().get(1));
        assertEquals("Star", run(asl, "{\"at\": \"not a timestamp\", \"name\": \"literal*star\"}").statesEntered().get(1));
        assertEquals("Other", run(asl, "{\"at\": \"2002-01-01t00:00:00z\", \"name\": \"literalXstar\"}").statesEntered().get(1),
                "lowercase t and z are not timestamps, and \\* matches only a star");
    }

    @Test
    @Source("Developer Guide: Wait — Seconds waits relative to when the state begins; Quotas: a Standard execution lasts at most one year")
    void waitSecondsAdvancesTheVirtualClock() {
        Instant before = Instant.now();
        String asl = """
                {"StartAt": "wait_ten_seconds", "States": {
                  "wait_ten_seconds": {"Type": "Wait", "Seconds": 10, "Next": "wait_longer"},
                  "wait_longer": {"Type": "Wait", "Seconds": %d, "End": true}}}""";

        Execution execution = run(asl.formatted(86_400), "{\"kept\": true}");
        assertEquals(Duration.ofSeconds(10 + 86_400), execution.duration());
        assertEquals(Asl.json("{\"kept\": true}"), execution.output());

        Execution overAYear = run(asl.formatted(31_536_000), "{}");
        assertEquals(ExecutionStatus.TIMED_OUT, overAYear.status());
        assertEquals(Duration.ofDays(365), overAYear.duration());
        assertTrue(Duration.between(before, Instant.now()).toSeconds() < 10, "never sleeps");
    }

    @Test
    @Source("Developer Guide: Wait — Timestamp and TimestampPath wait until an absolute time; SecondsPath reads the seconds from the input")
    void waitUntilTimestampsAndPaths() {
        String asl = """
                {"StartAt": "wait_until", "States": {
                  "wait_until": {"Type": "Wait", "Timestamp": "2026-01-01T01:00:00Z", "Next": "until_expiry"},
                  "until_expiry": {"Type": "Wait", "TimestampPath": "$.expirydate", "Next": "for_seconds"},
                  "for_seconds": {"Type": "Wait", "SecondsPath": "$.seconds", "End": true}}}""";
        StateMachineExecutor executor = StateMachineExecutor.create(Asl.load(asl));

        Execution execution = executor.start("{\"expirydate\": \"2026-01-01T03:00:00Z\", \"seconds\": 30}");
        assertEquals(Instant.parse("2026-01-01T03:00:30Z"), execution.stopDate());

        // A timestamp already past does not wait.
        Execution past = executor.start("{\"expirydate\": \"2016-03-14T01:59:00Z\", \"seconds\": 0}");
        assertEquals(past.startDate(), past.stopDate());

        Execution negative = executor.start("{\"expirydate\": \"2016-03-14T01:59:00Z\", \"seconds\": -5}");
        assertEquals("States.Runtime", negative.error());
        assertTrue(negative.cause().contains("SecondsPath"), negative.cause());
    }

    @Test
    @Source("ASL spec: Succeed State — ends the execution successfully; InputPath and OutputPath apply")
    void succeedEndsWithItsFilteredInput() {
        Execution execution = run("""
                {"StartAt": "Done", "States": {"Done": {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}}}""",
                "{\"a\": {\"b\": [1, 2]}, \"c\": 3}");

        assertEquals(Asl.json("[1, 2]"), execution.output());
        assertEquals(List.of("SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"),
                execution.history().subList(1, 4).stream().map(HistoryEvent::type).toList());
    }

    @Test
    @Source("ASL spec: Fail State — Error and Cause; Developer Guide: ErrorPath and CausePath take a path or an intrinsic that returns a string")
    void failReportsItsErrorAndCause() {
        Execution fixed = run("""
                {"StartAt": "FailState", "States": {"FailState": {"Type": "Fail", "Error": "ErrorA", "Cause": "Kaiju attack"}}}""", "{}");
        assertEquals(ExecutionStatus.FAILED, fixed.status());
        assertEquals("ErrorA", fixed.error());
        assertEquals("Kaiju attack", fixed.cause());
        assertNull(fixed.output());

        Execution dynamic = run("""
                {"StartAt": "F", "States": {"F": {"Type": "Fail", "ErrorPath": "$.code",
                  "CausePath": "States.Format('failed at {}', $.n)"}}}""", "{\"code\": \"Code-7\", \"n\": 7}");
        assertEquals("Code-7", dynamic.error());
        assertEquals("failed at 7", dynamic.cause());

        Execution notAString = run("{\"StartAt\": \"F\", \"States\": {\"F\": {\"Type\": \"Fail\", \"ErrorPath\": \"$.code\"}}}",
                "{\"code\": 7}");
        assertEquals("States.Runtime", notAString.error());
    }

    private static final String LOOKUP_CUSTOMER_INFO = """
            {"Comment": "Parallel Example.", "StartAt": "LookupCustomerInfo", "States": {
              "LookupCustomerInfo": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "LookupAddress", "States": {"LookupAddress": {"Type": "Task",
                   "Resource": "arn:aws:lambda:us-east-1:123456789012:function:AddressFinder", "End": true}}},
                {"StartAt": "LookupPhone", "States": {"LookupPhone": {"Type": "Task",
                   "Resource": "arn:aws:lambda:us-east-1:123456789012:function:PhoneFinder", "End": true}}}]}}}""";

    @Test
    @Source("Developer Guide: Parallel — each branch gets a copy of the input; the output is an array of the branches' outputs")
    void parallelOutputsOneResultPerBranch() {
        Execution execution = StateMachineExecutor.create(Asl.load(LOOKUP_CUSTOMER_INFO))
                .lambda("AddressFinder", (input, context) -> {
                    context.advance(Duration.ofSeconds(3));
                    return Asl.json("{\"address\": \"" + input.get("id").asText() + " Main St\"}");
                })
                .lambda("PhoneFinder", (input, context) -> {
                    context.advance(Duration.ofSeconds(5));
                    return Asl.json("{\"phone\": \"555-0100\"}");
                })
                .start("{\"id\": \"42\"}");

        assertEquals(Asl.json("[{\"address\": \"42 Main St\"}, {\"phone\": \"555-0100\"}]"), execution.output());
        assertEquals(Duration.ofSeconds(5), execution.duration(), "branches run side by side on virtual time");
        assertEquals(List.of("ParallelStateEntered", "ParallelStateStarted"),
                execution.history().subList(1, 3).stream().map(HistoryEvent::type).toList());
    }

    @Test
    @Source("Developer Guide: Parallel — if any branch fails the Parallel state fails with its error, which the state's Catch can handle")
    void aFailedBranchFailsTheParallelStateAndItsCatchHandlesIt() {
        String asl = LOOKUP_CUSTOMER_INFO.replace("\"End\": true, \"Branches\"",
                "\"Catch\": [{\"ErrorEquals\": [\"NotFound\"], \"ResultPath\": \"$.lookup\", \"Next\": \"Unknown\"}], \"Next\": \"Known\", \"Branches\"")
                .replace("\"States\": {\n  \"LookupCustomerInfo\"", "\"States\": {\"Known\": {\"Type\": \"Succeed\"}, \"Unknown\": {\"Type\": \"Succeed\"},\n  \"LookupCustomerInfo\"");
        StateMachineExecutor executor = StateMachineExecutor.create(Asl.load(asl))
                .lambda("AddressFinder", input -> Asl.json("{}"))
                .lambda("PhoneFinder", input -> {
                    throw new TaskError("NotFound", "no phone for " + input.get("id").asText());
                });

        Execution execution = executor.start("{\"id\": \"7\"}");

        assertEquals(List.of("LookupCustomerInfo", "LookupAddress", "LookupPhone", "Unknown"), execution.statesEntered());
        assertEquals(Asl.json("{\"id\": \"7\", \"lookup\": {\"Error\": \"NotFound\", \"Cause\": \"no phone for 7\"}}"),
                execution.output());
        assertEquals(1, execution.events("ParallelStateFailed").size());
    }

    private static final String VALIDATE_ALL = """
            {"StartAt": "Validate-All", "States": {"Validate-All": {"Type": "Map",
              "InputPath": "$.detail", "ItemsPath": "$.shipped", "MaxConcurrency": 0,
              "Parameters": {"parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner"},
              "Iterator": {"StartAt": "Validate", "States": {"Validate": {"Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship-val", "End": true}}},
              "ResultPath": "$.detail.shipped", "End": true}}}""";

    private static final String SHIPMENT = """
            {"ship-date": "2016-03-14T01:59:00Z", "detail": {"delivery-partner": "UQS", "shipped": [
              {"prod": "R31", "dest-code": 9511, "quantity": 1344},
              {"prod": "S39", "dest-code": 9511, "quantity": 40},
              {"prod": "R31", "dest-code": 9833, "quantity": 12}]}}""";

    @Test
    @Source("Developer Guide: Map — the Validate-All example with Parameters from $$.Map.Item.Value and ResultPath $.detail.shipped")
    void mapRunsTheIteratorForEachItem() {
        List<JsonNode> inputs = new ArrayList<>();
        Execution execution = StateMachineExecutor.create(Asl.load(VALIDATE_ALL))
                .lambda("ship-val", input -> {
                    inputs.add(input);
                    return Asl.json("{\"valid\": " + (input.at("/parcel/quantity").asInt() > 20) + "}");
                })
                .start(SHIPMENT);

        assertEquals(Asl.json("{\"parcel\": {\"prod\": \"R31\", \"dest-code\": 9511, \"quantity\": 1344}, \"courier\": \"UQS\"}"),
                inputs.get(0));
        assertEquals(Asl.json("[{\"valid\": true}, {\"valid\": true}, {\"valid\": false}]"), execution.output().at("/detail/shipped"));
        assertEquals("2016-03-14T01:59:00Z", execution.output().get("ship-date").asText(), "ResultPath keeps the raw input");
        assertEquals(3, execution.events("MapIterationSucceeded").size());
    }

    @Test
    @Source("Developer Guide: Map — ItemProcessor and ItemSelector are the current names of Iterator and Parameters; without a selector each item is the input")
    void itemProcessorAndItemSelectorWork() {
        Execution selected = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemSelector": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value", "tag.$": "$.tag"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "End": true}}}""", "{\"items\": [\"a\", \"b\"], \"tag\": \"t\"}");
        assertEquals(Asl.json("[{\"index\": 0, \"value\": \"a\", \"tag\": \"t\"}, {\"index\": 1, \"value\": \"b\", \"tag\": \"t\"}]"),
                selected.output());

        Execution plain = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map",
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"n.$": "$"}, "End": true}}},
                  "End": true}}}""", "[1, 2, 3]");
        assertEquals(Asl.json("[{\"n\": 1}, {\"n\": 2}, {\"n\": 3}]"), plain.output());
        assertEquals(Asl.json("[]"), run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map",
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""", "[]").output());
    }

    @Test
    @Source("Developer Guide: Map — MaxConcurrency 1 runs one iteration at a time; 0 places no limit (the executor runs iterations one after another and times them as the limit allows)")
    void maxConcurrencyShapesTheVirtualDuration() {
        String asl = """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": %d,
                  "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Work", "End": true}}}, "End": true}}}""";
        TaskHandler fiveSeconds = (input, context) -> {
            context.advance(Duration.ofSeconds(5));
            return input;
        };

        assertEquals(Duration.ofSeconds(20), StateMachineExecutor.create(Asl.load(asl.formatted(1)))
                .lambda("Work", fiveSeconds).start("[1, 2, 3, 4]").duration());
        assertEquals(Duration.ofSeconds(10), StateMachineExecutor.create(Asl.load(asl.formatted(2)))
                .lambda("Work", fiveSeconds).start("[1, 2, 3, 4]").duration());
        assertEquals(Duration.ofSeconds(5), StateMachineExecutor.create(Asl.load(asl.formatted(0)))
                .lambda("Work", fiveSeconds).start("[1, 2, 3, 4]").duration());
    }

    @Test
    @Source("Developer Guide: Map — if any iteration fails the entire Map state fails; Retry on the Map retries all iterations")
    void aFailedIterationFailsTheMapAndRetryRunsEveryIterationAgain() {
        List<Integer> calls = new ArrayList<>();
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "M", "States": {"M": {"Type": "Map",
                  "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                  "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task",
                    "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Work", "End": true}}}, "End": true}}}"""))
                .lambda("Work", input -> {
                    calls.add(input.asInt());
                    if (input.asInt() == 2) {
                        throw new TaskError("Flaky", "item 2");
                    }
                    return input;
                })
                .start("[1, 2, 3]");

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("Flaky", execution.error());
        assertEquals(List.of(1, 2, 1, 2), calls, "item 3 never starts after item 2 fails; the retry starts from item 1");
        assertEquals(2, execution.events("MapStateFailed").size());
        assertEquals(2, execution.events("MapIterationFailed").size());
    }

    @Test
    @Source("Developer Guide: ItemsPath — must identify a field whose value is a JSON array")
    void itemsPathMustSelectAnArray() {
        Execution execution = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""",
                "{\"items\": {\"not\": \"an array\"}}");

        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("ItemsPath '$.items'"), execution.cause());
    }
}
