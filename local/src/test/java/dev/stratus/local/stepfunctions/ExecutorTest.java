package dev.stratus.local.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The execution history, the virtual clock, handler lookup and the executor's own rules. */
class ExecutorTest {
    private static final String INVOKE = """
            {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "%s", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}}""";

    private static List<String> types(Execution execution) {
        return execution.history().stream().map(HistoryEvent::type).toList();
    }

    @Test
    @Source("Developer Guide: execution history event types — ExecutionStarted, TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited, ExecutionSucceeded")
    void recordsTheEventsStepFunctionsRecords() {
        Execution execution = StateMachineExecutor.create(Asl.load(INVOKE.formatted("Charge")))
                .lambda("Charge", input -> Asl.json("{\"charged\": true}"))
                .start("{\"amount\": 5}");

        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                "TaskStateExited", "ExecutionSucceeded"), types(execution));
        List<HistoryEvent> history = execution.history();
        for (int i = 0; i < history.size(); i++) {
            assertEquals(i + 1, history.get(i).id());
            assertEquals(i, history.get(i).previousEventId());
        }
        assertEquals(Asl.json("{\"amount\": 5}"), history.get(0).input().orElseThrow());
        assertEquals("Charge", history.get(1).stateName().orElseThrow());
        JsonNode scheduled = history.get(2).details();
        assertEquals("lambda", scheduled.get("resourceType").asText());
        assertEquals("invoke", scheduled.get("resource").asText());
        assertEquals(Asl.json("{\"FunctionName\": \"Charge\", \"Payload\": {\"amount\": 5}}"), Asl.json(scheduled.get("parameters").asText()));
        assertEquals(Asl.json("{\"charged\": true}"), history.get(6).output().orElseThrow());
    }

    @Test
    @Source("Developer Guide: execution history — TaskFailed carries error and cause; ExecutionFailed ends a failed execution")
    void recordsFailures() {
        Execution execution = StateMachineExecutor.create(Asl.load(INVOKE.formatted("Charge")))
                .lambda("Charge", input -> {
                    throw TaskError.functionError("CardDeclined", "insufficient funds");
                })
                .start("{}");

        assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed"),
                types(execution));
        HistoryEvent failed = execution.events("TaskFailed").get(0);
        assertEquals("CardDeclined", failed.error().orElseThrow());
        assertEquals(Asl.json("{\"errorMessage\": \"insufficient funds\", \"errorType\": \"CardDeclined\", \"stackTrace\": []}"),
                Asl.json(failed.cause().orElseThrow()));
        assertEquals("CardDeclined", execution.error());
        assertTrue(execution.toString().contains("5 " + "2026-01-01T00:00:00.000Z TaskFailed"), execution.toString());
    }

    @Test
    @Source("stratus-local: the virtual clock starts where configured and carries on from one execution to the next")
    void theClockCarriesOnBetweenExecutions() {
        StateMachineExecutor executor = StateMachineExecutor.builder(Asl.load("""
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"""))
                .startTime(Instant.parse("2030-06-01T12:00:00Z")).build();

        Execution first = executor.start("{}");
        Execution second = executor.advanceClock(Duration.ofMinutes(30)).start("{}");

        assertEquals(Instant.parse("2030-06-01T12:00:00Z"), first.startDate());
        assertEquals(Instant.parse("2030-06-01T13:00:00Z"), first.stopDate());
        assertEquals(Instant.parse("2030-06-01T13:30:00Z"), second.startDate());
        assertEquals(Instant.parse("2030-06-01T14:30:00Z"), executor.now());
        assertEquals(Instant.parse("2030-06-01T13:30:00Z"), second.events("WaitStateEntered").get(0).timestamp());
    }

    @Test
    @Source("Developer Guide: StartExecution — the name is 1 to 80 characters and part of the execution ARN; stratus-local: generated names repeat with the seed")
    void executionNames() {
        StateMachineDefinition definition = Asl.load("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}");

        Execution named = StateMachineExecutor.create(definition).start("order-1", Asl.json("{}"));
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:StateMachine:order-1", named.executionArn());
        assertEquals(StateMachineExecutor.create(definition).start("{}").name(), StateMachineExecutor.create(definition).start("{}").name());
        assertNotEquals(StateMachineExecutor.builder(definition).seed(1).build().start("{}").name(),
                StateMachineExecutor.builder(definition).seed(2).build().start("{}").name());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> StateMachineExecutor.create(definition).start("has space", Asl.json("{}")));
        assertTrue(bad.getMessage().contains("'has space'"), bad.getMessage());
    }

    @Test
    @Source("stratus-local: handlers see the state name, retry count, execution ARN and virtual time")
    void handlersSeeTheirContext() {
        List<String> seen = new ArrayList<>();
        StateMachineExecutor.builder(Asl.load("""
                {"StartAt": "Wait", "States": {"Wait": {"Type": "Wait", "Seconds": 60, "Next": "Charge"},
                  "Charge": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Charge",
                    "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 10}], "End": true}}}"""))
                .startTime(Instant.parse("2026-05-01T00:00:00Z")).build()
                .lambda("Charge", (input, context) -> {
                    seen.add(context.stateName() + " " + context.retryCount() + " " + context.now() + " "
                            + context.contextObject().at("/State/EnteredTime").asText());
                    assertTrue(context.executionArn().startsWith("arn:aws:states:us-east-1:123456789012:execution:StateMachine:"));
                    if (context.retryCount() == 0) {
                        throw new TaskError("Busy", null);
                    }
                    return input;
                })
                .start("{}");

        assertEquals(List.of("Charge 0 2026-05-01T00:01:00Z 2026-05-01T00:01:00.000Z",
                "Charge 1 2026-05-01T00:01:10Z 2026-05-01T00:01:00.000Z"), seen);
    }

    @Test
    @Source("stratus-local: a handler is found by exact key first, then by the longest key that prefixes the logical id, the alias's function id or the function name in an ARN")
    void handlerLookup() {
        Map<String, Object> template = Map.of("Resources", Map.of(
                "SagaPayLiveAlias9A8B7C6D", Map.of("Type", "AWS::Lambda::Alias", "Properties", Map.of(
                        "FunctionName", Map.of("Ref", "SagaPayFunction1A2B3C4D"), "Name", "live")),
                "SagaPayFunction1A2B3C4D", Map.of("Type", "AWS::Lambda::Function"),
                "Machine", Map.of("Type", "AWS::StepFunctions::StateMachine", "Properties", Map.of("DefinitionString",
                        Map.of("Fn::Join", List.of("", List.of(INVOKE.formatted("").split("\"FunctionName\": \"\"")[0]
                                + "\"FunctionName\": \"", Map.of("Ref", "SagaPayLiveAlias9A8B7C6D"), "\""
                                + INVOKE.formatted("").split("\"FunctionName\": \"\"")[1])))))));
        StateMachineDefinition definition = StateMachineDefinition.fromTemplate(template, "Machine");

        assertEquals("by function", StateMachineExecutor.create(definition)
                .lambda("Saga", input -> Asl.json("\"short prefix\""))
                .lambda("SagaPayFunction", input -> Asl.json("\"by function\""))
                .start("{}").output().asText(), "the longest prefix wins");
        assertEquals("exact", StateMachineExecutor.create(definition)
                .lambda("SagaPayLiveAlias", input -> Asl.json("\"prefix\""))
                .lambda("SagaPayFunction1A2B3C4D", input -> Asl.json("\"exact\""))
                .start("{}").output().asText(), "an exact logical id beats a prefix");

        StateMachineDefinition byArn = Asl.load(INVOKE.formatted("arn:aws:lambda:us-east-1:123456789012:function:charge-card:live"));
        assertEquals("by name", StateMachineExecutor.create(byArn)
                .lambda("charge-card", input -> Asl.json("\"by name\"")).start("{}").output().asText());

        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> StateMachineExecutor.create(definition).lambda("Other", input -> input).start("{}"));
        assertTrue(missing.getMessage().contains("[SagaPayLiveAlias9A8B7C6D, SagaPayFunction1A2B3C4D]")
                && missing.getMessage().contains("registered: [Other]"), missing.getMessage());
    }

    @Test
    @Source("Developer Guide: Quotas — an execution history has at most 25,000 events; the execution fails when it would exceed them")
    void aRunawayLoopEndsAtTheHistoryQuota() {
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "Spin", "States": {"Spin": {"Type": "Pass", "Next": "Again"},
                  "Again": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "BooleanEquals": true, "Next": "Done"}], "Default": "Spin"},
                  "Done": {"Type": "Succeed"}}}"""))
                .start("{\"stop\": false}");

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("States.Runtime", execution.error());
        assertTrue(execution.cause().contains("25000 history events"), execution.cause());
        assertEquals(25_001, execution.history().size());
    }

    @Test
    @Source("Developer Guide: Standard vs Express workflows — an Express execution runs for at most five minutes")
    void expressExecutionsLastAtMostFiveMinutes() {
        Map<String, Object> template = Map.of("Resources", Map.of("Fast", Map.of("Type", "AWS::StepFunctions::StateMachine",
                "Properties", Map.of("StateMachineType", "EXPRESS", "DefinitionString",
                        "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 600, \"End\": true}}}"))));

        Execution execution = StateMachineExecutor.create(StateMachineDefinition.fromTemplate(template)).start("{}");

        assertEquals(ExecutionStatus.TIMED_OUT, execution.status());
        assertEquals(Duration.ofMinutes(5), execution.duration());
    }

    @Test
    @Source("stratus-local: an assertion failing inside a handler fails the test instead of becoming a task error")
    void errorsThrownByHandlersPropagate() {
        StateMachineExecutor executor = StateMachineExecutor.create(Asl.load(INVOKE.formatted("Charge")))
                .lambda("Charge", input -> {
                    throw new AssertionError("expected amount");
                });

        AssertionError e = assertThrows(AssertionError.class, () -> executor.start("{}"));
        assertEquals("expected amount", e.getMessage());
    }

    /** An input type a handler class might use. */
    record Charge(String orderId, int amount) {
    }

    @Test
    @Source("stratus-local: TaskHandler.of converts the input to a Java type and the result back to JSON, as a Java Lambda runtime does with Jackson")
    void typedHandlers() {
        Execution execution = StateMachineExecutor.create(Asl.load(INVOKE.formatted("Charge")))
                .lambda("Charge", TaskHandler.of(Charge.class, charge -> Map.of("charged", charge.amount(), "order", charge.orderId())))
                .start("{\"orderId\": \"o-1\", \"amount\": 12}");

        assertEquals(Asl.json("{\"charged\": 12, \"order\": \"o-1\"}"), execution.output());
    }

    @Test
    @Source("stratus-local: the definition's accessors give the rendered ASL, the states and the task targets")
    void definitionAccessors() {
        StateMachineDefinition definition = Asl.load(INVOKE.formatted("Charge"));

        assertEquals("Charge", definition.startAt());
        assertEquals(java.util.Set.of("Charge"), definition.stateNames());
        assertEquals(Map.of("Charge", "Charge"), definition.taskTargets());
        assertEquals(definition.asl(), Asl.json(definition.aslJson()));
        assertTrue(definition.logicalId().isEmpty());
        assertTrue(definition.timeout().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> StateMachineExecutor.create(definition).lambda("", input -> input));
    }
}
