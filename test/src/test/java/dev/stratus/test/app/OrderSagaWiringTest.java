package dev.stratus.test.app;

import static dev.stratus.test.app.ReferenceAppTest.OUTBOX_KEYS_ONLY;
import static dev.stratus.test.app.ReferenceAppTest.conditionsByAction;
import static dev.stratus.test.app.ReferenceAppTest.dynamoActions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.constructs.workflow.Workflow;
import dev.stratus.stacks.StratusApp;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** How the reference app deploys the order saga: started by order.placed, each step's function granted only what it does. */
class OrderSagaWiringTest {
    static StratusApp.Stacks stacks;
    static Template events;
    static Template data;

    @BeforeAll
    static void synth() {
        stacks = ReferenceApp.stacks();
        events = Template.fromStack(stacks.events());
        data = Template.fromStack(stacks.data());
    }

    @Test
    void oneStandardStateMachineStartedByOrderPlacedOnTheAppsBus() {
        Workflow saga = stacks.events().getOrderSaga().getWorkflow();
        assertEquals("Stratus-dev-Events-OrderSaga-Workflow", saga.getStateMachineName());
        assertEquals(List.of("ProcessOrder", "ValidatePayment", "UpdateInventory", "ConfirmOrder"), saga.getStepNames());
        events.resourceCountIs("AWS::StepFunctions::StateMachine", 1);
        events.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of("StateMachineType", "STANDARD",
                "EncryptionConfiguration", Match.objectLike(Map.of("KmsKeyId",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("FunctionKey.*"), "Arn"))))));
        events.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventBusName", Map.of("Ref", Match.stringLikeRegexp("UserEventsBus.*")),
                "EventPattern", Map.of("source", List.of("stratus.orders"), "detail-type", List.of("order.placed")),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp("OrderSagaWorkflowStateMachine.*")))))));
    }

    @Test
    void eachStepsFunctionMayDoOnlyWhatItDoes() {
        assertEquals(List.of("dynamodb:UpdateItem"), dynamoActions(events, "OrderSagaProcessOrderFunctionRole"));
        for (String status : List.of("OrderSagaCancelOrderFunctionRole", "OrderSagaConfirmOrderFunctionRole")) {
            assertEquals(List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"),
                    dynamoActions(events, status));
            // the order itself is only updated: PutItem and DeleteItem reach outbox events alone
            Map<String, List<String>> conditions = conditionsByAction(events, status);
            assertEquals(List.of(OUTBOX_KEYS_ONLY), conditions.get("dynamodb:PutItem"));
            assertEquals(List.of(OUTBOX_KEYS_ONLY), conditions.get("dynamodb:DeleteItem"));
            assertTrue(conditions.containsKey("events:PutEvents"), conditions.toString());
        }
        for (String payment : List.of("OrderSagaValidatePaymentFunctionRole", "OrderSagaVoidPaymentFunctionRole")) {
            assertEquals(List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"), dynamoActions(events, payment));
            String policies = events.findResources("AWS::IAM::Policy").values().stream().filter(p -> p.toString().contains("Ref=" + payment))
                    .map(Object::toString).reduce("", String::concat);
            assertTrue(policies.contains("PaymentsTable") && !policies.contains("OrdersTable") && !policies.contains("ProductsTable"), policies);
        }
        for (String inventory : List.of("OrderSagaUpdateInventoryFunctionRole", "OrderSagaRestoreInventoryFunctionRole")) {
            assertEquals(List.of("dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:UpdateItem"), dynamoActions(events, inventory));
        }
    }

    @Test
    void theWorkflowRoleInvokesOnlyTheSevenLiveAliases() {
        List<String> invoked = dev.stratus.test.IamAudit.permissions(events.toJSON()).stream()
                .filter(p -> p.role().startsWith("OrderSagaWorkflowRole") && p.actions().contains("lambda:InvokeFunction"))
                .flatMap(p -> p.resources().stream()).sorted().toList();
        assertEquals(7, invoked.size(), invoked.toString());
        assertTrue(invoked.stream().allMatch(r -> r.matches("<Ref OrderSaga[A-Za-z]+FunctionLiveAlias[0-9A-F]{8}>")), invoked.toString());
    }

    @Test
    void thePaymentsTableIsASecureTableKeyedByPk() {
        data.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "SSESpecification", Match.objectLike(Map.of("KMSMasterKeyId", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("PaymentsKey.*"), "Arn"))))));
    }
}
