package dev.stratus.local.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Runs definitions exactly as aws-cdk-lib 2.263.0 synthesizes them. The template
 * {@code stepfunctions/cdk-2.263-saga.template.json} is {@code Template.fromStack(stack).toJSON()} of
 * a stack with, in CDK's Java API:
 * <pre>{@code
 * LambdaInvoke processOrder = LambdaInvoke.Builder.create(stack, "ProcessOrder").lambdaFunction(processLive)  // an Alias
 *     .payload(TaskInput.fromObject(Map.of("orderId", JsonPath.stringAt("$.detail.orderId"),
 *                                          "execution", JsonPath.stringAt("$$.Execution.Id"))))
 *     .resultSelector(Map.of("status.$", "$.Payload.status")).resultPath("$.process")
 *     .taskTimeout(Timeout.duration(Duration.seconds(30))).build();
 * processOrder.addRetry(RetryProps.builder().errors(List.of("TransientError")).interval(Duration.seconds(2))
 *     .backoffRate(2).maxAttempts(3).maxDelay(Duration.seconds(5)).jitterStrategy(JitterType.FULL).build());
 * LambdaInvoke validatePayment = ... .lambdaFunction(paymentLive).payloadResponseOnly(true).resultPath("$.payment");
 * LambdaInvoke cancelOrder = ... .lambdaFunction(cancelFunction).outputPath("$.Payload");
 * Fail sagaFailed = ... .error("SagaFailed").causePath(JsonPath.format("Step {} failed", JsonPath.stringAt("$.failedStep")));
 * validatePayment.addCatch(cancelOrder.next(sagaFailed), CatchProps.builder().errors(List.of("States.ALL")).resultPath("$.error").build());
 * StateMachine "Workflow": processOrder -> validatePayment -> Succeed "Done", timeout 5 minutes
 * StateMachine "Fulfilment": Pass "Prepare" (intrinsics) -> Map "EachLine" (itemSelector, maxConcurrency 2,
 *     LambdaInvoke "ReserveLine") -> Choice "BigOrder" (and(isPresent, numberGreaterThan 2))
 *     -> Parallel "NotifyBoth" (Pass "Email", Wait "Settle" secondsPath) | Succeed "Small"
 * }</pre>
 * CDK writes each definition as {@code Fn::Join} over text, {@code Ref} of the aliases (an alias's
 * Ref is its ARN), {@code Fn::GetAtt} of the functions' {@code Arn} and {@code Ref AWS::Partition}.
 */
class CdkTemplateTest {
    private static final Map<String, Object> TEMPLATE = Asl.template("cdk-2.263-saga.template.json");

