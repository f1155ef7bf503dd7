package dev.stratus.test.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.workflow.Workflow;
import dev.stratus.constructs.workflow.WorkflowStep;
import dev.stratus.test.Compliance;
import dev.stratus.test.IamAudit;
import dev.stratus.test.NagPack;
import dev.stratus.test.ResourceAudits;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

/**
 * A Workflow of each type, started by a rule and by a grant, passes AwsSolutions (SF1, SF2, IAM5 ...)
 * and Serverless (StepFunctionStateMachineXray ...) with nothing left open, and the IAM and resource
 * audits: its only Resource * grants are the log delivery and X-Ray actions of the audit's allow-list.
 */
class WorkflowComplianceTest {

    @ParameterizedTest
    @EnumSource(StateMachineType.class)
    void everyTypeHasNoUnsuppressedFindingsAndPassesTheAudits(StateMachineType type) {
        App app = new App();
        Stack stack = new Stack(app, "Workflow" + type.name());
        Workflow saga = Workflow.Builder.create(stack, "Saga").type(type)
                .step(WorkflowStep.of("ProcessOrder", fn(stack, "Process")).compensation(fn(stack, "Cancel")))
                .step(WorkflowStep.of("ValidatePayment", fn(stack, "Pay")).businessErrors("com.example.PaymentDeclined"))
                .build();
        EventBus bus = EventBus.Builder.create(stack, "Bus")
                .kmsKey(Key.Builder.create(stack, "BusKey").enableKeyRotation(true).build()).build();
        saga.startOnEvent(bus, EventPattern.builder().detailType(List.of("order.placed")).build());
        saga.grantStartExecution(fn(stack, "Starter"));
        Compliance nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS);
        app.synth();
        nag.assertNoUnsuppressedFindings();
        Map<String, Object> template = Template.fromStack(stack).toJSON();
        assertEquals(List.of(), IamAudit.violations(template));
        assertEquals(List.of(), ResourceAudits.encryption(template));
        assertEquals(List.of(), ResourceAudits.retention(template));
    }

    static SecureFunction fn(Stack stack, String id) {
        return SecureFunction.Builder.create(stack, id)
                .handler("com.example." + id + "::handleRequest")
                .codePath("../constructs/src/test/resources/fake-function")
                .build();
    }
}
