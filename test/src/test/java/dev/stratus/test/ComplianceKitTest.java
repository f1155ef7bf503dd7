package dev.stratus.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sqs.Queue;

/** The kit's compliance check fails, readably, on a stack that breaks rules: it is not a rubber stamp. */
class ComplianceKitTest {
    static Compliance nag;

    @BeforeAll
    static void synthAPlainQueue() {
        App app = new App();
        Stack stack = new Stack(app, "Plain");
        new Queue(stack, "Orders");   // no DLQ, no SSL-only policy
        nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS);
        Template.fromStack(stack);    // the README example's order: apply, then synthesize once
    }

    @Test
    void recordsTheQueuesFindings() {
        List<String> rules = nag.unsuppressed().stream().map(NagFinding::ruleId).distinct().sorted().toList();
        assertTrue(rules.containsAll(List.of("AwsSolutions-SQS3", "AwsSolutions-SQS4")), rules.toString());
    }

    @Test
    void assertionListsEachFindingWithRuleAndResource() {
        AssertionError e = assertThrows(AssertionError.class, nag::assertNoUnsuppressedFindings);
        assertTrue(e.getMessage().contains("unsuppressed cdk-nag finding(s):"), e.getMessage());
        assertTrue(e.getMessage().contains("\n  Error AwsSolutions-SQS4 on Plain/Orders/Resource: The SQS queue does not require "
                + "requests to use SSL."), e.getMessage());
    }

    @Test
    void pathFilterKeepsOtherStacksOut() {
        nag.assertNoUnsuppressedFindings("Other");
    }

    @Test
    void failsWhenAStageWasCreatedAfterApplyAndSoNeverChecked() {
        App app = new App();
        new Queue(new Stack(new Stage(app, "Dev"), "Orders"), "Queue");
        Compliance late = Compliance.apply(app, NagPack.SERVERLESS);
        new Queue(new Stack(new Stage(app, "Prod"), "Orders"), "Queue");
        app.synth();
        IllegalStateException e = assertThrows(IllegalStateException.class, late::findings);
        assertEquals("cdk-nag did not check Prod/Orders (Serverless): synthesize every stage after apply(), and create the "
                + "stages before apply()", e.getMessage());
    }
}
