package dev.stratus.constructs.events;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.AlarmTuning;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/** Per consumer: the age of its oldest message, its DLQ and its delivery DLQ (README: "Alarms"); redriving its DLQ. */
class EventDrivenServiceAlarmsTest {
    static EventDrivenService service(Stack stack, EventConsumer... extra) {
        EventDrivenService.Builder builder = EventDrivenService.Builder.create(stack, "UserEvents")
                .consumer(EventConsumer.of("SendWelcomeEmail", EventDrivenServiceTest.function(stack, "Welcome"))
                        .eventPattern(EventDrivenServiceTest.USER_CREATED));
        for (EventConsumer consumer : extra) {
            builder.consumer(consumer);
        }
        return builder.build();
    }

    static Map<String, Object> queueName(String logicalIdPrefix) {
        return Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^" + logicalIdPrefix + "[0-9A-F]{8}$"),
                "QueueName")));
    }

    @Test
    void eachConsumerAlarmsOnItsBacklogAgeItsDlqAndItsDeliveryDlq() {
        Stack stack = new Stack(new App(), "Test");
        EventDrivenService events = service(stack, EventConsumer.of("CreateUserProfile", EventDrivenServiceTest.function(stack, "Profiles"))
                .eventPattern(EventDrivenServiceTest.USER_CREATED).maxReceiveCount(10));
        Template template = Template.fromStack(stack);
        assertEquals(6, events.getAlarms().size());
        // function timeout 20 s: visibility 120 s; × 5 receives = 600 s, below the 15-minute floor
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "Namespace", "AWS/SQS", "MetricName", "ApproximateAgeOfOldestMessage", "Statistic", "Maximum", "Threshold", 900,
                "TreatMissingData", "notBreaching", "Dimensions", List.of(queueName("UserEventsSendWelcomeEmailQueue")))));
        // × 10 receives = 1200 s: a message may still be retried that long
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 1200,
                "Dimensions", List.of(queueName("UserEventsCreateUserProfileQueue")))));
        for (String queue : List.of("UserEventsSendWelcomeEmailDlq", "UserEventsSendWelcomeEmailDeliveryDlq",
                "UserEventsCreateUserProfileDlq", "UserEventsCreateUserProfileDeliveryDlq")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "MetricName", "ApproximateNumberOfMessagesVisible", "Statistic", "Maximum", "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData", "notBreaching",
                    "Dimensions", List.of(queueName(queue)))));
        }
        // ids: the consumer, then the alarm's name
        assertTrue(template.findResources("AWS::CloudWatch::Alarm").keySet().stream()
                .anyMatch(id -> id.startsWith("UserEventsAlarmsCreateUserProfileDeliveryDeadLetterQueue")));
    }

    @Test
    void aConsumerMayTuneItsOwnAlarmsAndAConsumerAddedLaterGetsThemToo() {
        Stack stack = new Stack(new App(), "Test");
        EventDrivenService events = service(stack, EventConsumer.of("Reports", EventDrivenServiceTest.function(stack, "Reports"))
                .eventPattern(EventDrivenServiceTest.USER_CREATED)
                .alarms(AlarmPolicy.defaults().tune("OldestMessageAge", AlarmTuning.threshold(7200)).disable("DeliveryDeadLetterQueue")));
        events.addConsumer(EventConsumer.of("Audit", EventDrivenServiceTest.function(stack, "Audit")).eventPattern(EventDrivenServiceTest.USER_CREATED));
        Template template = Template.fromStack(stack);
        assertEquals(3 + 2 + 3, events.getAlarms().size());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 7200, "Dimensions", List.of(queueName("UserEventsReportsQueue")))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 900, "Dimensions", List.of(queueName("UserEventsAuditQueue")))));
    }

    @Test
    void failsWhenAConsumersAlarmPolicyNamesAnAlarmTheServiceDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            Stack stack = new Stack(new App(), "Test");
            EventDrivenService.Builder.create(stack, "UserEvents")
                    .alarms(AlarmPolicy.defaults().disable("Errors"))
                    .consumer(EventConsumer.of("SendWelcomeEmail", EventDrivenServiceTest.function(stack, "Welcome"))
                            .eventPattern(EventDrivenServiceTest.USER_CREATED)
                            .alarms(AlarmPolicy.defaults().tune("QueueAge", AlarmTuning.threshold(60))))
                    .build();
        });
        assertMessage("Invalid EventDrivenService 'UserEvents', 2 problems:\n"
                + "  - alarms disables 'Errors', which is not an alarm of this construct; its alarms are DeadLetterQueue, "
                + "DeliveryDeadLetterQueue, OldestMessageAge\n"
                + "  - consumer SendWelcomeEmail alarms tunes 'QueueAge', which is not an alarm of this construct; its alarms are "
                + "DeadLetterQueue, DeliveryDeadLetterQueue, OldestMessageAge", e);
    }

    @Test
    void theRedriveCommandMovesTheDlqBackToTheConsumersQueueAndItsGrantAllowsExactlyThat() {
        Stack stack = new Stack(new App(), "Test");
        EventDrivenService events = service(stack);
        Role operator = Role.Builder.create(stack, "Operator").assumedBy(new ServicePrincipal("ec2.amazonaws.com")).build();
        events.grantRedrive(operator, "SendWelcomeEmail");
        String command = stack.resolve(events.redriveCommand("SendWelcomeEmail")).toString();
        assertTrue(command.startsWith("{Fn::Join=[, [aws sqs start-message-move-task --source-arn , {Fn::GetAtt=[UserEventsSendWelcomeEmailDlq"),
                command);
        assertTrue(command.contains(" --destination-arn , {Fn::GetAtt=[UserEventsSendWelcomeEmailQueue"), command);
        Template template = Template.fromStack(stack);
        Object fromDlq = Match.objectLike(Map.of("Action", List.of("sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks",
                        "sqs:CancelMessageMoveTask", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^UserEventsSendWelcomeEmailDlq"), "Arn"))));
        Object toQueue = Match.objectLike(Map.of("Action", "sqs:SendMessage",
                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("^UserEventsSendWelcomeEmailQueue"), "Arn"))));
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(fromDlq, toQueue)))),
                "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^Operator"))))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> events.redriveCommand("Nobody"));
        assertEquals("no consumer named 'Nobody'; consumers are [SendWelcomeEmail]", e.getMessage());
    }

    @Test
    void theDashboardShowsMatchesPerRuleAndEachConsumersQueues() {
        Stack stack = new Stack(new App(), "Test");
        EventDrivenService events = service(stack);
        String widgets = stack.resolve(events.dashboardWidgets().stream().map(w -> w.toJson()).toList()).toString();
        for (String expected : List.of("### Events `Test/UserEvents`", "MatchedEvents", "FailedInvocations", "RuleName",
                "SendWelcomeEmail: messages waiting and in flight", "ApproximateAgeOfOldestMessage", "delivery DLQ")) {
            assertTrue(widgets.contains(expected), expected + " in " + widgets);
        }
        assertEquals(5, events.dashboardWidgets().size());
    }

    @Test
    void anSnsServiceGraphsItsTopic() {
        Stack stack = new Stack(new App(), "Test");
        EventDrivenService events = EventDrivenService.Builder.create(stack, "Orders").source(SourceType.SNS)
                .consumer(EventConsumer.of("Ship", EventDrivenServiceTest.function(stack, "Ship"))).build();
        String widgets = stack.resolve(events.dashboardWidgets().stream().map(w -> w.toJson()).toList()).toString();
        assertTrue(widgets.contains("NumberOfNotificationsFailed"), widgets);
        assertEquals(3, events.getAlarms().size());
        Template.fromStack(stack).resourceCountIs("AWS::CloudWatch::Alarm", 3 + 4); // and the function's own
    }
}
