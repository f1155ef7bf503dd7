package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.test.Compliance;
import dev.stratus.test.IamAudit;
import dev.stratus.test.NagPack;
import dev.stratus.test.ResourceAudits;
import dev.stratus.test.TemplateSnapshot;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** The app's own tests, on Stratus's test kit: snapshots, cdk-nag, IAM and resource audits, per stage. */
class OrdersAppTest {
    private static OrdersStage[] stages;
    private static Compliance nag;
    private static Map<String, Template> templates;

    @BeforeAll
    static void synth() {
        App app = new App();
        stages = OrdersApp.build(app);
        nag = Compliance.apply(app, NagPack.AWS_SOLUTIONS, NagPack.SERVERLESS); // after the stages
        templates = Map.of("Dev", Template.fromStack(stages[0].orders), "Prod", Template.fromStack(stages[1].orders));
    }

    @Test
    void prodMatchesItsSnapshot() {
        // one snapshot: Dev differs only by account, region and termination protection
        TemplateSnapshot.assertMatches(templates.get("Prod"), "ProdOrders");
    }

    @Test
    void everyStackPassesTheAwsSolutionsAndServerlessPacks() {
        nag.assertNoUnsuppressedFindings();
        assertTrue(nag.findings().size() > 0, "the packs ran");
    }

    @Test
    void noWildcardOrManagedPolicyAndEverythingEncrypted() {
        for (Template template : templates.values()) {
            assertEquals(List.of(), IamAudit.violations(template.toJSON()));
            assertEquals(List.of(), ResourceAudits.encryption(template.toJSON()));
            assertEquals(List.of(), ResourceAudits.retention(template.toJSON()));
        }
    }

    @Test
    void everyConstructIsThere() {
        Template prod = templates.get("Prod");
        prod.resourceCountIs("AWS::DynamoDB::Table", 1);
        prod.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        prod.resourceCountIs("AWS::Scheduler::Schedule", 1);
        prod.resourceCountIs("AWS::Events::EventBus", 1);
        prod.resourceCountIs("AWS::S3::Bucket", 2); // the import bucket and its access logs
        prod.resourceCountIs("AWS::StepFunctions::StateMachine", 1);
        prod.resourceCountIs("AWS::Lambda::EventSourceMapping", 3); // event consumer, stream, file queue
    }

    /** What the test kit brings to an app's test class path (README "Use it in your app"). */
    @Test
    void theTestClassPathCarriesNoLocalServer() {
        List<String> servers = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (Arrays.asList("elasticmq", "s3proxy", "jetty", "netty", "pekko", "akka", "scala-library").stream().anyMatch(entry::contains)) {
                servers.add(entry);
            }
        }
        assertEquals(List.of(), servers);
    }
}
