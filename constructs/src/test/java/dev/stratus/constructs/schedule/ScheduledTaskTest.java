package dev.stratus.constructs.schedule;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.function.SecureFunctionProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.scheduler.CfnSchedule;

class ScheduledTaskTest {
    static final String CODE = "src/test/resources/fake-function";

    static SecureFunctionProps functionProps() {
        return SecureFunctionProps.builder().handler("com.example.Job::handleRequest").codePath(CODE).build();
    }

    /** Defaults, from one synthesis of a task given only a schedule and function props. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Defaults {
        Template template;
        ScheduledTask task;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            task = ScheduledTask.Builder.create(stack, "Nightly")
                    .schedule("cron(0 2 * * ? *)")
                    .functionProps(functionProps())
                    .build();
            template = Template.fromStack(stack);
        }

        @Test
        void createsAnEnabledScheduleInUtcWithoutAWindowThatInvokesTheLiveAlias() {
            template.resourceCountIs("AWS::Scheduler::Schedule", 1);
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                    "ScheduleExpression", "cron(0 2 * * ? *)",
                    "ScheduleExpressionTimezone", "UTC",
                    "State", "ENABLED",
                    "FlexibleTimeWindow", Map.of("Mode", "OFF"),
                    "Target", Match.objectLike(Map.of(
                            "Arn", Map.of("Ref", Match.stringLikeRegexp("NightlyFunctionLiveAlias.*")),
                            "Input", Match.absent()))));
        }

        @Test
        void retriesThreeTimesWithinAnHourThenSendsToAnEncryptedSslOnlyDlq() {
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("Target", Match.objectLike(Map.of(
                    "RetryPolicy", Map.of("MaximumRetryAttempts", 3, "MaximumEventAgeInSeconds", 3600),
                    "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("NightlyDlq.*"), "Arn")))))));
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "MessageRetentionPeriod", 1209600,
                    "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("NightlyFunctionKey.*"), "Arn"))));
            // the function's DLQ and the schedule's DLQ, each with an SSL-only policy
            template.resourceCountIs("AWS::SQS::Queue", 2);
            template.resourceCountIs("AWS::SQS::QueuePolicy", 2);
        }

        @Test
        void encryptsTheScheduleWithTheFunctionsKey() {
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                    "KmsKeyArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("NightlyFunctionKey.*"), "Arn"))));
        }

        @Test
        void putsTheScheduleInAGroupOfItsOwnSoThatItsMetricsCountOnlyThisTask() {
            template.resourceCountIs("AWS::Scheduler::ScheduleGroup", 1);
            String group = template.findResources("AWS::Scheduler::ScheduleGroup").keySet().iterator().next();
            assertTrue(group.startsWith("NightlyGroup"), group);
            template.hasResourceProperties("AWS::Scheduler::ScheduleGroup", Map.of("Name", "Test-Nightly-Group-D82322C9"));
            template.hasResource("AWS::Scheduler::ScheduleGroup", Map.of("DeletionPolicy", "Delete"));
            template.hasResource("AWS::Scheduler::Schedule", Map.of(
                    "Properties", Match.objectLike(Map.of("GroupName", "Test-Nightly-Group-D82322C9")),
                    "DependsOn", Match.arrayWith(List.of(group))));
            for (Metric metric : List.of(task.metricTargetErrors(), task.metricSentToDeadLetter(), task.metricDropped(), task.metricAttempts())) {
                assertEquals("AWS/Scheduler", metric.getNamespace());
                assertEquals(Map.of("ScheduleGroup", "Test-Nightly-Group-D82322C9"), metric.getDimensions());
            }
            assertEquals(task.getScheduleGroup(), task.getSchedule().getScheduleGroup());
        }

        @Test
        void schedulerRoleIsAssumableOnlyByThisTasksScheduleGroupAndInvokesOnlyTheAlias() {
            String group = template.findResources("AWS::Scheduler::ScheduleGroup").keySet().iterator().next();
            template.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Statement", List.of(Map.of(
                    "Action", "sts:AssumeRole",
                    "Effect", "Allow",
                    "Principal", Map.of("Service", "scheduler.amazonaws.com"),
                    "Condition", Map.of("StringEquals", Map.of(
                            "aws:SourceAccount", Map.of("Ref", "AWS::AccountId"),
                            "aws:SourceArn", Map.of("Fn::GetAtt", List.of(group, "Arn")))))))));
            Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("NightlySchedulerRole.*"))))));
            assertEquals(1, policies.size());
            String policy = policies.values().iterator().next().toString();
            assertTrue(policy.contains("Action=lambda:InvokeFunction, Effect=Allow, Resource={Ref=NightlyFunctionLiveAlias"), policy);
            assertTrue(policy.contains("sqs:SendMessage"), policy);
            assertTrue(!policy.contains("Resource=*"), policy);
        }

        @Test
        void createsTheFunctionWhenGivenProps() {
            template.resourceCountIs("AWS::Lambda::Function", 1);
            assertEquals("live", task.getSecureFunction().orElseThrow().getAlias().getAliasName());
            assertEquals(task.getSecureFunction().orElseThrow().getAlias(), task.getFunction());
            assertEquals(task.getSecureFunction().orElseThrow().getKey(), task.getKey());
            Stack stack = Stack.of(task);
            String role = template.findResources("AWS::IAM::Role").keySet().stream().filter(id -> id.startsWith("NightlySchedulerRole")).findFirst().orElseThrow();
            String dlq = template.findResources("AWS::SQS::Queue").keySet().stream().filter(id -> id.startsWith("NightlyDlq")).findFirst().orElseThrow();
            assertEquals(Map.of("Fn::GetAtt", List.of(role, "Arn")), stack.resolve(task.getRole().getRoleArn()));
            assertEquals(Map.of("Fn::GetAtt", List.of(dlq, "Arn")), stack.resolve(task.getDeadLetterQueue().getQueueArn()));
            assertEquals(template.findResources("AWS::Scheduler::Schedule").keySet().iterator().next(),
                    stack.resolve(((CfnSchedule) task.getSchedule().getNode().getDefaultChild()).getLogicalId()));
            assertEquals("TargetErrorCount", task.metricTargetErrors().getMetricName());
            assertEquals("InvocationsSentToDeadLetterCount", task.metricSentToDeadLetter().getMetricName());
            assertEquals("InvocationDroppedCount", task.metricDropped().getMetricName());
            assertEquals("InvocationAttemptCount", task.metricAttempts().getMetricName());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Options {
        Template template;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            SecureFunction fn = new SecureFunction(stack, "Job", functionProps());
            ScheduledTask.Builder.create(stack, "Nightly")
                    .schedule("rate(6 hours)")
                    .timeZone("Europe/Berlin")
                    .flexibleTimeWindow(Duration.minutes(15))
                    .enabled(false)
                    .input(Map.of("maxPendingAge", "PT24H"))
                    .description("expire stale orders")
                    .retryAttempts(0)
                    .maxEventAge(Duration.minutes(10))
                    .function(fn)
                    .build();
            template = Template.fromStack(stack);
        }

        @Test
        void usesTheGivenFunctionAndAllOptions() {
            template.resourceCountIs("AWS::Lambda::Function", 1);
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                    "ScheduleExpression", "rate(6 hours)",
                    "ScheduleExpressionTimezone", "Europe/Berlin",
                    "State", "DISABLED",
                    "Description", "expire stale orders",
                    "FlexibleTimeWindow", Map.of("Mode", "FLEXIBLE", "MaximumWindowInMinutes", 15),
                    "Target", Match.objectLike(Map.of(
                            "Arn", Map.of("Ref", Match.stringLikeRegexp("JobLiveAlias.*")),
                            "Input", "{\"maxPendingAge\":\"PT24H\"}",
                            "RetryPolicy", Map.of("MaximumRetryAttempts", 0, "MaximumEventAgeInSeconds", 600)))));
        }
    }

    @Test
    void usesAGivenDeadLetterQueueAndAOneTimeSchedule() {
        Stack stack = new Stack(new App(), "Test");
        software.amazon.awscdk.services.sqs.Queue failures = new software.amazon.awscdk.services.sqs.Queue(stack, "TeamFailures");
        ScheduledTask task = ScheduledTask.Builder.create(stack, "Once")
                .schedule("at(2099-12-24T18:00:00)")
                .functionProps(functionProps())
                .deadLetterQueue(failures)
                .build();
        Template template = Template.fromStack(stack);
        assertEquals(failures, task.getDeadLetterQueue());
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", "at(2099-12-24T18:00:00)",
                "Target", Match.objectLike(Map.of("DeadLetterConfig", Map.of(
                        "Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("TeamFailures.*"), "Arn")))))));
        // the function's own DLQ plus the given queue; no queue created for the schedule
        template.resourceCountIs("AWS::SQS::Queue", 2);
    }

    // ---- validation ----

    static IllegalArgumentException failure(Consumer<ScheduledTask.Builder> change) {
        Stack stack = new Stack(new App(), "Test");
        ScheduledTask.Builder builder = ScheduledTask.Builder.create(stack, "Nightly")
                .schedule("cron(0 2 * * ? *)").functionProps(functionProps());
        change.accept(builder);
        return assertThrows(IllegalArgumentException.class, builder::build);
    }

    @Test
    void failsWhenCronHasTheWrongFieldCount() {
        assertMessage("Invalid ScheduledTask 'Nightly': schedule 'cron(0 2 * * *)': has 5 fields, but EventBridge Scheduler "
                + "cron expressions have 6 (minutes hours day-of-month month day-of-week year); e.g. cron(0 2 * * ? *) "
                + "runs every day at 02:00", failure(b -> b.schedule("cron(0 2 * * *)")));
    }

    @Test
    void failsWhenCronSetsBothDayFields() {
        assertMessage("Invalid ScheduledTask 'Nightly': schedule 'cron(0 2 * * MON *)': day-of-month '*' and "
                + "day-of-week 'MON' are both set; exactly one of them must be '?', e.g. cron(0 2 * * ? *) daily "
                + "or cron(0 2 ? * MON *) on Mondays (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
                failure(b -> b.schedule("cron(0 2 * * MON *)")));
    }

    @Test
    void failsWhenCronHasAnOutOfRangeValue() {
        assertMessage("Invalid ScheduledTask 'Nightly': schedule 'cron(0 25 * * ? *)': hours '25' has 25, outside "
                + "0-23 (e.g. cron(0 2 * * ? *) runs every day at 02:00)",
                failure(b -> b.schedule("cron(0 25 * * ? *)")));
    }

    @Test
    void failsWhenTheIntervalIsBelowOneMinute() {
        assertMessage("Invalid ScheduledTask 'Nightly': schedule 'rate(30 seconds)': the interval is below one "
                + "minute, the shortest EventBridge Scheduler allows; e.g. rate(1 minute) or rate(5 minutes)",
                failure(b -> b.schedule("rate(30 seconds)")));
    }

    @Test
    void failsWhenTheTimeZoneIsUnknown() {
        assertMessage("Invalid ScheduledTask 'Nightly': timeZone 'Europe/Atlantis' is not a known IANA time zone; use "
                + "a name like Europe/Berlin, America/New_York or UTC", failure(b -> b.timeZone("Europe/Atlantis")));
    }

    @Test
    void failsWhenTheScheduleIsMissing() {
        assertMessage("Invalid ScheduledTask 'Nightly': schedule is required, e.g. cron(0 2 * * ? *) runs every day "
                + "at 02:00, or rate(5 minutes)", failure(b -> b.schedule(null)));
    }

    @Test
    void failsWhenFunctionAndFunctionPropsAreBothOrNeitherGiven() {
        assertMessage("Invalid ScheduledTask 'Nightly': function (a SecureFunction, or any IFunction such as an alias) or "
                + "functionProps is required", failure(b -> b.functionProps(null)));
        assertMessage("Invalid ScheduledTask 'Nightly': Either provide function (a SecureFunction or an IFunction) or "
                + "functionProps, but only one", failure(b -> b.function(
                new SecureFunction(new Stack(new App(), "Other"), "Fn", functionProps()))));
        assertMessage("Invalid ScheduledTask 'Nightly': Either provide function (a SecureFunction or an IFunction) or "
                + "functionProps, but only one", failure(b -> b.function(
                new SecureFunction(new Stack(new App(), "Other"), "Fn", functionProps()).getAlias())));
    }

    @Test
    void failsWhenRetryPolicyOrWindowIsOutOfRange() {
        assertMessage("Invalid ScheduledTask 'Nightly': retryAttempts must be a whole number between 0 and 185, but "
                + "was 200", failure(b -> b.retryAttempts(200)));
        assertMessage("Invalid ScheduledTask 'Nightly': maxEventAge must be a whole number of seconds between 60 and "
                + "86400 (1 minute to 24 hours), but was 172800 seconds",
                failure(b -> b.maxEventAge(Duration.days(2))));
        assertMessage("Invalid ScheduledTask 'Nightly': flexibleTimeWindow must be a whole number of minutes between "
                + "1 and 1440, but was 2 days",
                failure(b -> b.flexibleTimeWindow(Duration.days(2))));
    }

    @Test
    void failsWithTheFunctionsOwnMessageForBadFunctionProps() {
        assertMessage("Invalid SecureFunction 'Function': memorySize must be a whole number between 128 and 10240 MB, but was 1",
                failure(b -> b.functionProps(functionProps().toBuilder().memorySize(1).build())));
    }

    /** Any IFunction as target: here a plain L2 function (unqualified) and an imported alias. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AnyFunction {
        Template template;
        ScheduledTask plain;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            // without notifications: the keys counted are the task's, not an alarm topic's
            dev.stratus.constructs.monitoring.AlarmPolicy.setDefault(stack,
                    dev.stratus.constructs.monitoring.AlarmPolicy.defaults().withoutNotifications());
            Function report = Function.Builder.create(stack, "Report")
                    .runtime(software.amazon.awscdk.services.lambda.Runtime.JAVA_21)
                    .handler("com.example.Report::handleRequest")
                    .code(Code.fromAsset(CODE))
                    .build();
            plain = ScheduledTask.Builder.create(stack, "Weekly").schedule("cron(0 6 ? * MON *)").function(report).build();
            IFunction imported = Function.fromFunctionArn(stack, "Cleanup", "arn:aws:lambda:eu-west-1:111111111111:function:cleanup:prod");
            ScheduledTask.Builder.create(stack, "Hourly").schedule("rate(1 hour)").function(imported).build();
            template = Template.fromStack(stack);
        }

        @Test
        void invokesTheFunctionAsGivenThroughARoleThatMayInvokeExactlyIt() {
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("ScheduleExpression", "cron(0 6 ? * MON *)",
                    "Target", Match.objectLike(Map.of("Arn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Report.*"), "Arn"))))));
            Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy", Map.of("Properties", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("WeeklySchedulerRole.*"))))));
            String policy = policies.values().iterator().next().toString();
            assertTrue(policy.contains("Action=lambda:InvokeFunction, Effect=Allow, Resource={Fn::GetAtt=[Report"), policy);
            assertFalse(policy.contains(":*"), "no function:* (every version and alias): " + policy);
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("ScheduleExpression", "rate(1 hour)",
                    "Target", Match.objectLike(Map.of("Arn", "arn:aws:lambda:eu-west-1:111111111111:function:cleanup:prod"))));
            assertTrue(template.toJSON().toString().contains(
                    "Action=lambda:InvokeFunction, Effect=Allow, Resource=arn:aws:lambda:eu-west-1:111111111111:function:cleanup:prod}"));
        }

        @Test
        void createsAKeyForTheScheduleAndDlqWhenTheFunctionBringsNone() {
            template.resourceCountIs("AWS::KMS::Key", 2);
            template.resourceCountIs("AWS::Scheduler::ScheduleGroup", 2);
            assertTrue(plain.getKey() instanceof Key);
            assertTrue(plain.getSecureFunction().isEmpty());
            template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("ScheduleExpression", "cron(0 6 ? * MON *)",
                    "KmsKeyArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WeeklyKey.*"), "Arn"))));
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("WeeklyKey.*"), "Arn"))));
        }
    }

    @Test
    void usesAGivenKeyAndCoresTimeZone() {
        Stack stack = new Stack(new App(), "Test");
        Key key = Key.Builder.create(stack, "TeamKey").enableKeyRotation(true).build();
        ScheduledTask.Builder.create(stack, "Nightly").schedule("cron(0 2 * * ? *)").timeZone(TimeZone.EUROPE_BERLIN)
                .functionProps(functionProps()).encryptionKey(key).build();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of("ScheduleExpressionTimezone", "Europe/Berlin",
                "KmsKeyArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("TeamKey.*"), "Arn"))));
    }

    /**
     * The input renders with sorted keys at every depth, whatever order the maps iterate in: built
     * twice from maps filled in opposite orders, the two templates carry the same string.
     */
    @Test
    void rendersTheInputInAStableKeyOrder() {
        Map<String, Object> inner1 = new LinkedHashMap<>();
        inner1.put("zone", "UTC");
        inner1.put("age", "PT48H");
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("options", inner1);
        first.put("batch", List.of(Map.of("b", 2, "a", 1)));
        first.put("dryRun", false);
        Map<String, Object> inner2 = new LinkedHashMap<>();
        inner2.put("age", "PT48H");
        inner2.put("zone", "UTC");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("dryRun", false);
        second.put("batch", List.of(new TreeMap<>(Map.of("b", 2, "a", 1))));
        second.put("options", inner2);
        String expected = "{\"batch\":[{\"a\":1,\"b\":2}],\"dryRun\":false,\"options\":{\"age\":\"PT48H\",\"zone\":\"UTC\"}}";
        assertEquals(expected, renderedInput(first));
        assertEquals(expected, renderedInput(second));
    }

