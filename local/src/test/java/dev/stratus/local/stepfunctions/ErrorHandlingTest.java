package dev.stratus.local.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry, Catch and timeouts, from the Developer Guide's "Error handling" page and the specification. */
class ErrorHandlingTest {
    private static final String FAIL_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:FailFunction";

    /** The Developer Guide's HelloWorld machine; the fallback state exists when a catcher names it. */
    private static String helloWorld(String fields) {
        String fallback = fields.contains("fallback")
                ? ", \"fallback\": {\"Type\": \"Pass\", \"Result\": \"Hello, AWS Step Functions!\", \"End\": true}" : "";
        return """
                {"StartAt": "HelloWorld", "States": {
                  "HelloWorld": {"Type": "Task", "Resource": "%s", %s "End": true}%s}}"""
                .formatted(FAIL_FUNCTION, fields, fallback);
    }

    /** A handler that fails with the given errors, one per call, then returns its input. */
    private static TaskHandler failing(String... errors) {
        Deque<String> remaining = new ArrayDeque<>(List.of(errors));
        return (input, context) -> {
            if (!remaining.isEmpty()) {
                throw new TaskError(remaining.pop(), "failure " + context.retryCount());
            }
            return input;
        };
    }

    @Test
    @Source("Developer Guide: Error handling — \"This example of a Retry makes 2 retry attempts after waiting for 3 and 4.5 seconds\"")
    void retryWaitsIntervalTimesBackoffRate() {
        Execution retried = StateMachineExecutor.create(Asl.load(helloWorld("""
                "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 3, "MaxAttempts": 2, "BackoffRate": 1.5}],
                "TimeoutSeconds": 2,""")))
                .lambda("FailFunction", (input, context) -> {
                    context.advance(Duration.ofSeconds(10));
                    return input;
                })
                .start("{}");

        assertEquals(ExecutionStatus.FAILED, retried.status());
        assertEquals("States.Timeout", retried.error());
        // Each attempt times out after 2 s; the waits between attempts are 3 s and 4.5 s.
        assertEquals(List.of(Duration.ofMillis(5000), Duration.ofMillis(6500)), Asl.gaps(retried, "LambdaFunctionScheduled"));
        assertEquals(3, retried.events("LambdaFunctionTimedOut").size());
    }

