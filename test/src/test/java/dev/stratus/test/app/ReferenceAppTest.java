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
import dev.stratus.stacks.StratusStage;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** How the reference app wires the constructs: what each stack deploys and may do. */
class ReferenceAppTest {
    static StratusApp.Stacks stacks;
    static Template data;
    static Template jobs;
    static Template api;
    static Template events;

    @BeforeAll
    static void synth() {
        stacks = ReferenceApp.stacks();
        data = Template.fromStack(stacks.data());
        jobs = Template.fromStack(stacks.jobs());
        api = Template.fromStack(stacks.api());
        events = Template.fromStack(stacks.events());
    }

    /** The DynamoDB actions in the policies of the role whose logical id starts with {@code rolePrefix}. */
    static List<String> dynamoActions(Template template, String rolePrefix) {
        List<String> actions = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.toString().contains("Ref=" + rolePrefix))
                .forEach(p -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("dynamodb:[A-Za-z*]+").matcher(p.toString());
                    while (m.find()) {
                        if (!m.group().equals("dynamodb:LeadingKeys")) {   // a condition key, not an action
                            actions.add(m.group());
                        }
                    }
                });
        return actions.stream().sorted().toList();
    }

    /** The conditions of the statements of the role whose logical id starts with {@code rolePrefix}, by action. */
    static Map<String, List<String>> conditionsByAction(Template template, String rolePrefix) {
        Map<String, List<String>> byAction = new java.util.TreeMap<>();
        dev.stratus.test.IamAudit.permissions(template.toJSON()).stream()
                .filter(p -> p.role().startsWith(rolePrefix))
                .forEach(p -> p.actions().forEach(a -> byAction.computeIfAbsent(a, k -> new ArrayList<>()).add(p.conditions())));
        return byAction;
    }

    static final String OUTBOX_KEYS_ONLY = "{ForAllValues:StringLike={dynamodb:LeadingKeys=[EVENT#*]}}";

    @Test
    void theOrdersFunctionAndTheRelayDeleteOnlyOutboxItems() {
        // every DeleteItem statement of the orders function carries the condition: none without it
        assertEquals(List.of(OUTBOX_KEYS_ONLY), conditionsByAction(api, "OrdersFunctionRole").get("dynamodb:DeleteItem"));
        Map<String, List<String>> relay = conditionsByAction(events, "RelayOutboxesFunctionRole");
        for (String action : List.of("dynamodb:DeleteItem", "dynamodb:UpdateItem")) {
            assertFalse(relay.get(action).isEmpty(), action);
            assertTrue(relay.get(action).stream().allMatch(OUTBOX_KEYS_ONLY::equals), action + " " + relay.get(action));
        }
        // the users function deletes users and e-mail locks too: not narrowed
        assertEquals(List.of(""), conditionsByAction(api, "UsersFunctionRole").get("dynamodb:DeleteItem"));
    }

    @Test
    void theOrdersTableExpiresIdempotencyRecordsAndThePageTokenKeyIsAnEncryptedSecret() {
        data.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "orderId", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
        api.resourceCountIs("AWS::SecretsManager::Secret", 1);
        api.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("FunctionKey.*"), "Arn")),
                "GenerateSecretString", Map.of("PasswordLength", 64, "ExcludePunctuation", true)));
        api.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.stratus.functions.orders.OrdersFunction::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("PAGE_TOKEN_SECRET_ARN",
                        Map.of("Ref", Match.stringLikeRegexp("PageTokenSecret.*")))))));
        assertTrue(conditionsByAction(api, "OrdersFunctionRole").containsKey("secretsmanager:GetSecretValue"));
        events.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.stratus.functions.userevents.UserEventFunctions$SendWelcomeEmail::handleRequest",
                "Environment", Map.of("Variables", Map.of("MAIL_TABLE_NAME",
                        Map.of("Fn::ImportValue", Match.stringLikeRegexp("^Stratus-dev-Data:ExportsOutputRefMailOutboxTable.*"))))));
    }

    @Test
    void apiServesNineRoutesAllBehindTheJwtAuthorizer() {
        api.resourceCountIs("AWS::ApiGatewayV2::Route", 9);
        assertEquals(9, api.findResources("AWS::ApiGatewayV2::Route", Map.of("Properties", Match.objectLike(Map.of(
                "AuthorizationType", "JWT")))).size());
        assertEquals(List.of(), stacks.api().getApi().getPublicRoutes());
        for (String key : List.of("POST /users", "GET /users/{userId}", "PUT /users/{userId}", "DELETE /users/{userId}",
                "POST /orders", "GET /orders", "GET /orders/{orderId}", "GET /web/dashboard", "GET /mobile/dashboard")) {
            api.hasResourceProperties("AWS::ApiGatewayV2::Route", Map.of("RouteKey", key));
        }
    }

    @Test
    void eachApiFunctionIsGrantedExactlyTheTableActionsItUses() {
        assertEquals(List.of("dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem"), dynamoActions(api, "UsersFunctionRole"));
        assertEquals(List.of("dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"),
                dynamoActions(api, "OrdersFunctionRole"));
        // the dashboards only read
        // the user item, the recent orders, and the user's order statistics aggregate (one GetItem each; with
        // @aws-cdk/aws-iam:minimizePolicies the statements of one action merge, their resources listed together)
        assertEquals(List.of("dynamodb:GetItem", "dynamodb:Query"), dynamoActions(api, "WebBffFunctionRole"));
        assertEquals(List.of("dynamodb:GetItem", "dynamodb:Query"), dynamoActions(api, "MobileBffFunctionRole"));
        String policies = api.findResources("AWS::IAM::Policy").toString();
        assertFalse(policies.contains("/index/*"), policies);
    }

    @Test
    void eachStageKeepsTheStackNamesItHadAtTheAppsRoot() {
        // a renamed stack would be a new stack, and orphan the retained tables of the old one
        for (String stage : List.of("Dev", "Prod")) {
            StratusApp.Stacks stacks = ReferenceApp.stage(stage).getStacks();
            String prefix = "Stratus-" + stage.toLowerCase(java.util.Locale.ROOT) + "-";
            assertEquals(List.of(prefix + "Data", prefix + "Jobs", prefix + "Events", prefix + "Api"), List.of(
                    stacks.data().getStackName(), stacks.jobs().getStackName(), stacks.events().getStackName(), stacks.api().getStackName()));
        }
    }

    @Test
    void prodProtectsEveryStackFromDeletionAndDevNone() {
        StratusApp.Stacks prod = ReferenceApp.stage("Prod").getStacks();
        for (software.amazon.awscdk.Stack stack : List.of(prod.data(), prod.jobs(), prod.events(), prod.api())) {
            assertTrue(stack.getTerminationProtection(), stack.getStackName());
        }
        StratusApp.Stacks dev = ReferenceApp.stage("Dev").getStacks();
        for (software.amazon.awscdk.Stack stack : List.of(dev.data(), dev.jobs(), dev.events(), dev.api())) {
            assertFalse(stack.getTerminationProtection(), stack.getStackName());
        }
    }

    @Test
    void prodShiftsTrafficToNewVersionsByCanaryAndDevAllAtOnceForEveryFunction() {
        Map<String, Map<String, Object>> templates = ReferenceApp.templates();
        for (String stack : List.of("Jobs", "Events", "Api")) {
            for (String[] stage : new String[][] {{"Dev", "CodeDeployDefault.LambdaAllAtOnce"}, {"Prod", "CodeDeployDefault.LambdaCanary10Percent5Minutes"}}) {
                Template template = Template.fromJSON(templates.get(stage[0] + "/" + stack));
                int functions = template.findResources("AWS::Lambda::Function").size();
                assertTrue(functions > 0, stack);
                assertEquals(functions, template.findResources("AWS::CodeDeploy::DeploymentGroup", Map.of("Properties",
                        Match.objectLike(Map.of("DeploymentConfigName", stage[1])))).size(), stage[0] + "/" + stack);
                assertEquals(functions, template.findResources("AWS::Lambda::Alias", Map.of("UpdatePolicy", Match.objectLike(Map.of(
                        "CodeDeployLambdaAliasUpdate", Match.anyValue())))).size(), stage[0] + "/" + stack);
            }
        }
    }

    @Test
    void prodAlarmsNotifyEachStacksEncryptedAlarmTopicAndDevAlarmsNotifyNobody() {
        for (String stack : List.of("Data", "Jobs", "Events", "Api")) {
            Template prod = Template.fromJSON(ReferenceApp.templates().get("Prod/" + stack));
            Template dev = Template.fromJSON(ReferenceApp.templates().get("Dev/" + stack));
            int alarms = prod.findResources("AWS::CloudWatch::Alarm").size();
            assertEquals(alarms, dev.findResources("AWS::CloudWatch::Alarm").size(), "the same alarms in both stages: " + stack);
            // every alarm notifies but the rollback alarms, which CodeDeploy watches
            int rollback = prod.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Match.objectLike(Map.of(
                    "AlarmDescription", Match.stringLikeRegexp(".*\\(Version(Errors|Duration)\\)$"))))).size();
            assertEquals(alarms - rollback, prod.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Match.objectLike(Map.of(
                    "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("^AlarmTopic[0-9A-F]{8}$"))))))).size(), stack);
            prod.resourceCountIs("AWS::SNS::Topic", 1);
            dev.resourceCountIs("AWS::SNS::Topic", 0);
            assertFalse(dev.toJSON().toString().contains("AlarmActions"), stack);
        }
    }

    @Test
    void prodKeepsEveryLogForAYearAndDevForAMonth() {
        for (String stack : List.of("Jobs", "Events", "Api")) {
            for (String[] stage : new String[][] {{"Dev", "30"}, {"Prod", "365"}}) {
                Template template = Template.fromJSON(ReferenceApp.templates().get(stage[0] + "/" + stack));
                int logGroups = template.findResources("AWS::Logs::LogGroup").size();
                assertTrue(logGroups > 0, stack);
                assertEquals(logGroups, template.findResources("AWS::Logs::LogGroup", Map.of("Properties", Match.objectLike(Map.of(
                        "RetentionInDays", Integer.parseInt(stage[1]))))).size(), stage[0] + "/" + stack);
            }
        }
    }

    @Test
    void eachStackHasADashboardNamedAfterItOfItsOwnConstructs() {
        for (StratusStage stage : ReferenceApp.stages()) {
            assertEquals(6, stage.getDashboards().size());
            StratusApp.Stacks stacks = stage.getStacks();
            List<software.amazon.awscdk.Stack> inOrder = List.of(stacks.data(), stacks.jobs(), stacks.events(), stacks.api(),
                    stacks.stats(), stacks.catalog());
            for (int i = 0; i < 6; i++) {
                dev.stratus.constructs.monitoring.ServiceDashboard dashboard = stage.getDashboards().get(i);
                assertEquals(inOrder.get(i), software.amazon.awscdk.Stack.of(dashboard));
                assertFalse(dashboard.getMonitored().isEmpty());
            }
        }
        // the API stack's dashboard: the API and its four functions
        assertEquals(5, ReferenceApp.stage("Dev").getDashboards().get(3).getMonitored().size());
        // the events stack: three functions, the service, the relay's schedule, the saga's seven functions and its workflow
        assertEquals(13, ReferenceApp.stage("Dev").getDashboards().get(2).getMonitored().size());
        // the stats stack: its function and the stream processor; the catalog stack: its function and the file ingest
        assertEquals(2, ReferenceApp.stage("Dev").getDashboards().get(4).getMonitored().size());
        assertEquals(2, ReferenceApp.stage("Dev").getDashboards().get(5).getMonitored().size());
    }

    @Test
    void ordersTableHasAKeysOnlyStatusIndexAUserIndexAndAnOutboxIndex() {
        data.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "orderId", "KeyType", "HASH")),
                "GlobalSecondaryIndexes", List.of(
                        Map.of("IndexName", "status-createdAt-index",
                                "KeySchema", List.of(Map.of("AttributeName", "status", "KeyType", "HASH"),
                                        Map.of("AttributeName", "createdAt", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "KEYS_ONLY")),
                        Map.of("IndexName", "userId-createdAt-index",
                                "KeySchema", List.of(Map.of("AttributeName", "userId", "KeyType", "HASH"),
                                        Map.of("AttributeName", "createdAt", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL")),
                        Map.of("IndexName", "outbox-index",
                                "KeySchema", List.of(Map.of("AttributeName", "outbox", "KeyType", "HASH"),
                                        Map.of("AttributeName", "eventTime", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL")))));
    }

    @Test
    void everyTableIsRetainedEncryptedAndRecoverable() {
        data.resourceCountIs("AWS::DynamoDB::Table", 8);
        assertEquals(8, data.findResources("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "DeletionProtectionEnabled", true,
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "SSESpecification", Match.objectLike(Map.of("SSEType", "KMS")))))).size());
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
                        // the Data stack's orders table, not just any import
                        "ORDERS_TABLE_NAME", Map.of("Fn::ImportValue", Match.stringLikeRegexp("^Stratus-dev-Data:ExportsOutputRefOrdersTable[0-9A-F]{8}")),
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
    void userCreatedReachesBothConsumersThroughTheirOwnQueues() {
        events.resourceCountIs("AWS::Events::EventBus", 1);
        events.resourceCountIs("AWS::Events::Archive", 1);
        assertEquals(2, events.findResources("AWS::Events::Rule", Map.of("Properties", Match.objectLike(Map.of(
                "EventPattern", Map.of("source", List.of("stratus.users"), "detail-type", List.of("user.created")))))).size());
        events.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
        assertEquals(List.of("dynamodb:PutItem"), dynamoActions(events, "SendWelcomeEmailFunctionRole"));
        assertEquals(List.of("dynamodb:PutItem"), dynamoActions(events, "CreateUserProfileFunctionRole"));
    }

    @Test
    void theProducersAndTheRelayMayPublishAndTheRelayOnlyReadsAndClearsTheOutboxes() {
        // both outboxes (users and orders tables): one statement per action with both resources (minimizePolicies)
        assertEquals(List.of("dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:UpdateItem"), dynamoActions(events, "RelayOutboxesFunctionRole"));
        events.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("ScheduleExpression", "rate(5 minutes)"));
        String usersPolicies = api.findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.toString().contains("Ref=UsersFunctionRole")).toList().toString();
        assertTrue(usersPolicies.contains("events:PutEvents"), usersPolicies);
        String ordersPolicies = api.findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.toString().contains("Ref=OrdersFunctionRole")).toList().toString();
        assertTrue(ordersPolicies.contains("events:PutEvents"), ordersPolicies);
        api.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.stratus.functions.users.UsersFunction::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("EVENT_BUS_NAME",
                        Map.of("Fn::ImportValue", Match.stringLikeRegexp("^Stratus-dev-Events:ExportsOutputRefUserEventsBus[0-9A-F]{8}")))))));
    }

    @Test
    void theEventsStackOutputsTheRedriveCommandOfEachConsumersDlq() {
        for (String consumer : List.of("SendWelcomeEmail", "CreateUserProfile")) {
            String output = events.findOutputs("Redrive" + consumer).toString();
            assertTrue(output.contains("aws sqs start-message-move-task --source-arn , {Fn::GetAtt=[UserEvents" + consumer + "Dlq"), output);
            assertTrue(output.contains(" --destination-arn , {Fn::GetAtt=[UserEvents" + consumer + "Queue"), output);
        }
    }

    @Test
    void aStageNamedOnTheCommandLineIsTheOnlyOneSynthesized() {
        List<StratusStage> only = ReferenceApp.compose(ReferenceApp.newApp(Map.of("stage", "prod")));
        assertEquals(List.of("Prod"), only.stream().map(s -> s.getNode().getId()).toList());
        assertEquals("Stratus-prod-Data", only.get(0).getStacks().data().getStackName());
        assertTrue(only.get(0).getStacks().data().getTerminationProtection());
    }
}
