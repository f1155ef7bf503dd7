package dev.stratus.constructs.schedule;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Per task, on its own schedule group: target errors, its DLQ, and missed runs of a rate schedule (README: "Alarms"). */
class ScheduledTaskAlarmsTest {
    static SecureFunction job(Stack stack) {
        return SecureFunction.Builder.create(stack, "Job", ScheduledTaskTest.functionProps()).alarms(AlarmPolicy.off()).build();
    }

    static Map<String, Object> groupOf(String task) {
        // the group's name, a literal the L2 generates from the task's path
        return Map.of("Name", "ScheduleGroup", "Value", Match.stringLikeRegexp("^Test-" + task + "-Group-[0-9A-F]{8}$"));
    }

    @Test
    void twoTasksOfOneFunctionEachAlarmOnTheirOwnGroup() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction job = job(stack);
        ScheduledTask nightly = ScheduledTask.Builder.create(stack, "Nightly").schedule("cron(0 2 * * ? *)").function(job).build();
        ScheduledTask hourly = ScheduledTask.Builder.create(stack, "Hourly").schedule("rate(1 hour)").function(job).build();
        Template template = Template.fromStack(stack);
        assertEquals(2, nightly.getAlarms().size(), "a cron schedule gets no MissedRuns");
        assertEquals(3, hourly.getAlarms().size());
        for (String task : List.of("Nightly", "Hourly")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "Namespace", "AWS/Scheduler", "MetricName", "TargetErrorCount", "Statistic", "Sum", "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData", "notBreaching",
                    "Dimensions", List.of(groupOf(task)))));
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "Namespace", "AWS/SQS", "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 1,
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt",
                            List.of(Match.stringLikeRegexp("^" + task + "Dlq[0-9A-F]{8}$"), "QueueName")))))));
        }
        // no attempt in two hours is the failure: missing data breaches
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "InvocationAttemptCount", "Period", 7200, "Threshold", 1, "ComparisonOperator", "LessThanThreshold",
                "TreatMissingData", "breaching", "Dimensions", List.of(groupOf("Hourly")))));
    }

    @Test
    void missedRunsWatchesTwiceTheIntervalPlusTheFlexibleWindowOnlyForAnEnabledRateOfUpToTwelveHours() {
        assertEquals(java.time.Duration.ofMinutes(5), ScheduledTask.missedRunsPeriod(props("rate(1 minute)").build()));
        assertEquals(java.time.Duration.ofMinutes(40), ScheduledTask.missedRunsPeriod(props("rate(15 minutes)")
                .flexibleTimeWindow(Duration.minutes(10)).build()));
        assertEquals(java.time.Duration.ofHours(24), ScheduledTask.missedRunsPeriod(props("rate(12 hours)").build()));
        assertNull(ScheduledTask.missedRunsPeriod(props("rate(13 hours)").build()));
        assertNull(ScheduledTask.missedRunsPeriod(props("rate(1 day)").build()));
        assertNull(ScheduledTask.missedRunsPeriod(props("rate(5 minutes)").enabled(false).build()));
        assertNull(ScheduledTask.missedRunsPeriod(props("cron(0/5 * * * ? *)").build()));
        assertNull(ScheduledTask.missedRunsPeriod(props("at(2030-01-01T00:00:00)").build()));
    }

    static ScheduledTaskProps.Builder props(String schedule) {
        return ScheduledTaskProps.builder().schedule(schedule);
    }

    @Test
    void failsWhenTheAlarmPolicyNamesAnAlarmATaskDoesNotHave() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction job = job(stack);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScheduledTask.Builder.create(stack, "Nightly")
                .schedule("cron(0 2 * * ? *)").function(job).alarms(AlarmPolicy.defaults().disable("Errors")).build());
        assertMessage("Invalid ScheduledTask 'Nightly': alarms disables 'Errors', which is not an alarm of this construct; its alarms "
                + "are DeadLetterQueue, MissedRuns, TargetErrors", e);
    }

    @Test
    void theDashboardShowsTheTasksRuns() {
        Stack stack = new Stack(new App(), "Test");
        ScheduledTask task = ScheduledTask.Builder.create(stack, "Nightly").schedule("cron(0 2 * * ? *)").function(job(stack)).build();
        String widgets = stack.resolve(task.dashboardWidgets().stream().map(w -> w.toJson()).toList()).toString();
        for (String expected : List.of("### Scheduled task `Test/Nightly`", "InvocationAttemptCount", "TargetErrorCount",
                "InvocationsSentToDeadLetterCount", "InvocationDroppedCount", "ApproximateNumberOfMessagesVisible")) {
            assertTrue(widgets.contains(expected), expected + " in " + widgets);
        }
    }
}