    @Test
    @Source("Developer Guide: Error handling — IntervalSeconds 1, MaxAttempts 3 and BackoffRate 2.0 by default")
    void retryDefaults() {
        Execution execution = StateMachineExecutor.create(Asl.load(helloWorld("\"Retry\": [{\"ErrorEquals\": [\"HandledError\"]}],")))
                .lambda("FailFunction", failing("HandledError", "HandledError", "HandledError", "HandledError"))
                .start("{}");

        assertEquals(ExecutionStatus.FAILED, execution.status());
        assertEquals("HandledError", execution.error());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)),
                Asl.gaps(execution, "LambdaFunctionScheduled"));
    }

    @Test
    @Source("Developer Guide: Error handling — MaxDelaySeconds caps the growing interval; MaxAttempts 0 never retries")
    void maxDelaySecondsCapsTheBackoff() {
        Execution capped = StateMachineExecutor.create(Asl.load(helloWorld("""
                "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 4, "MaxDelaySeconds": 10}],""")))
                .lambda("FailFunction", failing("Busy", "Busy", "Busy", "Busy"))
                .start("{}");
        assertEquals(ExecutionStatus.SUCCEEDED, capped.status());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(10), Duration.ofSeconds(10)),
                Asl.gaps(capped, "LambdaFunctionScheduled"));

        Execution never = StateMachineExecutor.create(Asl.load(helloWorld("""
                "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 0}, {"ErrorEquals": ["States.ALL"]}],""")))
                .lambda("FailFunction", failing("Busy"))
                .start("{}");
        assertEquals("Busy", never.error(), "the first matching retrier decides, even with MaxAttempts 0");
        assertEquals(1, never.events("LambdaFunctionScheduled").size());
    }

    @Test
    @Source("Developer Guide: Error handling — JitterStrategy FULL: a random delay between 0 and the computed backoff; stratus-local: seeded")
    void fullJitterStaysWithinTheBackoffAndRepeatsWithTheSeed() {
        String asl = helloWorld("""
                "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 4, "BackoffRate": 2, "MaxAttempts": 5, "JitterStrategy": "FULL"}],""");
        List<List<Duration>> runs = new ArrayList<>();
        for (long seed : new long[] {1, 1, 2}) {
            Execution execution = StateMachineExecutor.builder(Asl.load(asl)).seed(seed).build()
                    .lambda("FailFunction", failing("Busy", "Busy", "Busy", "Busy", "Busy")).start("{}");
            runs.add(Asl.gaps(execution, "LambdaFunctionScheduled"));
        }
        List<Duration> first = runs.get(0);
        for (int i = 0; i < 5; i++) {
            long max = 4_000L << i;
            long millis = first.get(i).toMillis();
            assertTrue(millis >= 0 && millis <= max, "retry " + i + " waited " + millis + " ms, outside [0, " + max + "]");
        }
        assertEquals(first, runs.get(1));
        assertTrue(!first.equals(runs.get(2)));
        assertTrue(first.stream().mapToLong(Duration::toMillis).sum() < 4_000 * 31, "jitter shortens the waits");
    }

    @Test
    @Source("Developer Guide: Error handling — Complex retry scenarios: ErrorA, ErrorB, ErrorC, ErrorB wait 1, 2 and 5 s, then the spent retrier sends ErrorB to Catch")
    void retrierCountsApplyAcrossAllVisitsOfTheRetrier() {
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "X", "States": {
                  "X": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:X", "Next": "Y",
                    "Retry": [{"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2.0, "MaxAttempts": 2},
                              {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5}],
                    "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}]},
                  "Y": {"Type": "Succeed"}, "Z": {"Type": "Succeed"}}}"""))
                .lambda("X", failing("ErrorA", "ErrorB", "ErrorC", "ErrorB", "ErrorB"))
                .start("{}");

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Asl.gaps(execution, "LambdaFunctionScheduled"));
        assertEquals(List.of("X", "Z"), execution.statesEntered());
        assertEquals("ErrorB", execution.output().get("Error").asText());
    }

    @Test
    @Source("Developer Guide: Error handling — Handling a failure using Catch: HandledError, and States.TaskFailed matching any error a function outputs")
    void catchTransitionsToTheFallback() {
        for (String errorEquals : new String[] {"HandledError", "States.TaskFailed", "States.ALL"}) {
            Execution execution = StateMachineExecutor.create(Asl.load(helloWorld(
                    "\"Catch\": [{\"ErrorEquals\": [\"" + errorEquals + "\"], \"Next\": \"fallback\"}],")))
                    .lambda("FailFunction", failing("HandledError"))
                    .start("{}");
            assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), errorEquals);
            assertEquals("Hello, AWS Step Functions!", execution.output().asText(), errorEquals);
        }
    }

    @Test
    @Source("Developer Guide: Error handling — States.TaskFailed matches any error except States.Timeout; a Catch on States.Timeout handles timeouts")
    void taskFailedDoesNotMatchTimeouts() {
        TaskHandler slow = (input, context) -> {
            context.advance(Duration.ofSeconds(10));
            return input;
        };
        Execution uncaught = StateMachineExecutor.create(Asl.load(helloWorld("""
                "TimeoutSeconds": 2, "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "fallback"}],""")))
                .lambda("FailFunction", slow).start("{}");
        assertEquals("States.Timeout", uncaught.error());
        assertEquals(Duration.ofSeconds(2), uncaught.duration());

        Execution caught = StateMachineExecutor.create(Asl.load(helloWorld("""
                "TimeoutSeconds": 2, "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "fallback"}],""")))
                .lambda("FailFunction", slow).start("{}");
        assertEquals(ExecutionStatus.SUCCEEDED, caught.status());
    }

    @Test
    @Source("Developer Guide: Error handling — the java.lang.Exception catcher with ResultPath $.error-info keeps the input; the States.ALL one replaces it")
    void catcherResultPathPlacesTheErrorOutput() {
        String asl = """
                {"StartAt": "Work", "States": {
                  "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Work", "End": true,
                    "Catch": [{"ErrorEquals": ["java.lang.Exception"], "ResultPath": "$.error-info", "Next": "RecoveryState"},
                              {"ErrorEquals": ["States.ALL"], "Next": "EndState"}]},
                  "RecoveryState": {"Type": "Succeed"}, "EndState": {"Type": "Succeed"}}}""";

        Execution recovered = StateMachineExecutor.create(Asl.load(asl))
                .lambda("Work", input -> {
                    throw new TaskError("java.lang.Exception", "boom");
                })
                .start("{\"order\": 1}");
        assertEquals(List.of("Work", "RecoveryState"), recovered.statesEntered());
        assertEquals(Asl.json("{\"order\": 1, \"error-info\": {\"Error\": \"java.lang.Exception\", \"Cause\": \"boom\"}}"),
                recovered.output());

        Execution ended = StateMachineExecutor.create(Asl.load(asl))
                .lambda("Work", input -> {
                    throw new IllegalStateException("unexpected");
                })
                .start("{\"order\": 1}");
        assertEquals(List.of("Work", "EndState"), ended.statesEntered());
        JsonNode errorOutput = ended.output();
        assertEquals("java.lang.IllegalStateException", errorOutput.get("Error").asText(),
                "an unhandled Java exception is named by its class, as Lambda's Java runtime reports it");
        JsonNode cause = Asl.json(errorOutput.get("Cause").asText());
        assertEquals("unexpected", cause.get("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", cause.get("errorType").asText());
    }

    @Test
    @Source("Developer Guide: Error handling — Retry before Catch: the catcher applies only once the retry policy fails to resolve the error")
    void retriesRunBeforeTheCatcher() {
        AtomicInteger calls = new AtomicInteger();
        Execution execution = StateMachineExecutor.create(Asl.load(helloWorld("""
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "fallback"}],""")))
                .lambda("FailFunction", (input, context) -> {
                    calls.incrementAndGet();
                    throw TaskError.functionError("HandledError", "still failing");
                })
                .start("{}");

        assertEquals(3, calls.get());
        assertEquals(List.of("HelloWorld", "fallback"), execution.statesEntered());
        assertEquals(Duration.ofSeconds(3), execution.duration());
    }

    @Test
    @Source("Developer Guide: Context object — State.RetryCount counts the retries of the current state")
    void retryCountIsInTheContextObject() {
        List<Integer> seen = new ArrayList<>();
        StateMachineExecutor.create(Asl.load("""
                {"StartAt": "Invoke", "States": {"Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "Flaky", "Payload": {"attempt.$": "$$.State.RetryCount"}},
                  "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2}],
                  "End": true}}}"""))
                .lambda("Flaky", input -> {
                    seen.add(input.get("attempt").asInt());
                    if (seen.size() < 3) {
                        throw TaskError.lambdaServiceException();
                    }
                    return input;
                })
                .start("{}");

        assertEquals(List.of(0, 1, 2), seen);
    }

    @Test
    @Source("ASL spec: Top-level fields — TimeoutSeconds: the execution fails with States.Timeout (status TIMED_OUT) when it runs longer")
    void theExecutionTimesOutOnTheVirtualClock() {
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "Poll", "TimeoutSeconds": 60, "States": {
                  "Poll": {"Type": "Wait", "Seconds": 25, "Next": "Again"},
                  "Again": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": true, "Next": "Done"}], "Default": "Poll"},
                  "Done": {"Type": "Succeed"}}}"""))
                .start("{\"done\": false}");

        assertEquals(ExecutionStatus.TIMED_OUT, execution.status());
        assertEquals("States.Timeout", execution.error());
        assertEquals(Duration.ofSeconds(60), execution.duration());
        assertEquals("ExecutionTimedOut", execution.history().get(execution.history().size() - 1).type());
    }

    @Test
    @Source("Developer Guide: Task — TimeoutSecondsPath reads the task's timeout from the input")
    void timeoutSecondsPathReadsTheTimeout() {
        StateMachineExecutor executor = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:T",
                  "TimeoutSecondsPath": "$.timeout", "End": true}}}"""))
                .lambda("T", (input, context) -> {
                    context.advance(Duration.ofSeconds(20));
                    return input;
                });

        assertEquals(ExecutionStatus.SUCCEEDED, executor.start("{\"timeout\": 30}").status());
        Execution timedOut = executor.start("{\"timeout\": 10}");
        assertEquals("States.Timeout", timedOut.error());
        assertEquals(Duration.ofSeconds(10), timedOut.duration());
        assertEquals(30L, executor.start("{\"timeout\": 30}").events("LambdaFunctionScheduled").get(0)
                .details().get("timeoutInSeconds").asLong());
    }

    @Test
    @Source("Developer Guide: Error handling — a Fail state inside a Parallel branch fails the Parallel state, whose Catch can handle its error")
    void aFailStateInABranchIsCaughtByTheParallelState() {
        Execution execution = StateMachineExecutor.create(Asl.load("""
                {"StartAt": "Both", "States": {
                  "Both": {"Type": "Parallel", "Next": "Ok",
                    "Catch": [{"ErrorEquals": ["Rejected"], "ResultPath": "$.why", "Next": "Compensate"}],
                    "Branches": [{"StartAt": "Reject", "States": {"Reject": {"Type": "Fail", "Error": "Rejected", "Cause": "by policy"}}}]},
                  "Ok": {"Type": "Succeed"}, "Compensate": {"Type": "Succeed"}}}"""))
                .start("{}");

        assertEquals(List.of("Both", "Reject", "Compensate"), execution.statesEntered());
        assertEquals(Asl.json("{\"why\": {\"Error\": \"Rejected\", \"Cause\": \"by policy\"}}"), execution.output());
    }
}
