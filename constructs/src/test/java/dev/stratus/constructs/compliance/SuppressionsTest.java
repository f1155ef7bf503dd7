package dev.stratus.constructs.compliance;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

class SuppressionsTest {
    static final String REASON = "The queue is a buffer the load test drains; it holds no data";

    @Test
    void writesTheMetadataCdkNagReadsOnTheL2sResourceOnly() {
        Stack stack = new Stack(new App(), "Test");
        Queue queue = new Queue(stack, "Buffer");
        Queue other = new Queue(stack, "Other");
        Suppressions.suppress(queue, "AwsSolutions-SQS3", REASON);
        Suppressions.suppress(queue.getNode().getDefaultChild(), "AwsSolutions-IAM5", REASON, "Resource::*");
        Template template = Template.fromStack(stack);
        String id = stack.resolve(((software.amazon.awscdk.CfnResource) queue.getNode().getDefaultChild()).getLogicalId()).toString();
        assertEquals(Map.of("cdk_nag", Map.of("rules_to_suppress", List.of(
                        Map.of("id", "AwsSolutions-SQS3", "reason", REASON),
                        Map.of("id", "AwsSolutions-IAM5", "reason", REASON, "applies_to", List.of("Resource::*"))))),
                template.toJSON().get("Resources") instanceof Map<?, ?> resources
                        ? ((Map<?, ?>) resources.get(id)).get("Metadata") : null);
        String otherId = stack.resolve(((software.amazon.awscdk.CfnResource) other.getNode().getDefaultChild()).getLogicalId()).toString();
        assertEquals(null, ((Map<?, ?>) ((Map<?, ?>) template.toJSON().get("Resources")).get(otherId)).get("Metadata"));
    }

    @Test
    void failsWhenTheConstructIsNoCloudFormationResource() {
        Stack stack = new Stack(new App(), "Test");
        Construct group = new Construct(stack, "Group");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Suppressions.suppress(group, "AwsSolutions-SQS3", REASON));
        assertMessage("Invalid suppression 'Test/Group': 'Test/Group' is not a CloudFormation resource and its default child is "
                + "not one either; pass the resource itself, e.g. role.getNode().findChild(\"DefaultPolicy\")", e);
    }

    @Test
    void failsWhenTheRuleIdReasonOrAFindingIsUnusable() {
        Stack stack = new Stack(new App(), "Test");
        Queue queue = new Queue(stack, "Buffer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Suppressions.suppress(queue, "IAM5", "because", " "));
        assertMessage("Invalid suppression 'Test/Buffer', 3 problems:\n"
                + "  - ruleId must look like AwsSolutions-IAM5 (pack, '-', rule), but was 'IAM5'\n"
                + "  - reason must say why IAM5 does not apply, in 20 characters or more, but was 'because'\n"
                + "  - findings must be finding ids like Resource::* (as the kit prints them in brackets), but one was ' '", e);
    }
}
