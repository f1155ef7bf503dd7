package dev.stratus.constructs.internal;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/** The internal helpers behind the constructs' own suppressions. */
class NagSuppressionsTest {

    @Test
    void aResourceFindingIsTheArnAsItResolvesInTheStack() {
        Stack agnostic = new Stack(new App(), "Agnostic");
        Stack bound = new Stack(new App(), "Bound", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
        String arn = "arn:" + software.amazon.awscdk.Aws.PARTITION + ":logs:" + agnostic.getRegion() + ":" + agnostic.getAccount() + ":log-group:X*";
        assertEquals("Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:X*",
                NagSuppressions.resourceFinding(agnostic, arn));
        assertEquals("Resource::arn:<AWS::Partition>:logs:eu-west-1:111111111111:log-group:X*",
                NagSuppressions.resourceFinding(bound, "arn:" + software.amazon.awscdk.Aws.PARTITION + ":logs:" + bound.getRegion() + ":"
                        + bound.getAccount() + ":log-group:X*"));
        assertEquals("<Queue.Arn>/*", NagSuppressions.flatten(Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), "/*")))));
    }

    @Test
    void failsWhenAConstructGivesAThinReason() {
        CfnResource queue = CfnResource.Builder.create(new Stack(new App(), "Test"), "Queue").type("AWS::SQS::Queue").build();
        assertMessage("A suppression of AwsSolutions-SQS3 needs a real reason",
                assertThrows(IllegalArgumentException.class, () -> NagSuppressions.suppress(queue, "AwsSolutions-SQS3", "short")));
    }
}
