package dev.stratus.constructs.function;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.AlarmTopic;
import dev.stratus.constructs.monitoring.AlarmTuning;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.sns.Topic;

/** The alarms every SecureFunction gets (README: "Alarms") and its CodeDeploy deployment ("Safe deploys"). */
class SecureFunctionAlarmsTest {
    static Stack stack() {
        return new Stack(new App(), "Test", StackProps.builder()
                .env(Environment.builder().account("111111111111").region("eu-west-1").build()).build());
    }

    static SecureFunction.Builder function(Stack stack, String id) {
        return SecureFunctionTest.minimal(stack, id);
    }

    /** Alarms by the last part of their construct id (Errors, Throttles, ...) → their CloudFormation properties. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> alarms(Template template) {
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        template.findResources("AWS::CloudWatch::Alarm").forEach((id, resource) -> {
            Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
            String description = (String) props.get("AlarmDescription");
            byName.put(description.substring(description.lastIndexOf('(') + 1, description.length() - 1), props);
        });
        return byName;
    }

    static Map<String, Object> dimension(String name, Object value) {
        return Map.of("Name", name, "Value", value);
    }

    static final Map<String, Object> FUNCTION_NAME = Map.of("Ref", Match.stringLikeRegexp("^OrdersFunction[0-9A-F]{8}$"));

    @Test
    void alarmsOnErrorsThrottlesDurationNearTheTimeoutAndTheDlqOfTheLiveAlias() {
        Stack stack = stack();
        function(stack, "Orders").timeout(Duration.seconds(30)).build();
        Template template = Template.fromStack(stack);
        Map<String, Map<String, Object>> alarms = alarms(template);
        assertEquals(List.of("DeadLetterQueue", "Duration", "Errors", "Throttles"), List.copyOf(alarms.keySet()));

        Map<String, Object> aliasDimensions = Map.of("Dimensions", List.of(
                dimension("FunctionName", FUNCTION_NAME),
                dimension("Resource", Map.of("Fn::Join", List.of("", List.of(FUNCTION_NAME, ":live"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/Lambda", "MetricName", "Errors", "Statistic", "Sum", "Period", 300,
                "Threshold", 1, "ComparisonOperator", "GreaterThanOrEqualToThreshold", "EvaluationPeriods", 1,
                "DatapointsToAlarm", 1, "TreatMissingData", "notBreaching")));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "Errors")));
        for (String metric : List.of("Errors", "Throttles", "Duration")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", metric,
                    "Dimensions", aliasDimensions.get("Dimensions"))));
        }
        // p99 at 80% of the 30 s timeout
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "Duration", "ExtendedStatistic", "p99", "Threshold", 24000, "TreatMissingData", "notBreaching")));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible", "Statistic", "Maximum", "Threshold", 1,
                "Dimensions", List.of(dimension("QueueName", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("^OrdersDlq[0-9A-F]{8}$"), "QueueName")))))));
        assertEquals("Test/Orders: Invocations through the live alias failed (an exception, a timeout or running out of memory); "
                + "no invocations is no evidence of failure. Alarm: >= 1 errors in a period of 5 minutes; missing data: not breaching "
                + "(Errors)", alarms.get("Errors").get("AlarmDescription"));
    }

    @Test
    void everyAlarmNotifiesTheStacksEncryptedAlarmTopicInAlarmAndWhenBackToOk() {
        Stack stack = stack();
        function(stack, "Orders").build();
        function(stack, "Users").build();
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::SNS::Topic", 1);
        Map<String, Object> topicRef = Map.of("Ref", Match.stringLikeRegexp("^AlarmTopic[0-9A-F]{8}$"));
        assertEquals(8, template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Match.objectLike(Map.of(
                "AlarmActions", List.of(topicRef), "OKActions", List.of(topicRef))))).size());
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^AlarmTopicKey[0-9A-F]{8}$"), "Arn")),
                "DisplayName", "Alarms of Test"));
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true,
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Sid", "AllowCloudWatchAlarms",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111"))))))))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                Match.objectLike(Map.of("Principal", Map.of("Service", "cloudwatch.amazonaws.com"), "Action", "sns:Publish",
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", "111111111111")))))))));
    }

    @Test
    void tuningChangesThresholdPeriodsAndPeriodAndDisablingLeavesAnAlarmOut() {
        Stack stack = stack();
        SecureFunction fn = function(stack, "Orders").alarms(AlarmPolicy.defaults()
                        .tune("Errors", AlarmTuning.threshold(5).evaluationPeriods(3).period(Duration.minutes(1)))
                        .tune("Duration", AlarmTuning.threshold(2500).datapointsToAlarm(1).evaluationPeriods(2))
                        .disable("Throttles", "DeadLetterQueue"))
                .build();
        Template template = Template.fromStack(stack);
        assertEquals(List.of("Duration", "Errors"), List.copyOf(alarms(template).keySet()));
        assertEquals(2, fn.getAlarms().size());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "Errors", "Threshold", 5, "EvaluationPeriods", 3, "DatapointsToAlarm", 3, "Period", 60)));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "Duration", "Threshold", 2500, "EvaluationPeriods", 2, "DatapointsToAlarm", 1, "Period", 300)));
    }

    @Test
    void offCreatesNoAlarmAndNoTopicAndWithoutNotificationsNoActions() {
        Stack off = stack();
        assertEquals(List.of(), function(off, "Orders").alarms(AlarmPolicy.off()).build().getAlarms());
        Template.fromStack(off).resourceCountIs("AWS::CloudWatch::Alarm", 0);
        Template.fromStack(off).resourceCountIs("AWS::SNS::Topic", 0);

        Stack silent = stack();
        function(silent, "Orders").alarms(AlarmPolicy.defaults().withoutNotifications()).build();
        Template template = Template.fromStack(silent);
        template.resourceCountIs("AWS::CloudWatch::Alarm", 4);
        template.resourceCountIs("AWS::SNS::Topic", 0);
        assertTrue(template.findResources("AWS::CloudWatch::Alarm").toString().indexOf("AlarmActions") < 0);
        assertTrue(AlarmTopic.find(silent).isEmpty());
    }

    @Test
    void aGivenTopicReplacesTheStacksTopic() {
        Stack stack = stack();
        Topic oncall = Topic.Builder.create(stack, "Oncall").build();
        function(stack, "Orders").alarms(AlarmPolicy.defaults().notifying(oncall)).build();
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::SNS::Topic", 1);
        assertEquals(4, template.findResources("AWS::CloudWatch::Alarm", Map.of("Properties", Match.objectLike(Map.of(
                "AlarmActions", List.of(Map.of("Ref", Match.stringLikeRegexp("^Oncall[0-9A-F]{8}$"))))))).size());
    }

    @Test
    void aDefaultSetOnAScopeAppliesBeneathItAndTheNearestScopeWins() {
        App app = new App();
        Stack quiet = new Stack(app, "Quiet");
        Stack loud = new Stack(app, "Loud");
        AlarmPolicy.setDefault(app, AlarmPolicy.defaults().withoutNotifications());
        AlarmPolicy.setDefault(loud, AlarmPolicy.defaults().disable("Throttles"));
        function(quiet, "Orders").build();
        function(loud, "Orders").build();
        function(loud, "Users").alarms(AlarmPolicy.off()).build();
        Template.fromStack(quiet).resourceCountIs("AWS::SNS::Topic", 0);
        Template.fromStack(quiet).resourceCountIs("AWS::CloudWatch::Alarm", 4);
        Template.fromStack(loud).resourceCountIs("AWS::SNS::Topic", 1);
        assertEquals(List.of("DeadLetterQueue", "Duration", "Errors"), List.copyOf(alarms(Template.fromStack(loud)).keySet()));
    }

    @Test
    void failsWhenTheAlarmPolicyNamesAlarmsTheFunctionDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> function(stack(), "Orders")
                .alarms(AlarmPolicy.defaults()
                        .tune("Erors", AlarmTuning.threshold(2))
                        .disable("Latency")
                        .tune("Throttles", AlarmTuning.threshold(2))
                        .disable("Throttles")
                        .tune(null, AlarmTuning.threshold(1))
                        .disable((String) null)
                        .tune("Errors", null))
                .build());
        assertMessage("Invalid SecureFunction 'Orders', 6 problems:\n"
                + "  - alarms disables 'Latency', which is not an alarm of this construct; its alarms are DeadLetterQueue, "
                + "Duration, Errors, Throttles, VersionDuration, VersionErrors\n"
                + "  - alarms disables an alarm without a name; the alarms are DeadLetterQueue, Duration, Errors, Throttles, "
                + "VersionDuration, VersionErrors\n"
                + "  - alarms tunes 'Erors', which is not an alarm of this construct; its alarms are DeadLetterQueue, Duration, "
                + "Errors, Throttles, VersionDuration, VersionErrors\n"
                + "  - alarms both tunes and disables 'Throttles'; leave out one of the two\n"
                + "  - alarms tunes an alarm without a name; the alarms are DeadLetterQueue, Duration, Errors, Throttles, "
                + "VersionDuration, VersionErrors\n"
                + "  - alarms tuning of 'Errors' is null; give an AlarmTuning or leave it out", e);
    }

    @Test
    void failsWhenATuningIsOutsideCloudWatchsRanges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> function(stack(), "Orders")
                .alarms(AlarmPolicy.defaults()
                        .tune("Errors", AlarmTuning.threshold(-1).evaluationPeriods(0))
                        .tune("Throttles", AlarmTuning.none().evaluationPeriods(2).datapointsToAlarm(3).period(Duration.seconds(45)))
                        .tune("Duration", AlarmTuning.none().evaluationPeriods(25).period(Duration.hours(1)))
                        .tune("DeadLetterQueue", AlarmTuning.threshold(Double.NaN).datapointsToAlarm(0)))
                .build());
        assertMessage("Invalid SecureFunction 'Orders', 7 problems:\n"
                + "  - alarms tuning of 'Errors': threshold must be a number of 0 or more, but was -1.0\n"
                + "  - alarms tuning of 'Errors': evaluationPeriods must be a whole number between 1 and 1440, but was 0\n"
                + "  - alarms tuning of 'Throttles': datapointsToAlarm must be a whole number between 1 and 2 (its evaluationPeriods), "
                + "but was 3\n"
                + "  - alarms tuning of 'Throttles': period must be 10 seconds, 30 seconds or a whole number of minutes up to 1 day, "
                + "but was 45 seconds\n"
                + "  - alarms tuning of 'Duration': period × evaluationPeriods must be at most 1 day (CloudWatch evaluates no more), "
                + "but was 1 hour × 25\n"
                + "  - alarms tuning of 'DeadLetterQueue': threshold must be a number of 0 or more, but was NaN\n"
                + "  - alarms tuning of 'DeadLetterQueue': datapointsToAlarm must be a whole number between 1 and 1440, but was 0", e);
    }

    @Test
    void theDashboardShowsTheFunctionsOwnMetrics() {
        Stack stack = stack();
        SecureFunction fn = function(stack, "Orders").build();
        String widgets = stack.resolve(fn.dashboardWidgets().stream().map(w -> w.toJson()).toList()).toString();
        assertEquals(4, fn.dashboardWidgets().size());
        for (String expected : List.of("### Function `Test/Orders`", "Invocations", "Errors", "Throttles", "p99", "timeout",
                "ApproximateNumberOfMessagesVisible", "ConcurrentExecutions")) {
            assertTrue(widgets.contains(expected), expected + " in " + widgets);
        }
    }

    /** Safe deploys: CodeDeploy on the live alias. */
    @Test
    void aCanaryDeploymentShiftsTheLiveAliasThroughCodeDeployAndRollsBackOnTheNewVersionsAlarms() {
        Stack stack = stack();
        SecureFunction fn = function(stack, "Orders").deployment(Deployment.canary10Percent5Minutes()).build();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Map.of(
                "DeploymentConfigName", "CodeDeployDefault.LambdaCanary10Percent5Minutes",
                "DeploymentStyle", Map.of("DeploymentType", "BLUE_GREEN", "DeploymentOption", "WITH_TRAFFIC_CONTROL"),
                "ServiceRoleArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^OrdersDeploymentRole[0-9A-F]{8}$"), "Arn")),
                "AlarmConfiguration", Map.of("Enabled", true, "Alarms", List.of(
                        Map.of("Name", Map.of("Ref", Match.stringLikeRegexp("^OrdersAlarmsVersionErrors[0-9A-F]{8}$"))),
                        Map.of("Name", Map.of("Ref", Match.stringLikeRegexp("^OrdersAlarmsVersionDuration[0-9A-F]{8}$"))))),
                "AutoRollbackConfiguration", Map.of("Enabled", true,
                        "Events", List.of("DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"))));
        // the rollback alarms watch the version being deployed, per minute
        Map<String, Object> versionDimensions = Map.of("Dimensions", List.of(
                dimension("ExecutedVersion", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("^OrdersFunctionCurrentVersion"), "Version"))),
                dimension("FunctionName", FUNCTION_NAME),
                dimension("Resource", Map.of("Fn::Join", List.of("", List.of(FUNCTION_NAME, ":live"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "Errors", "Period", 60,
                "Statistic", "Sum", "Threshold", 1, "Dimensions", versionDimensions.get("Dimensions"))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "Duration", "Period", 60,
                "ExtendedStatistic", "p99", "Threshold", 8000, "Dimensions", versionDimensions.get("Dimensions"))));
        Map<String, Map<String, Object>> alarms = alarms(template);
        assertFalse(alarms.get("VersionErrors").containsKey("AlarmActions"), "rollback alarms are for CodeDeploy, not people");
        assertEquals(6, fn.getAlarms().size());
        // CloudFormation hands the alias update to CodeDeploy, after the alarms watch the new version
        template.hasResource("AWS::Lambda::Alias", Match.objectLike(Map.of(
                "UpdatePolicy", Map.of("CodeDeployLambdaAliasUpdate", Map.of(
                        "ApplicationName", Map.of("Ref", Match.stringLikeRegexp("^OrdersDeploymentGroupApplication")),
                        "DeploymentGroupName", Map.of("Ref", Match.stringLikeRegexp("^OrdersDeploymentGroup[0-9A-F]{8}$")))),
                "DependsOn", Match.arrayWith(List.of(Match.stringLikeRegexp("^OrdersAlarmsVersionDuration"),
                        Match.stringLikeRegexp("^OrdersAlarmsVersionErrors"))))));
        assertTrue(fn.getDeploymentGroup().isPresent());
    }

    @Test
    void theDeploymentRoleHasNoManagedPolicyOnlyTheAliasAndItsRollbackAlarms() {
        Stack stack = stack();
        function(stack, "Orders").deployment(Deployment.linear10PercentEvery1Minute()).build();
        Template template = Template.fromStack(stack);
        Map<String, Map<String, Object>> roles = template.findResources("AWS::IAM::Role", Map.of("Properties", Match.objectLike(Map.of(
                "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "codedeploy.amazonaws.com"))))))))));
        assertEquals(1, roles.size());
        String role = roles.values().iterator().next().toString();
        assertFalse(role.contains("ManagedPolicyArns"), role);
        template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of(
                "Policies", List.of(Map.of("PolicyName", "ShiftLiveAlias", "PolicyDocument", Map.of("Version", "2012-10-17",
                        "Statement", List.of(
                                Map.of("Effect", "Allow",
                                        "Action", List.of("lambda:GetAlias", "lambda:UpdateAlias", "lambda:GetProvisionedConcurrencyConfig"),
                                        "Resource", Map.of("Ref", Match.stringLikeRegexp("^OrdersLiveAlias"))),
                                Map.of("Effect", "Allow", "Action", "cloudwatch:DescribeAlarms",
                                        "Resource", List.of(
                                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^OrdersAlarmsVersionErrors"), "Arn")),
                                                Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^OrdersAlarmsVersionDuration"), "Arn")))))))))));
        template.hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(Map.of(
                "DeploymentConfigName", "CodeDeployDefault.LambdaLinear10PercentEvery1Minute")));
    }

    @Test
    void hooksRunThroughTheirLiveAliasAndMayReportTheirStatus() {
        Stack stack = stack();
        SecureFunction check = function(stack, "SmokeTest").alarms(AlarmPolicy.off()).build();
        function(stack, "Orders").deployment(Deployment.allAtOnce().preTraffic(check).postTraffic(check)).build();
        Template template = Template.fromStack(stack);
        // the hook's live alias, by name (function-name:live, taken from the alias ARN)
        String updatePolicy = template.findResources("AWS::Lambda::Alias", Match.objectLike(Map.of("UpdatePolicy", Match.anyValue())))
                .values().iterator().next().get("UpdatePolicy").toString();
        assertTrue(updatePolicy.contains("BeforeAllowTrafficHook={Fn::Join=[, [{Fn::Select=[6, {Fn::Split=[:, {Ref=SmokeTestLiveAlias"),
                updatePolicy);
        assertTrue(updatePolicy.contains("AfterAllowTrafficHook={Fn::Join=[, [{Fn::Select=[6, {Fn::Split=[:, {Ref=SmokeTestLiveAlias"),
                updatePolicy);
        template.hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(Map.of(
                "DeploymentConfigName", "CodeDeployDefault.LambdaAllAtOnce")));
        String policies = template.findResources("AWS::IAM::Policy").toString();
        assertTrue(policies.contains("codedeploy:PutLifecycleEventHookExecutionStatus"), policies);
        // CodeDeploy may invoke the hook's alias, not every version of the function
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of("Version", "2012-10-17",
                "Statement", List.of(Map.of("Effect", "Allow", "Action", "lambda:InvokeFunction",
                        "Resource", Map.of("Ref", Match.stringLikeRegexp("^SmokeTestLiveAlias"))))))));
    }

    @Test
    void withoutAlarmRollbackCodeDeployRollsBackOnlyAFailedDeployment() {
        Stack stack = stack();
        SecureFunction fn = function(stack, "Orders").alarms(AlarmPolicy.off())
                .deployment(Deployment.canary10Percent5Minutes().withoutAlarmRollback()).build();
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::CloudWatch::Alarm", 0);
        assertEquals(List.of(), fn.getAlarms());
        template.hasResourceProperties("AWS::CodeDeploy::DeploymentGroup", Match.objectLike(Map.of(
                "AutoRollbackConfiguration", Map.of("Enabled", true, "Events", List.of("DEPLOYMENT_FAILURE")))));
        assertFalse(template.findResources("AWS::IAM::Role").toString().contains("cloudwatch:DescribeAlarms"));
    }

    @Test
    void aDeploymentSetOnAScopeAppliesBeneathItUnlessAFunctionSaysNone() {
        Stack stack = stack();
        Deployment.setDefault(stack, Deployment.canary10Percent5Minutes());
        SecureFunction orders = function(stack, "Orders").build();
        SecureFunction users = function(stack, "Users").deployment(Deployment.none()).build();
        assertTrue(orders.getDeploymentGroup().isPresent());
        assertFalse(users.getDeploymentGroup().isPresent());
        Template.fromStack(stack).resourceCountIs("AWS::CodeDeploy::DeploymentGroup", 1);
        // without a deployment, no rollback alarms either
        assertEquals(4, users.getAlarms().size());
    }
}
