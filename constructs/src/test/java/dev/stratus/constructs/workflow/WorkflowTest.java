package dev.stratus.constructs.workflow;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.AlarmTuning;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.Result;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

class WorkflowTest {
    /** Map.of for more than ten pairs. */
    static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static final String CODE = "src/test/resources/fake-function";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> LAMBDA_ERRORS = List.of("Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException",
            "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException");

    static SecureFunction fn(Stack stack, String id) {
        return SecureFunction.Builder.create(stack, id).handler("com.example." + id + "::handleRequest").codePath(CODE).build();
    }

    /** The definition as deployed, with {@code ${LogicalId}} for each reference (as stratus-local renders it). */
    static JsonNode definition(Template template) {
        Map<String, Map<String, Object>> machines = template.findResources("AWS::StepFunctions::StateMachine");
        assertEquals(1, machines.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) machines.values().iterator().next().get("Properties");
        StringBuilder text = new StringBuilder();
        Object body = props.get("DefinitionString");
        List<?> parts = body instanceof Map<?, ?> join ? (List<?>) ((List<?>) join.get("Fn::Join")).get(1) : List.of(body);
        for (Object part : parts) {
            if (part instanceof String s) {
                text.append(s);
            } else if (part instanceof Map<?, ?> ref && ref.containsKey("Ref")) {
                text.append("${").append(ref.get("Ref")).append("}");
            } else if (part instanceof Map<?, ?> att && att.containsKey("Fn::GetAtt")) {
                text.append("${").append(String.join(".", ((List<?>) att.get("Fn::GetAtt")).stream().map(String::valueOf).toList())).append("}");
            } else {
                throw new AssertionError("unexpected part of the definition: " + part);
            }
        }
        try {
            return JSON.readTree(text.toString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The reference saga's shape, from one synthesis: three steps, two compensations, a rule on a bus. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Defaults {
        Stack stack;
        Template template;
        Workflow saga;
        JsonNode states;
        SecureFunction starter;

        @BeforeAll
        void synth() {
            stack = new Stack(new App(), "Test");
            saga = Workflow.Builder.create(stack, "Saga")
                    .step(WorkflowStep.of("ProcessOrder", fn(stack, "Process")).compensation(fn(stack, "Cancel"))
                            .endWhen(Condition.booleanEquals(Workflow.resultPath("ProcessOrder") + ".proceed", false)))
                    .step(WorkflowStep.of("ValidatePayment", fn(stack, "Pay")).compensation(fn(stack, "Void"))
                            .businessErrors("com.example.PaymentDeclined").transientErrors("com.example.GatewayBusy"))
                    .step(WorkflowStep.of("UpdateInventory", fn(stack, "Reserve")))
                    .build();
            saga.startOnEvent(new EventBus(stack, "Bus"), EventPattern.builder().detailType(List.of("order.placed")).build());
            starter = fn(stack, "Starter");
            saga.grantStartExecution(starter);
            template = Template.fromStack(stack);
            states = definition(template).get("States");
        }

        @Test
        void isAStandardStateMachineNamedAfterStackAndPathWithAnHourTimeout() {
            template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                    "StateMachineName", "Test-Saga", "StateMachineType", "STANDARD"));
            assertEquals(3600, definition(template).get("TimeoutSeconds").asInt());
            assertEquals("ProcessOrder", definition(template).get("StartAt").asText());
            assertEquals(List.of("ProcessOrder", "ValidatePayment", "UpdateInventory"), saga.getStepNames());
            assertEquals(StateMachineType.STANDARD, saga.getType());
        }

        @Test
        void logsEverythingButExecutionDataToAnEncryptedVendedLogGroupWithRetention() {
            template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of("LoggingConfiguration", Map.of(
                    "Level", "ALL",
                    "IncludeExecutionData", false,
                    "Destinations", List.of(Map.of("CloudWatchLogsLogGroup", Map.of(
                            "LogGroupArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SagaLogGroup.*"), "Arn"))))))));
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                    "LogGroupName", "/aws/vendedlogs/states/Test/Saga",
                    "RetentionInDays", 30,
                    "KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SagaKey.*"), "Arn"))));
        }

        @Test
        void tracesAndEncryptsExecutionDataWithTheCustomerManagedKey() {
            template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                    "TracingConfiguration", Map.of("Enabled", true),
                    "EncryptionConfiguration", Map.of(
                            "Type", "CUSTOMER_MANAGED_KMS_KEY",
                            "KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SagaKey.*"), "Arn")),
                            "KmsDataKeyReusePeriodSeconds", 300)));
            template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
                    "Description", "Encrypts the executions, logs and dead-letter queues of Test/Saga"));
        }

        @Test
        void theKeyServesOnlyTheStacksStateMachineLogGroupsAndLogDeliveryUnderItsContext() {
            Object logGroups = Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(":log-group:/aws/vendedlogs/states/Test/*"))));
            Object logsOfThisAccount = Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":logs:",
                    Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":*")));
            Object logs = Match.objectLike(Map.of(
                    "Sid", "AllowCloudWatchLogsForStatesOfTest",
                    "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", logGroups))));
            Object delivery = Match.objectLike(Map.of(
                    "Principal", Map.of("Service", "delivery.logs.amazonaws.com"),
                    "Action", "kms:Decrypt",
                    "Condition", Map.of("StringEquals", Map.of("kms:EncryptionContext:SourceArn", logsOfThisAccount))));
            template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(logs, delivery)))));
        }

        @Test
        void theRoleIsAssumableByThisAccountsStepFunctionsAndInvokesOnlyTheLiveAliases() {
            template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                    "Action", "sts:AssumeRole",
                    "Effect", "Allow",
                    "Principal", Map.of("Service", "states.amazonaws.com"),
                    "Condition", Map.of(
                            "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId")),
                            "ArnLike", Map.of("aws:SourceArn", Match.anyValue())))))));
            List<Object> invoked = new ArrayList<>();
            for (Map<String, Object> statement : statements("SagaRoleDefaultPolicy")) {
                if ("lambda:InvokeFunction".equals(statement.get("Action"))) {
                    invoked.add(statement.get("Resource"));
                }
                assertFalse(String.valueOf(statement.get("Resource")).equals("*"), statement.toString());
            }
            assertEquals(5, invoked.size(), invoked.toString());
            for (Object resource : invoked) {
                assertTrue(resource.toString().matches("\\{Ref=(Process|Cancel|Pay|Void|Reserve)LiveAlias[0-9A-F]{8}}"), resource.toString());
            }
        }

        @Test
        void theRoleUsesTheKeyOnlyForThisStateMachinesDataAndItsLogDelivery() {
            List<Map<String, Object>> kms = statements("SagaRoleDefaultPolicy").stream()
                    .filter(s -> String.valueOf(s.get("Action")).contains("kms:")).toList();
            assertEquals(2, kms.size());
            assertEquals(List.of("kms:Decrypt", "kms:GenerateDataKey"), kms.get(0).get("Action"));
            assertTrue(kms.get(0).get("Condition").toString().contains("kms:EncryptionContext:aws:states:stateMachineArn"));
            assertTrue(kms.get(0).get("Condition").toString().contains(":stateMachine:Test-Saga"), kms.get(0).toString());
            assertEquals("kms:GenerateDataKey", kms.get(1).get("Action"));
            assertTrue(kms.get(1).get("Condition").toString().contains("kms:EncryptionContext:SourceArn"));
        }

        @Test
        void resourceStarIsOnlyInTheLogDeliveryAndTracingPoliciesEachSuppressedForResourceStarAlone() {
            assertEquals(List.of(Map.of("Effect", "Allow", "Resource", "*", "Action", Workflow.LOG_DELIVERY_ACTIONS)),
                    statements("SagaLogDeliveryPolicy"));
            assertEquals(List.of(Map.of("Effect", "Allow", "Resource", "*", "Action", Workflow.TRACING_ACTIONS)),
                    statements("SagaTracingPolicy"));
            for (String policy : List.of("SagaLogDeliveryPolicy", "SagaTracingPolicy")) {
                template.hasResource("AWS::IAM::Policy", Map.of(
                        "Properties", Match.objectLike(Map.of("PolicyName", Match.stringLikeRegexp(policy + ".*"))),
                        "Metadata", Map.of("cdk_nag", Map.of("rules_to_suppress", Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "id", "AwsSolutions-IAM5", "applies_to", List.of("Resource::*")))))))));
            }
            // Step Functions checks the logging permissions when it creates the state machine
            template.hasResource("AWS::StepFunctions::StateMachine", Map.of("DependsOn", Match.arrayWith(List.of(
                    Match.stringLikeRegexp("SagaLogDeliveryPolicy.*"), Match.stringLikeRegexp("SagaTracingPolicy.*")))));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements(String policyPrefix) {
            Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
            for (Map.Entry<String, Map<String, Object>> e : policies.entrySet()) {
                if (e.getKey().startsWith(policyPrefix)) {
                    Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) e.getValue().get("Properties")).get("PolicyDocument");
                    return (List<Map<String, Object>>) document.get("Statement");
                }
            }
            throw new AssertionError("no policy " + policyPrefix + " in " + policies.keySet());
        }

        @Test
        void eachFunctionStepInvokesItsAliasWithTheStateAndKeepsTheResultUnderResults() {
            JsonNode step = states.get("ValidatePayment");
            assertEquals("Task", step.get("Type").asText());
            assertTrue(step.get("Resource").asText().matches("\\$\\{PayLiveAlias[0-9A-F]{8}}"), step.get("Resource").asText());
            assertEquals(JSON.createObjectNode().put("execution.$", "$$.Execution.Id").put("state.$", "$").put("step", "ValidatePayment"),
                    step.get("Parameters"));
            assertEquals("$.results.ValidatePayment", step.get("ResultPath").asText());
            assertEquals("$.results.ValidatePayment", Workflow.resultPath("ValidatePayment"));
            // the function's 10 s and a margin
            assertEquals(15, step.get("TimeoutSeconds").asInt());
            assertEquals("UpdateInventory", step.get("Next").asText());
            assertTrue(states.get("UpdateInventory").get("End").asBoolean());
        }

        @Test
        void retriesLambdaServiceErrorsAndTheDeclaredTransientOnesWithBackoffAndJitter() {
            JsonNode retry = states.get("ValidatePayment").get("Retry");
            assertEquals(1, retry.size());
            List<String> errors = new ArrayList<>(LAMBDA_ERRORS);
            errors.add("com.example.GatewayBusy");
            assertEquals(errors, texts(retry.get(0).get("ErrorEquals")));
            assertEquals(2, retry.get(0).get("IntervalSeconds").asInt());
            assertEquals(2.0, retry.get(0).get("BackoffRate").asDouble());
            assertEquals(3, retry.get(0).get("MaxAttempts").asInt());
            assertEquals(30, retry.get(0).get("MaxDelaySeconds").asInt());
            assertEquals("FULL", retry.get(0).get("JitterStrategy").asText());
            assertEquals(LAMBDA_ERRORS, texts(states.get("ProcessOrder").get("Retry").get(0).get("ErrorEquals")));
        }

        @Test
        void aFailureRunsTheCompensationsOfTheStepsBeforeItInReverseOrderThenFails() {
            // UpdateInventory has no compensation: its failure goes to ValidatePayment's, then ProcessOrder's
            assertEquals(List.of("States.ALL"), texts(states.get("UpdateInventory").get("Catch").get(0).get("ErrorEquals")));
            assertEquals("$.failure.error", states.get("UpdateInventory").get("Catch").get(0).get("ResultPath").asText());
            assertEquals(List.of("UpdateInventoryFailed", "CompensateValidatePayment", "CompensateProcessOrder", "Failed"),
                    path(states.get("UpdateInventory").get("Catch").get(0).get("Next").asText()));
            assertEquals("UpdateInventory", states.get("UpdateInventoryFailed").get("Result").asText());
            assertEquals("$.failure.step", states.get("UpdateInventoryFailed").get("ResultPath").asText());
        }

        @Test
        void aBusinessErrorSkipsTheStepsOwnCompensationWhileAnyOtherErrorRunsIt() {
            JsonNode catches = states.get("ValidatePayment").get("Catch");
            assertEquals(List.of("com.example.PaymentDeclined"), texts(catches.get(0).get("ErrorEquals")));
            assertEquals(List.of("ValidatePaymentRejected", "CompensateProcessOrder", "Failed"), path(catches.get(0).get("Next").asText()));
            assertEquals(List.of("States.ALL"), texts(catches.get(1).get("ErrorEquals")));
            assertEquals(List.of("ValidatePaymentFailed", "CompensateValidatePayment", "CompensateProcessOrder", "Failed"),
                    path(catches.get(1).get("Next").asText()));
            // the first step's failure of unknown effect is undone too
            assertEquals(List.of("ProcessOrderFailed", "CompensateProcessOrder", "Failed"),
                    path(states.get("ProcessOrder").get("Catch").get(0).get("Next").asText()));
        }

        /** The states from {@code from} on, following Next. */
        List<String> path(String from) {
            List<String> out = new ArrayList<>();
            for (String at = from; at != null; at = states.get(at).has("Next") ? states.get(at).get("Next").asText() : null) {
                out.add(at);
            }
            return out;
        }

        @Test
        void compensationsGetTheStateWithTheFailureKeepItAndFailNamingWhatIsLeft() {
            JsonNode undo = states.get("CompensateValidatePayment");
            assertTrue(undo.get("Resource").asText().matches("\\$\\{VoidLiveAlias[0-9A-F]{8}}"));
            assertEquals(JSON.createObjectNode().put("compensating", "ValidatePayment").put("execution.$", "$$.Execution.Id")
                    .put("state.$", "$").put("step", "CompensateValidatePayment"), undo.get("Parameters"));
            assertTrue(undo.get("ResultPath").isNull());
            assertEquals(List.of("States.ALL"), texts(undo.get("Catch").get(0).get("ErrorEquals")));
            assertEquals("$.compensationFailure", undo.get("Catch").get(0).get("ResultPath").asText());
            JsonNode failed = states.get(undo.get("Catch").get(0).get("Next").asText());
            assertEquals("Fail", failed.get("Type").asText());
            assertEquals("Workflow.CompensationFailed", failed.get("Error").asText());
            assertEquals("States.Format('compensation of ValidatePayment failed after {} failed: {}; left to compensate: "
                    + "ValidatePayment, ProcessOrder', $.failure.step, States.JsonToString($.compensationFailure))", failed.get("CausePath").asText());
            // the step's transient errors are retried in its compensation too
            assertTrue(texts(undo.get("Retry").get(0).get("ErrorEquals")).contains("com.example.GatewayBusy"));
        }

        @Test
        void theExecutionFailsWithTheStepsErrorAndACauseThatNamesTheStep() {
            JsonNode failed = states.get("Failed");
            assertEquals("Fail", failed.get("Type").asText());
            assertEquals("$.failure.error.Error", failed.get("ErrorPath").asText());
            assertEquals("States.Format('{} failed: {}', $.failure.step, States.JsonToString($.failure.error))",
                    failed.get("CausePath").asText());
        }

        @Test
        void endWhenEndsTheExecutionSuccessfullyWithoutTheLaterSteps() {
            assertEquals("AfterProcessOrder", states.get("ProcessOrder").get("Next").asText());
            JsonNode choice = states.get("AfterProcessOrder");
            assertEquals("Choice", choice.get("Type").asText());
            assertEquals("$.results.ProcessOrder.proceed", choice.get("Choices").get(0).get("Variable").asText());
            assertFalse(choice.get("Choices").get(0).get("BooleanEquals").asBoolean());
            assertEquals("Succeed", states.get(choice.get("Choices").get(0).get("Next").asText()).get("Type").asText());
            assertEquals("ValidatePayment", choice.get("Default").asText());
        }

        @Test
        void alarmsOnFailedTimedOutThrottledAndAbortedExecutionsOfThisStateMachineNotifyingTheStacksAlarmTopic() {
            Map<String, Map<String, Object>> alarms = template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties",
                    Match.objectLike(Map.of("Namespace", "AWS/States"))));
            assertEquals(4, alarms.size(), alarms.keySet().toString());
            for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut", "ExecutionThrottled", "ExecutionsAborted")) {
                template.hasResourceProperties("AWS::CloudWatch::Alarm", props(
                        "MetricName", metric, "Namespace", "AWS/States", "Threshold", 1, "EvaluationPeriods", 1, "Period", 300,
                        "Statistic", "Sum", "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData", "notBreaching",
                        "Dimensions", List.of(Map.of("Name", "StateMachineArn", "Value", Map.of("Ref", Match.stringLikeRegexp("SagaStateMachine.*")))),
                        "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("^AlarmTopic.*"))),
                        "AlarmDescription", Match.stringLikeRegexp("^Test/Saga: .*\\(" + metric + "\\)$")));
            }
            assertEquals(List.of("ExecutionsFailed", "ExecutionsTimedOut", "ExecutionThrottled", "ExecutionsAborted"),
                    saga.getAlarms().stream().map(a -> a.getNode().getId()).toList());
            assertEquals("ExecutionsFailed", saga.metricFailed().getMetricName());
            assertEquals("ExecutionsTimedOut", saga.metricTimedOut().getMetricName());
            assertEquals("ExecutionThrottled", saga.metricThrottled().getMetricName());
            assertEquals("ExecutionsAborted", saga.metricAborted().getMetricName());
            assertEquals("ExecutionsSucceeded", saga.metricSucceeded().getMetricName());
            assertEquals("ExecutionsStarted", saga.metricStarted().getMetricName());
        }

        @Test
        void startOnEventStartsThroughARoleWithRetriesAndAnEncryptedDlqThatOnlyThisRuleMayUse() {
            template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "EventPattern", Map.of("detail-type", List.of("order.placed")),
                    "Targets", List.of(Map.of(
                            "Id", "Target0",
                            "Arn", Map.of("Ref", Match.stringLikeRegexp("SagaStateMachine.*")),
                            "RoleArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SagaStartRole.*"), "Arn")),
                            "RetryPolicy", Map.of("MaximumRetryAttempts", 8, "MaximumEventAgeInSeconds", 86400),
                            "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SagaStartDlq.*"), "Arn")))))));
            template.hasResourceProperties("AWS::SQS::Queue", Map.of("MessageRetentionPeriod", 1209600,
                    "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SagaKey.*"), "Arn"))));
            template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                    Match.objectLike(Map.of("Principal", Map.of("Service", "events.amazonaws.com"), "Action", "sqs:SendMessage",
                            "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn",
                                    Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SagaStartRule.*"), "Arn")))))))))));
            template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                    "Action", "sts:AssumeRole", "Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                    "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))))));
            assertTrue(saga.getRule("Start").isPresent());
            assertTrue(saga.getDeadLetterQueue("Start").isPresent());
            assertTrue(saga.getRule("Other").isEmpty());
        }

        @Test
        void grantStartExecutionAllowsStartingThisStateMachineWithItsKeyForItsDataAlone() {
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("StarterRole.*"))),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                            Match.objectLike(Map.of("Action", List.of("kms:GenerateDataKey", "kms:Decrypt"),
                                    "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("SagaKey.*"), "Arn")),
                                    "Condition", Map.of("StringEquals", Map.of("kms:EncryptionContext:aws:states:stateMachineArn", Match.anyValue())))),
                            Match.objectLike(Map.of("Action", "states:StartExecution",
                                    "Resource", Map.of("Ref", Match.stringLikeRegexp("SagaStateMachine.*")))))))));
        }

        @Test
        void exposesWhatItBuilt() {
            assertEquals("Test-Saga", saga.getStateMachineName());
            assertEquals(saga.getRole(), saga.getStateMachine().getRole());
            assertTrue(saga.getKey() instanceof Key);
            assertTrue(saga.getLogGroup().getNode().getPath().endsWith("Saga/LogGroup"));
        }
    }

    @Nested
    class Options {
        @Test
        void expressWorkflowsDefaultToFiveMinutes() {
            Stack stack = new Stack(new App(), "Test");
            Workflow workflow = Workflow.Builder.create(stack, "Quick").type(StateMachineType.EXPRESS)
                    .step(WorkflowStep.of("Only", fn(stack, "A"))).build();
            Template template = Template.fromStack(stack);
            template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of("StateMachineType", "EXPRESS"));
            assertEquals(300, definition(template).get("TimeoutSeconds").asInt());
            assertEquals(StateMachineType.EXPRESS, workflow.getType());
        }

        @Test
        void takesExecutionDataRetentionReusePeriodCommentTimeoutAndASharedKey() {
            Stack stack = new Stack(new App(), "Test");
            Key shared = new Key(stack, "Shared");
            Workflow.Builder.create(stack, "Saga")
                    .step(WorkflowStep.of("Only", fn(stack, "A")))
                    .includeExecutionData(true)
                    .logRetention(RetentionDays.ONE_WEEK)
                    .dataKeyReusePeriod(Duration.minutes(15))
                    .comment("Order fulfilment")
                    .timeout(Duration.minutes(30))
                    .encryptionKey(shared)
                    .build();
            Template template = Template.fromStack(stack);
            template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                    "LoggingConfiguration", Match.objectLike(Map.of("IncludeExecutionData", true)),
                    "EncryptionConfiguration", Map.of("Type", "CUSTOMER_MANAGED_KMS_KEY",
                            "KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Shared.*"), "Arn")),
                            "KmsDataKeyReusePeriodSeconds", 900)));
            template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
            assertEquals("Order fulfilment", definition(template).get("Comment").asText());
            assertEquals(1800, definition(template).get("TimeoutSeconds").asInt());
            // no key of its own: the function's, the shared one and the stack's alarm topic's
            template.resourceCountIs("AWS::KMS::Key", 3);
        }

        @Test
        void aChainStepRunsInAOneBranchParallelWhoseOutputReplacesTheState() {
            Stack stack = new Stack(new App(), "Test");
            Workflow.Builder.create(stack, "Saga")
                    .step(WorkflowStep.chain("Normalize", Pass.Builder.create(stack, "Pick")
                            .parameters(Map.of("orderId.$", "$.detail.data.orderId")).build())
                            .transientErrors("States.Timeout"))
                    .step(WorkflowStep.of("Process", fn(stack, "A")).compensation(fn(stack, "UndoA")))
                    .build();
            JsonNode states = definition(Template.fromStack(stack)).get("States");
            JsonNode normalize = states.get("Normalize");
            assertEquals("Parallel", normalize.get("Type").asText());
            assertEquals("$[0]", normalize.get("OutputPath").asText());
            assertEquals("Pick", normalize.get("Branches").get(0).get("StartAt").asText());
            assertFalse(normalize.has("TimeoutSeconds"));
            assertTrue(texts(normalize.get("Retry").get(0).get("ErrorEquals")).contains("States.Timeout"));
            assertEquals("NormalizeFailed", normalize.get("Catch").get(0).get("Next").asText());
            assertEquals("Failed", states.get("NormalizeFailed").get("Next").asText());
            assertEquals("Process", normalize.get("Next").asText());
        }

        @Test
        void aCompensationGivenByNameIsTheSameAsOneOnTheStep() {
            Stack stack = new Stack(new App(), "Test");
            Workflow.Builder.create(stack, "Saga")
                    .step(WorkflowStep.of("A", fn(stack, "A")), WorkflowStep.of("B", fn(stack, "B")))
                    .compensation("A", fn(stack, "UndoA"))
                    .build();
            JsonNode states = definition(Template.fromStack(stack)).get("States");
            assertEquals("CompensateA", states.get("BFailed").get("Next").asText());
            assertTrue(states.get("CompensateA").get("Resource").asText().startsWith("${UndoALiveAlias"));
            assertEquals("Failed", states.get("CompensateA").get("Next").asText());
        }

        @Test
        void takesRetrySettingsAndTimeoutAndNoRetryForZeroAttempts() {
            Stack stack = new Stack(new App(), "Test");
            Workflow.Builder.create(stack, "Saga")
                    .step(WorkflowStep.of("A", fn(stack, "A")).timeout(Duration.seconds(40)).retry(StepRetry.builder()
                            .interval(Duration.seconds(1)).backoffRate(1.5).maxAttempts(6).jitter(JitterType.NONE)
                            .maxDelay(Duration.seconds(10)).build()))
                    .step(WorkflowStep.of("B", fn(stack, "B")).retry(StepRetry.builder().maxAttempts(0).build()))
                    .build();
            JsonNode states = definition(Template.fromStack(stack)).get("States");
            JsonNode retry = states.get("A").get("Retry").get(0);
            assertEquals(1, retry.get("IntervalSeconds").asInt());
            assertEquals(1.5, retry.get("BackoffRate").asDouble());
            assertEquals(6, retry.get("MaxAttempts").asInt());
            assertEquals("NONE", retry.get("JitterStrategy").asText());
            assertEquals(10, retry.get("MaxDelaySeconds").asInt());
            assertEquals(40, states.get("A").get("TimeoutSeconds").asInt());
            assertFalse(states.get("B").has("Retry"));
        }

        @Test
        void aPlainFunctionsTimeoutSetsTheDefaultAndAnImportedOnesTheWorkflowsTimeout() {
            Stack stack = new Stack(new App(), "Test");
            Function plain = Function.Builder.create(stack, "Plain").runtime(Runtime.JAVA_21).handler("x.Y::handle")
                    .code(Code.fromAsset(CODE)).timeout(Duration.seconds(30)).build();
            IFunction imported = Function.fromFunctionArn(stack, "Imported", "arn:aws:lambda:eu-central-1:111111111111:function:other");
            Workflow.Builder.create(stack, "Saga").timeout(Duration.minutes(10))
                    .step(WorkflowStep.of("A", plain), WorkflowStep.of("B", imported))
                    .build();
            JsonNode states = definition(Template.fromStack(stack)).get("States");
            assertEquals(35, states.get("A").get("TimeoutSeconds").asInt());
            assertEquals(600, states.get("B").get("TimeoutSeconds").asInt());
        }

        @Test
        void aLongOrUnusualPathGivesAStableHashedNameOfAtMost80Characters() {
            Stack stack = new Stack(new App(), "Test");
            software.constructs.Construct deep = new software.constructs.Construct(stack, "A".repeat(60));
            Workflow workflow = Workflow.Builder.create(deep, "Order.Saga").step(WorkflowStep.of("A", fn(stack, "A"))).build();
            String name = workflow.getStateMachineName();
            assertTrue(name.length() <= 80, name);
            assertTrue(name.matches("Test-A{60}-Order-[0-9a-f]{8}"), name);
            assertEquals(name, Workflow.stateMachineName(workflow));
        }

        @Test
        void aSecondRuleNeedsANameOfItsOwnAndSharesTheStartRole() {
            Stack stack = new Stack(new App(), "Test");
            Workflow workflow = Workflow.Builder.create(stack, "Saga").step(WorkflowStep.of("A", fn(stack, "A"))).build();
            EventBus bus = new EventBus(stack, "Bus");
            workflow.startOnEvent(bus, EventPattern.builder().source(List.of("a")).build());
            workflow.startOnEvent("Retry", bus, EventPattern.builder().source(List.of("b")).build());
            Template template = Template.fromStack(stack);
            template.resourceCountIs("AWS::Events::Rule", 2);
            template.resourceCountIs("AWS::SQS::Queue", 3);
            assertEquals(1, template.findResources("AWS::IAM::Role", Map.of("Properties", Map.of("AssumeRolePolicyDocument",
                    Map.of("Statement", List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "events.amazonaws.com"))))))))
                    .size());
            assertTrue(workflow.getRule("Retry").isPresent());
        }
    }

    @Test
    void alarmsAreTunedAndLeftOutByNameAndCanNotifyNobody() {
        Stack stack = stack();
        Workflow workflow = Workflow.Builder.create(stack, "Saga").step(WorkflowStep.of("A", fn(stack, "A")))
                .alarms(AlarmPolicy.defaults().withoutNotifications()
                        .tune("ExecutionsFailed", AlarmTuning.threshold(3).evaluationPeriods(2))
                        .disable("ExecutionsAborted", "ExecutionThrottled"))
                .build();
        Template template = Template.fromStack(stack);
        assertEquals(List.of("ExecutionsFailed", "ExecutionsTimedOut"), workflow.getAlarms().stream().map(a -> a.getNode().getId()).toList());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ExecutionsFailed", "Threshold", 3,
                "EvaluationPeriods", 2, "DatapointsToAlarm", 2));
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/States",
                "AlarmActions", Match.anyValue()), 0);
        assertTrue(Workflow.Builder.create(stack(), "Off").step(WorkflowStep.of("A", fn(stack(), "A"))).alarms(AlarmPolicy.off())
                .build().getAlarms().isEmpty());
    }

    @Test
    void failsWhenTheAlarmsPolicyNamesAnAlarmTheWorkflowDoesNotHave() {
        IllegalArgumentException e = failure(stack -> Workflow.Builder.create(stack, "Saga").step(WorkflowStep.of("A", fn(stack, "A")))
                .alarms(AlarmPolicy.defaults().disable("Errors")).build());
        assertMessage("Invalid Workflow 'Saga': alarms disables 'Errors', which is not an alarm of this construct; its alarms are "
                + "ExecutionThrottled, ExecutionsAborted, ExecutionsFailed, ExecutionsTimedOut", e);
    }

    @Test
    void theDashboardShowsExecutionsThrottlesAndExecutionTime() {
        Stack stack = stack();
        Workflow workflow = Workflow.Builder.create(stack, "Saga").step(WorkflowStep.of("A", fn(stack, "A"))).build();
        String widgets = stack.resolve(workflow.dashboardWidgets().stream().map(w -> w.toJson()).toList()).toString();
        for (String expected : List.of("### Workflow `Test/Saga`", "ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed",
                "ExecutionThrottled", "ExecutionTime")) {
            assertTrue(widgets.contains(expected), expected + " in " + widgets);
        }
    }

    /** Failed executions restart from their failed step: RedriveExecution on this state machine's executions, nothing wider. */
    @Test
    void grantRedriveExecutionLetsAnOperatorFindAndRestartFailedExecutionsOfThisWorkflowOnly() {
        Stack stack = stack();
        Workflow workflow = Workflow.Builder.create(stack, "Saga").step(WorkflowStep.of("A", fn(stack, "A"))).build();
        Role operator = Role.Builder.create(stack, "Operator").assumedBy(new AccountRootPrincipal()).build();
        workflow.grantRedriveExecution(operator);
        String policy = stack.resolve(Template.fromStack(stack).findResources("AWS::IAM::Policy", Map.of("Properties",
                Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^Operator.*")))))))).toString();
        assertTrue(policy.contains("Action=states:RedriveExecution, Effect=Allow, Resource=arn:aws:states:eu-central-1:111111111111:execution:Test-Saga:*")
                || policy.contains("Action=states:RedriveExecution, Effect=Allow, Resource={Fn::Join=[, [arn:, {Ref=AWS::Partition}, :states:, "
                + "{Ref=AWS::Region}, :, {Ref=AWS::AccountId}, :execution:Test-Saga:*]]}"), policy);
        assertTrue(policy.contains("Action=states:ListExecutions, Effect=Allow, Resource={Fn::Join=[, [arn:, {Ref=AWS::Partition}, :states:, "
                + "{Ref=AWS::Region}, :, {Ref=AWS::AccountId}, :stateMachine:Test-Saga]]}"), policy);
        assertFalse(policy.contains("Resource=*"), policy);
        String command = stack.resolve(workflow.redriveCommand()).toString();
        assertTrue(command.startsWith("{Fn::Join=[, [aws stepfunctions list-executions --state-machine-arn arn:"), command);
        assertTrue(command.endsWith(":stateMachine:Test-Saga --status-filter FAILED --query 'executions[].executionArn' --output text "
                + "| xargs -n 1 aws stepfunctions redrive-execution --execution-arn]]}"), command);
    }

    @Test
    void failsToGrantRedriveOfAnExpressWorkflow() {
        Stack stack = stack();
        Workflow express = Workflow.Builder.create(stack, "Fast").type(StateMachineType.EXPRESS).step(WorkflowStep.of("A", fn(stack, "A")))
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> express.grantRedriveExecution(Role.Builder.create(stack, "Operator").assumedBy(new AccountRootPrincipal()).build()));
        assertMessage("Workflow 'Fast': grantRedriveExecution needs a STANDARD workflow, but its type is EXPRESS (Step Functions "
                + "redrives Standard executions only; start a new execution instead)", e);
    }

    static Stack stack() {
        return new Stack(new App(), "Test");
    }

    static IllegalArgumentException failure(Consumer<Stack> build) {
        return assertThrows(IllegalArgumentException.class, () -> build.accept(stack()));
    }

    @Test
    void failsWhenThereAreNoSteps() {
        assertMessage("Invalid Workflow 'Saga': steps: at least one step is required, e.g. WorkflowStep.of(\"ProcessOrder\", processOrder)",
                failure(s -> Workflow.Builder.create(s, "Saga").build()));
    }

    @Test
    void failsWhenAStepIsNullOrHasABadNameOrNothingToRun() {
        assertMessage("Invalid Workflow 'Saga', 4 problems:\n"
                        + "  - steps[0] is null\n"
                        + "  - the name of steps[1] must be 1 to 64 letters, digits, '_' or '-' (it names the workflow's states), but was 'Process Order'\n"
                        + "  - the name of steps[2] must be 1 to 64 letters, digits, '_' or '-' (it names the workflow's states), but was null\n"
                        + "  - step 'Pay' has nothing to run: give a SecureFunction, an IFunction or a chain",
                failure(s -> Workflow.Builder.create(s, "Saga")
                        .step((WorkflowStep) null)
                        .step(WorkflowStep.of("Process Order", fn(s, "A")), WorkflowStep.of(null, fn(s, "B")),
                                WorkflowStep.of("Pay", (SecureFunction) null))
                        .build()));
    }

    @Test
    void failsWhenTwoStepsShareAName() {
        assertMessage("Invalid Workflow 'Saga': step name 'Pay' is used by 2 steps; each step needs a name of its own",
                failure(s -> Workflow.Builder.create(s, "Saga")
                        .step(WorkflowStep.of("Pay", fn(s, "A")), WorkflowStep.of("Pay", fn(s, "B"))).build()));
    }

    @Test
    void failsWhenACompensationIsForAMissingStepOrNullOrASecondOne() {
        assertMessage("Invalid Workflow 'Saga', 4 problems:\n"
                        + "  - compensation for step 'Ship': there is no such step; the steps are [Pay]\n"
                        + "  - compensation for step null: there is no such step; the steps are [Pay]\n"
                        + "  - compensation for step 'Pay' is null\n"
                        + "  - step 'Pay' has two compensations; give it one, on the step or by name",
                failure(s -> Workflow.Builder.create(s, "Saga")
                        .step(WorkflowStep.of("Pay", fn(s, "A")).compensation(fn(s, "UndoA")))
                        .compensation("Ship", fn(s, "B"))
                        .compensation(null, fn(s, "C"))
                        .compensation("Pay", (IFunction) null)
                        .build()));
    }

    @Test
    void failsWhenAStepTimeoutIsAboveTheWorkflowsOrBelowItsFunctionsOrNotWholeSeconds() {
        assertMessage("Invalid Workflow 'Saga', 4 problems:\n"
                        + "  - timeout of step 'A' is 2 hours, above the workflow's timeout of 1 hour\n"
                        + "  - timeout of step 'B' is 5 seconds, below its function's timeout of 10 seconds: Step Functions would give "
                        + "up on invocations that still run, and a retry would run beside them\n"
                        + "  - timeout of step 'C' must be a whole number of seconds between 1 and 31536000, but was 10 seconds 500 millis\n"
                        + "  - timeout of step 'D' is 5 seconds, below its function's timeout of 10 seconds: Step Functions would give "
                        + "up on invocations that still run, and a retry would run beside them",
                failure(s -> Workflow.Builder.create(s, "Saga")
                        .step(WorkflowStep.of("A", fn(s, "A")).timeout(Duration.hours(2)))
                        .step(WorkflowStep.of("B", fn(s, "B")).timeout(Duration.seconds(5)))
                        .step(WorkflowStep.of("C", fn(s, "C")).timeout(Duration.millis(10500)))
                        .step(WorkflowStep.of("D", Function.fromFunctionArn(s, "D", "arn:aws:lambda:eu-central-1:111111111111:function:d"))
                                .timeout(Duration.seconds(5)).compensation(fn(s, "UndoD")))
                        .build()));
    }

    @Test
    void failsWhenAFunctionsTimeoutIsAboveTheWorkflowsOrAChainStepHasATimeout() {
        assertMessage("Invalid Workflow 'Saga', 2 problems:\n"
                        + "  - step 'A' runs a function whose timeout of 10 minutes is above the workflow's timeout of 5 minutes\n"
                        + "  - step 'B' runs a chain: timeout applies to function steps only (the Parallel state that wraps a chain has no timeout)",
                failure(s -> Workflow.Builder.create(s, "Saga").type(StateMachineType.EXPRESS)
                        .step(WorkflowStep.of("A", SecureFunction.Builder.create(s, "Slow").handler("x.Y::z").codePath(CODE)
                                .timeout(Duration.minutes(10)).build()))
                        .step(WorkflowStep.chain("B", new Pass(s, "P")).timeout(Duration.seconds(5)))
                        .build()));
    }

    @Test
    void failsWhenTheWorkflowTimeoutIsOutOfRangeForItsType() {
        assertMessage("Invalid Workflow 'Saga': timeout must be a whole number of seconds between 1 and 300 (an Express workflow runs "
                        + "at most 5 minutes), but was 600 seconds",
                failure(s -> Workflow.Builder.create(s, "Saga").type(StateMachineType.EXPRESS).timeout(Duration.minutes(10))
                        .step(WorkflowStep.of("A", fn(s, "A"))).build()));
        assertMessage("Invalid Workflow 'Saga': timeout must be a whole number of seconds between 1 and 31536000 (a Standard workflow "
                        + "runs at most a year), but was 31622400 seconds",
                failure(s -> Workflow.Builder.create(s, "Saga").timeout(Duration.days(366))
                        .step(WorkflowStep.of("A", fn(s, "A"))).build()));
    }

    @Test
    void failsWhenErrorNamesAreEmptyRetryEverythingOrAreBothTransientAndBusiness() {
        assertMessage("Invalid Workflow 'Saga', 5 problems:\n"
                        + "  - step 'A': transientErrors holds a blank name; each error name is an exception class name "
                        + "(Java: com.example.PaymentDeclined) or a Step Functions error\n"
                        + "  - step 'A': businessErrors holds null; each error name is an exception class name "
                        + "(Java: com.example.PaymentDeclined) or a Step Functions error\n"
                        + "  - step 'A': transientErrors may not hold States.ALL or States.TaskFailed, which would retry business "
                        + "errors too; name the transient errors\n"
                        + "  - step 'B': error 'com.example.Declined' is both transient and business; a business error is never retried\n"
                        + "  - step 'C': businessErrors holds null; each error name is an exception class name "
                        + "(Java: com.example.PaymentDeclined) or a Step Functions error",
                failure(s -> Workflow.Builder.create(s, "Saga")
                        .step(WorkflowStep.of("A", fn(s, "A")).transientErrors(" ", "States.ALL").businessErrors((String) null))
                        .step(WorkflowStep.of("B", fn(s, "B")).transientErrors("com.example.Declined").businessErrors("com.example.Declined"))
                        .step(WorkflowStep.of("C", fn(s, "C")).businessErrors((String[]) null))
                        .build()));
    }

    @Test
    void failsWhenRetrySettingsAreOutOfRange() {
        assertMessage("Invalid Workflow 'Saga', 5 problems:\n"
                        + "  - retry of step 'A': interval must be a whole number of seconds between 1 and 99999999, but was 500 millis\n"
                        + "  - retry of step 'A': maxAttempts must be a whole number between 0 and 99999999, but was -1\n"
                        + "  - retry of step 'A': maxDelay must be a whole number of seconds between 1 and 31622400, but was 34560000 seconds\n"
                        + "  - retry of step 'A': backoffRate must be 1.0 or more, but was 0.5\n"
                        + "  - retry of step 'B': maxDelay (1 second) is below interval (10 seconds)",
                failure(s -> Workflow.Builder.create(s, "Saga")
                        .step(WorkflowStep.of("A", fn(s, "A")).retry(StepRetry.builder().interval(Duration.millis(500))
                                .maxAttempts(-1).maxDelay(Duration.days(400)).backoffRate(0.5).build()))
                        .step(WorkflowStep.of("B", fn(s, "B")).retry(StepRetry.defaults().toBuilder()
                                .interval(Duration.seconds(10)).maxDelay(Duration.seconds(1)).build()))
                        .build()));
    }

    @Test
    void failsWhenStateNamesWouldMeet() {
        assertMessage("Invalid Workflow 'Saga', 3 problems:\n"
                        + "  - state name 'PayFailed' would be used twice, by steps 'Pay' and 'PayFailed'; rename one of them\n"
                        + "  - state name 'CompensatePayFailed' would be used twice, by steps 'Pay' and 'PayFailed'; rename one of them\n"
                        + "  - state name 'Failed' is the workflow's own; rename step 'Failed'",
                failure(s -> Workflow.Builder.create(s, "Saga")
                        .step(WorkflowStep.of("Pay", fn(s, "A")), WorkflowStep.of("PayFailed", fn(s, "B")),
                                WorkflowStep.of("Failed", fn(s, "C")))
                        .build()));
    }

    @Test
    void failsWhenEndWhenIsOnTheLastStep() {
        assertMessage("Invalid Workflow 'Saga': step 'B' is the last step: endWhen has no step left to skip",
                failure(s -> Workflow.Builder.create(s, "Saga")
                        .step(WorkflowStep.of("A", fn(s, "A")), WorkflowStep.of("B", fn(s, "B")).endWhen(Condition.isPresent("$.x")))
                        .build()));
    }

    @Test
    void failsWhenDataKeyReuseOrDeliverySettingsAreOutOfRange() {
        assertMessage("Invalid Workflow 'Saga', 3 problems:\n"
                        + "  - dataKeyReusePeriod must be a whole number of seconds between 60 and 900 (1 to 15 minutes), but was 30 seconds\n"
                        + "  - deliveryRetryAttempts must be a whole number between 0 and 185, but was 200\n"
                        + "  - deliveryMaxEventAge must be a whole number of seconds between 60 and 86400 (1 minute to 24 hours), but was 172800 seconds",
                failure(s -> Workflow.Builder.create(s, "Saga").step(WorkflowStep.of("A", fn(s, "A")))
                        .dataKeyReusePeriod(Duration.seconds(30)).deliveryRetryAttempts(200).deliveryMaxEventAge(Duration.days(2))
                        .build()));
    }

    @Test
    void failsWhenStartOnEventHasABadOrTakenNameNoBusOrAnEmptyPattern() {
        Stack stack = stack();
        Workflow workflow = Workflow.Builder.create(stack, "Saga").step(WorkflowStep.of("A", fn(stack, "A"))).build();
        EventBus bus = new EventBus(stack, "Bus");
        EventPattern pattern = EventPattern.builder().source(List.of("stratus.orders")).build();
        workflow.startOnEvent(bus, pattern);
        assertMessage("Invalid Workflow 'Saga': startOnEvent name 'Start' is taken; give each rule its own: startOnEvent(name, bus, pattern)",
                assertThrows(IllegalArgumentException.class, () -> workflow.startOnEvent(bus, pattern)));
        assertMessage("Invalid Workflow 'Saga', 3 problems:\n"
                        + "  - startOnEvent name must be 1 to 64 letters and digits in PascalCase (it names the rule and its DLQ), but was 'on-event'\n"
                        + "  - startOnEvent 'on-event': bus is required\n"
                        + "  - startOnEvent 'on-event': eventPattern matches on no field; EventBridge needs at least one, e.g. source and detailType",
                assertThrows(IllegalArgumentException.class, () -> workflow.startOnEvent("on-event", null, EventPattern.builder().build())));
        assertMessage("Invalid Workflow 'Saga': startOnEvent 'Retry': eventPattern is required",
                assertThrows(IllegalArgumentException.class, () -> workflow.startOnEvent("Retry", bus, null)));
        assertMessage("Invalid Workflow 'Saga': startOnEvent name must be 1 to 64 letters and digits in PascalCase (it names the rule "
                        + "and its DLQ), but was null",
                assertThrows(IllegalArgumentException.class, () -> workflow.startOnEvent(null, bus, pattern)));
        // nothing was created for the refused rules
        Template.fromStack(stack).resourceCountIs("AWS::Events::Rule", 1);
    }

    @Test
    void anImportedKeyGetsNoPolicyStatementsItsOwnerMustAddThem() {
        Stack stack = stack();
        Workflow.Builder.create(stack, "Saga").step(WorkflowStep.of("A", fn(stack, "A")))
                .encryptionKey(Key.fromKeyArn(stack, "Imported", "arn:aws:kms:eu-central-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
                .build();
        Template template = Template.fromStack(stack);
        // only the function's own key and the stack's alarm topic's
        template.resourceCountIs("AWS::KMS::Key", 2);
        template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of("EncryptionConfiguration", Match.objectLike(Map.of(
                "KmsKeyId", "arn:aws:kms:eu-central-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"))));
        // the grants name the imported key: the execution role may still use it for this state machine's data
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Action", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                        "Resource", "arn:aws:kms:eu-central-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab")))))));
    }
}