    static Object renderedInput(Map<String, Object> input) {
        Stack stack = new Stack(new App(), "Test");
        ScheduledTask.Builder.create(stack, "Nightly").schedule("cron(0 2 * * ? *)").functionProps(functionProps()).input(input).build();
        Map<String, Object> schedule = Template.fromStack(stack).findResources("AWS::Scheduler::Schedule").values().iterator().next();
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) schedule.get("Properties")).get("Target");
        return target.get("Input");
    }

    @Test
    void failsWhenAOneTimeScheduleIsInThePast() {
        assertMessage("Invalid ScheduledTask 'Nightly': schedule 'at(2020-01-01T00:00:00)' is in the past in time zone UTC: a "
                + "one-time schedule runs only if its time is still to come", failure(b -> b.schedule("at(2020-01-01T00:00:00)")));
    }

    @Test
    void failsWhenACronExpressionNeverFires() {
        assertMessage("Invalid ScheduledTask 'Nightly': schedule 'cron(0 2 30 2 ? *)' never fires: no day from today to the end "
                + "of 2199 matches day-of-month '30', month '2', day-of-week '?' and year '*' together (e.g. February has no 30th, "
                + "and a year in the past does not come back)", failure(b -> b.schedule("cron(0 2 30 2 ? *)")));
        assertMessage("Invalid ScheduledTask 'Nightly': schedule 'cron(0 2 * * ? 2020-2024)' never fires: no day from today to "
                + "the end of 2199 matches day-of-month '*', month '*', day-of-week '?' and year '2020-2024' together (e.g. February "
                + "has no 30th, and a year in the past does not come back)", failure(b -> b.schedule("cron(0 2 * * ? 2020-2024)")));
    }

    @Test
    void failsWhenAnInputKeyIsNotAString() {
        Map<Object, Object> nested = new java.util.HashMap<>();
        nested.put(null, "x");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("options", nested);
        input.put("list", List.of(Map.of(1, "one")));
        assertMessage("Invalid ScheduledTask 'Nightly', 2 problems:\n  - input.options has the key null; every key of the JSON "
                + "input must be a string\n  - input.list[0] has the key 1; every key of the JSON input must be a string",
                failure(b -> b.input(input)));
    }
}