    private static StateMachineDefinition workflow() {
        return StateMachineDefinition.fromTemplate(TEMPLATE, "Workflow");
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) Asl.json(json);
    }

    @Test
    @Source("CloudFormation: Fn::Join, Ref and Fn::GetAtt in AWS::StepFunctions::StateMachine DefinitionString, as CDK LambdaInvoke renders them")
    void rendersTheDefinitionWithStablePlaceholders() {
        StateMachineDefinition definition = workflow();

        assertEquals("Workflow193EF7C1", definition.name());
        assertEquals(StateMachineDefinition.Type.STANDARD, definition.type());
        assertEquals(Duration.ofMinutes(5), definition.timeout().orElseThrow());
        assertEquals(Map.of(
                "ProcessOrder", "${ProcessOrderLive0C458C2F}",
                "ValidatePayment", "${ValidatePaymentLive62C3183F}",
                "CancelOrder", "${CancelOrderFnE04C7C91.Arn}"), definition.taskTargets());
        assertEquals("arn:aws:states:::lambda:invoke",
                definition.asl().at("/States/ProcessOrder/Resource").asText(), "Ref AWS::Partition renders as aws");
    }

    @Test
    @Source("CDK LambdaInvoke: payload and resultSelector over the invoke result's Payload; payloadResponseOnly uses the function ARN as Resource")
    void runsTheSynthesizedChain() {
        List<JsonNode> processInputs = new ArrayList<>();
        Execution execution = StateMachineExecutor.create(workflow())
                // ProcessOrderLive0C458C2F is an alias of ProcessOrderFn318A375B: the function's prefix finds it
                .lambda("ProcessOrderFn", input -> {
                    processInputs.add(input);
                    return object("{\"status\": \"PROCESSING\", \"ignored\": 1}");
                })
                .lambda("ValidatePayment", input -> object("{\"authorized\": true}"))
                .lambda("CancelOrder", input -> {
                    throw new AssertionError("no compensation on the happy path");
                })
                .start("{\"detail\": {\"orderId\": \"o-1\"}}");

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        assertEquals(List.of("ProcessOrder", "ValidatePayment", "Done"), execution.statesEntered());
        assertEquals(Asl.json("{\"orderId\": \"o-1\", \"execution\": \"" + execution.executionArn() + "\"}"),
                processInputs.get(0), "the Payload parameter, with $$.Execution.Id");
        assertEquals(Asl.json("{\"detail\": {\"orderId\": \"o-1\"}, \"process\": {\"status\": \"PROCESSING\"},"
                + " \"payment\": {\"authorized\": true}}"), execution.output());
        assertEquals(1, execution.events("TaskScheduled").size(), "lambda:invoke records Task events");
        assertEquals(1, execution.events("LambdaFunctionScheduled").size(), "a function ARN as Resource records LambdaFunction events");
    }

    @Test
    @Source("CDK addCatch with resultPath; Fail causePath with JsonPath.format (States.Format)")
    void catchRoutesAFailureToTheCompensationAndFailsWithItsCause() {
        List<JsonNode> compensationInputs = new ArrayList<>();
        Execution execution = StateMachineExecutor.create(workflow())
                .lambda("ProcessOrder", input -> object("{\"status\": \"PROCESSING\"}"))
                .lambda("ValidatePayment", input -> {
                    throw new TaskError("PaymentDeclined", "over the credit limit");
                })
                .lambda("CancelOrder", input -> {
                    compensationInputs.add(input);
                    return object("{\"failedStep\": \"ValidatePayment\"}");
                })
                .start("{\"detail\": {\"orderId\": \"o-2\"}}");

        assertEquals(ExecutionStatus.FAILED, execution.status(), execution::toString);
        assertEquals("SagaFailed", execution.error());
        assertEquals("Step ValidatePayment failed", execution.cause());
        assertEquals(List.of("ProcessOrder", "ValidatePayment", "CancelOrder", "SagaFailed"), execution.statesEntered());
        assertEquals(Asl.json("{\"Error\": \"PaymentDeclined\", \"Cause\": \"over the credit limit\"}"),
                compensationInputs.get(0).get("error"), "Catch ResultPath $.error keeps the input and adds the error");
        assertEquals("o-2", compensationInputs.get(0).at("/detail/orderId").asText());
    }

    @Test
    @Source("CDK LambdaInvoke retryOnServiceExceptions: Lambda.ServiceException retried, IntervalSeconds 2, MaxAttempts 6, BackoffRate 2")
    void retriesLambdaServiceExceptionsAsCdkConfiguresThem() {
        AtomicInteger calls = new AtomicInteger();
        Execution execution = StateMachineExecutor.create(workflow())
                .lambda("ProcessOrder", input -> {
                    if (calls.incrementAndGet() <= 3) {
                        throw TaskError.lambdaServiceException();
                    }
                    return object("{\"status\": \"PROCESSING\"}");
                })
                .lambda("ValidatePayment", input -> object("{}"))
                .start("{\"detail\": {\"orderId\": \"o-3\"}}");

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        assertEquals(4, calls.get());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)),
                Asl.gaps(execution, "TaskScheduled"));
    }

    @Test
    @Source("Developer Guide: Error handling — MaxDelaySeconds caps the interval; JitterStrategy FULL picks a random delay between 0 and it")
    void transientErrorsWaitACappedJitteredDelayThatTheSeedRepeats() {
        List<Duration> first = transientDelays(7);
        List<Duration> again = transientDelays(7);
        List<Duration> other = transientDelays(8);

        assertEquals(3, first.size());
        List<Duration> caps = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            assertTrue(!first.get(i).isNegative() && first.get(i).compareTo(caps.get(i)) <= 0,
                    "delay " + i + " is " + first.get(i) + ", outside [0, " + caps.get(i) + "]");
        }
        assertEquals(first, again, "the same seed gives the same jitter");
        assertNotEquals(first, other, "another seed gives other delays");
    }

    private static List<Duration> transientDelays(long seed) {
        AtomicInteger calls = new AtomicInteger();
        Execution execution = StateMachineExecutor.builder(workflow()).seed(seed).build()
                .lambda("ProcessOrder", input -> {
                    if (calls.incrementAndGet() <= 3) {
                        throw new TaskError("TransientError", "try again");
                    }
                    return object("{\"status\": \"PROCESSING\"}");
                })
                .lambda("ValidatePayment", input -> object("{}"))
                .start("{\"detail\": {\"orderId\": \"o-4\"}}");
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        return Asl.gaps(execution, "TaskScheduled");
    }

    @Test
    @Source("CDK LambdaInvoke taskTimeout renders TimeoutSeconds; Developer Guide: States.Timeout when a Task runs longer than TimeoutSeconds")
    void aTaskRunningPastItsTimeoutFailsWithStatesTimeoutAfterThirtyVirtualSeconds() {
        Execution execution = StateMachineExecutor.create(workflow())
                .lambda("ProcessOrder", (input, context) -> {
                    context.advance(Duration.ofSeconds(45));
                    return object("{\"status\": \"PROCESSING\"}");
                })
                .start("{\"detail\": {\"orderId\": \"o-5\"}}");

        assertEquals(ExecutionStatus.FAILED, execution.status(), execution::toString);
        assertEquals("States.Timeout", execution.error());
        assertEquals(Duration.ofSeconds(30), execution.duration());
        assertEquals(1, execution.events("TaskTimedOut").size());
    }

    @Test
    @Source("CDK Map itemSelector with $$.Map.Item, maxConcurrency; Choice and/isPresent/numberGreaterThan; Parallel; Wait secondsPath; JsonPath.arrayLength/format/uuid")
    void runsTheFulfilmentMachineWithMapChoiceParallelAndWait() {
        StateMachineDefinition fulfilment = StateMachineDefinition.fromTemplate(TEMPLATE, "Fulfilment");
        List<JsonNode> reserved = new ArrayList<>();
        Execution execution = StateMachineExecutor.create(fulfilment)
                .lambda("ReserveLineFn", (input, context) -> {
                    reserved.add(input);
                    context.advance(Duration.ofSeconds(10));
                    return object("{\"sku\": \"" + input.get("sku").asText() + "\", \"reserved\": true}");
                })
                .start("{\"orderId\": \"o-9\", \"lines\": [{\"sku\": \"a\"}, {\"sku\": \"b\"}, {\"sku\": \"c\"}], \"settleSeconds\": 60}");

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        assertEquals(Asl.json("[{\"sku\": \"a\", \"index\": 0, \"orderId\": \"o-9\"}, {\"sku\": \"b\", \"index\": 1, \"orderId\": \"o-9\"},"
                + " {\"sku\": \"c\", \"index\": 2, \"orderId\": \"o-9\"}]"), Asl.MAPPER.valueToTree(reserved));
        JsonNode output = execution.output();
        assertEquals("order-o-9", output.get("label").asText());
        assertEquals(3, output.get("lineCount").asInt());
        assertTrue(output.get("requestId").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertEquals(3, output.get("reserved").size());
        assertEquals("emailed", output.at("/notified/0").asText());
        assertEquals(List.of("Prepare", "EachLine", "ReserveLine", "ReserveLine", "ReserveLine", "BigOrder", "NotifyBoth",
                "Email", "Settle"), execution.statesEntered());
        // Three ten-second items two at a time take 20 s; the Settle branch waits 60 s.
        assertEquals(Duration.ofSeconds(80), execution.duration());
    }

    @Test
    @Source("stratus-local: a task whose function has no handler stops the test, naming the function and the state")
    void aTaskWithoutAHandlerFailsLoudly() {
        StateMachineExecutor executor = StateMachineExecutor.create(workflow())
                .lambda("ProcessOrder", input -> object("{\"status\": \"PROCESSING\"}"))
                .lambda("ValidatePayment", input -> {
                    throw new TaskError("PaymentDeclined", null);
                });

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> executor.start("{\"detail\": {\"orderId\": \"o-6\"}}"));
        assertTrue(e.getMessage().contains("${CancelOrderFnE04C7C91.Arn}") && e.getMessage().contains("state 'CancelOrder'"),
                e.getMessage());
    }

    @Test
    @Source("stratus-local: fromTemplate finds a state machine by logical id or unique prefix and names the candidates otherwise")
    void findsStateMachinesByPrefixAndRefusesAmbiguity() {
        assertEquals("FulfilmentB5B164CA", StateMachineDefinition.fromTemplate(TEMPLATE, "FulfilmentB5B164CA").name());

        IllegalArgumentException ambiguous = assertThrows(IllegalArgumentException.class,
                () -> StateMachineDefinition.fromTemplate(TEMPLATE));
        assertTrue(ambiguous.getMessage().contains("FulfilmentB5B164CA") && ambiguous.getMessage().contains("Workflow193EF7C1"),
                ambiguous.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> StateMachineDefinition.fromTemplate(TEMPLATE, "Checkout"));
        assertTrue(missing.getMessage().contains("'Checkout'"), missing.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> StateMachineDefinition.fromTemplate(Map.of("Resources", Map.of())));
        assertTrue(none.getMessage().contains("no AWS::StepFunctions::StateMachine"), none.getMessage());
    }

    private static Map<String, Object> machine(Map<String, Object> properties, Map<String, Object> otherResources) {
        Map<String, Object> resources = new java.util.LinkedHashMap<>(otherResources);
        resources.put("Machine1234ABCD", Map.of("Type", "AWS::StepFunctions::StateMachine", "Properties", properties));
        return Map.of("Resources", resources);
    }

    @Test
    @Source("CloudFormation: Fn::Sub with pseudo parameters and resource attributes; Fn::Select and Fn::Split; StateMachineType EXPRESS")
    void rendersSubSelectAndSplitAndReadsTheType() {
        String asl = "{\"StartAt\":\"Call\",\"States\":{\"Call\":{\"Type\":\"Task\",\"Resource\":\"arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}\",\"Parameters\":{\"zone.$\":\"States.Format('{}', '#ZONE#')\"},\"End\":true}}}";
        Map<String, Object> template = machine(Map.of(
                "StateMachineType", "EXPRESS",
                "DefinitionString", Map.of("Fn::Join", List.of("", List.of(
                        Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of("#ZONE#", asl)))),
                        Map.of("Fn::Select", List.of(1, List.of("a", "eu-1"))),
                        Map.of("Fn::Select", List.of(1, Map.of("Fn::Split", List.of("#ZONE#", asl)))))))),
                Map.of());
        // Fn::Sub is applied by rendering a DefinitionString given as Fn::Sub
        Map<String, Object> sub = machine(Map.of("DefinitionString", Map.of("Fn::Sub", List.of(asl.replace("#ZONE#", "z"),
                Map.of("Fn", Map.of("Ref", "MyFunctionABC"))))), Map.of());

        StateMachineDefinition selected = StateMachineDefinition.fromTemplate(template, "Machine");
        assertEquals(StateMachineDefinition.Type.EXPRESS, selected.type());
        assertEquals("States.Format('{}', 'eu-1')", selected.asl().at("/States/Call/Parameters/zone.$").asText());
        assertEquals("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}",
                selected.asl().at("/States/Call/Resource").asText(), "text outside Fn::Sub is left alone");

        StateMachineDefinition substituted = StateMachineDefinition.fromTemplate(sub, "Machine");
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:${MyFunctionABC}",
                substituted.asl().at("/States/Call/Resource").asText());
        Execution execution = StateMachineExecutor.create(substituted).lambda("MyFunction", input -> input).start("{}");
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution::toString);
        assertTrue(execution.executionArn().startsWith("arn:aws:states:us-east-1:123456789012:execution:Machine1234ABCD:"));
        assertTrue(StateMachineExecutor.create(selected).lambda("Fn", input -> input).start("{}")
                .executionArn().contains(":express:Machine1234ABCD:"), "Express executions have express ARNs");
    }

    @Test
    @Source("CloudFormation: AWS::StepFunctions::StateMachine Definition (object) and DefinitionSubstitutions")
    void appliesDefinitionSubstitutionsAndReadsObjectDefinitions() {
        Map<String, Object> definition = Map.of("StartAt", "Call", "States", Map.of("Call", Map.of(
                "Type", "Task", "Resource", "${fn}", "End", true)));
        Map<String, Object> template = machine(Map.of("Definition", definition,
                "DefinitionSubstitutions", Map.of("fn", Map.of("Fn::GetAtt", List.of("CheckFunction77", "Arn")))), Map.of(
                "CheckFunction77", Map.of("Type", "AWS::Lambda::Function")));

        StateMachineDefinition loaded = StateMachineDefinition.fromTemplate(template, "Machine1234ABCD");
        assertEquals(Map.of("Call", "${CheckFunction77.Arn}"), loaded.taskTargets());
        Execution execution = StateMachineExecutor.create(loaded)
                .lambda("CheckFunction", input -> object("{\"checked\": true}")).start("{}");
        assertEquals(Asl.json("{\"checked\": true}"), execution.output());
    }

    @Test
    @Source("stratus-local: intrinsics it cannot render (Fn::If) and definitions in S3 are refused by name")
    void refusesIntrinsicsItCannotRender() {
        Map<String, Object> withIf = machine(Map.of("DefinitionString", Map.of("Fn::Join", List.of("", List.of(
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Result\":\"",
                Map.of("Fn::If", List.of("IsProd", "p", "d")), "\",\"End\":true}}}")))), Map.of());
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> StateMachineDefinition.fromTemplate(withIf, "Machine"));
        assertTrue(e.getMessage().contains("Fn::If"), e.getMessage());

        Map<String, Object> inS3 = machine(Map.of("DefinitionS3Location", Map.of("Bucket", "b", "Key", "k")), Map.of());
        UnsupportedFeatureException s3 = assertThrows(UnsupportedFeatureException.class,
                () -> StateMachineDefinition.fromTemplate(inS3, "Machine"));
        assertTrue(s3.getMessage().contains("DefinitionS3Location"), s3.getMessage());
    }
}
