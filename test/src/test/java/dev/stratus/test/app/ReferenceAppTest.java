package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.stacks.StratusApp;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** How the reference app wires the constructs: what each stack deploys and may do. */
class ReferenceAppTest {
    static StratusApp.Stacks stacks;
    static Template data;
    static Template jobs;

    @BeforeAll
    static void synth() {
        stacks = ReferenceApp.compose(ReferenceApp.newApp(Map.of()));
        data = Template.fromStack(stacks.data());
        jobs = Template.fromStack(stacks.jobs());
    }

    @Test
    void stackNamesCarryTheStage() {
        assertEquals("Stratus-dev-Data", stacks.data().getStackName());
        assertEquals("Stratus-dev-Jobs", stacks.jobs().getStackName());
        assertFalse(stacks.data().getTerminationProtection());
    }

    @Test
    void ordersTableHasAKeysOnlyStatusIndexAndIsRetained() {
        data.resourceCountIs("AWS::DynamoDB::Table", 1);
        data.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "orderId", "KeyType", "HASH")),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "status-createdAt-index",
                        "KeySchema", List.of(Map.of("AttributeName", "status", "KeyType", "HASH"),
                                Map.of("AttributeName", "createdAt", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "KEYS_ONLY")))));
        data.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void expiryRunsEveryNightAtTwoThroughTheLiveAliasWithTheConfiguredAge() {
        jobs.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "cron(0 2 * * ? *)",
                "ScheduleExpressionTimezone", "UTC",
                "Target", Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("ExpireStaleOrdersFunctionLiveAlias.*")),
                        "Input", "{\"maxPendingAge\":\"PT48H\"}"))));
    }

    @Test
    void expiryFunctionRunsTheReferenceHandlerWithTheTableAndIndexInItsEnvironment() {
        jobs.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.stratus.functions.expireorders.ExpireStaleOrdersHandler::handleRequest",
                "Timeout", 300,
                "ReservedConcurrentExecutions", 1,
                "Environment", Map.of("Variables", Map.of(
                        "ORDERS_TABLE_NAME", Map.of("Fn::ImportValue", Match.anyValue()),
                        "ORDERS_STATUS_INDEX", "status-createdAt-index"))));
    }

    @Test
    void expiryFunctionMayOnlyQueryTheStatusIndexAndUpdateItems() {
        List<String> dynamoActions = new ArrayList<>();
        String policies = jobs.findResources("AWS::IAM::Policy").toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("dynamodb:[A-Za-z*]+").matcher(policies);
        while (m.find()) {
            dynamoActions.add(m.group());
        }
        assertEquals(List.of("dynamodb:Query", "dynamodb:UpdateItem"), dynamoActions.stream().sorted().toList(), policies);
        assertTrue(policies.contains("/index/status-createdAt-index"), policies);
        assertFalse(policies.contains("/index/*"), policies);
    }

    @Test
    void productionStageProtectsTheDataStack() {
        StratusApp.Stacks prod = ReferenceApp.compose(ReferenceApp.newApp(Map.of("stage", "prod")));
        assertEquals("Stratus-prod-Data", prod.data().getStackName());
        assertTrue(prod.data().getTerminationProtection());
    }
}
