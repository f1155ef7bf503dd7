package dev.stratus.constructs.events;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.sns.StringConditions;
import software.amazon.awscdk.services.sns.SubscriptionFilter;

class EventDrivenServiceTest {
    static final String CODE = "src/test/resources/fake-function";
    static final EventPattern USER_CREATED = EventPattern.builder().source(List.of("stratus.users"))
            .detailType(List.of("user.created")).build();

    static SecureFunction function(Stack stack, String id) {
        return SecureFunction.Builder.create(stack, id).handler("com.example.Handler::handleRequest").codePath(CODE)
                .timeout(Duration.seconds(20)).build();
    }

    /** The EventBridge source with two consumers, from one synthesis. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class EventBridge {
        Template template;
        EventDrivenService events;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            Role producer = Role.Builder.create(stack, "Producer").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
            events = EventDrivenService.Builder.create(stack, "UserEvents")
                    .consumer(EventConsumer.of("SendWelcomeEmail", function(stack, "Welcome")).eventPattern(USER_CREATED))
                    .consumer(EventConsumer.of("CreateUserProfile", function(stack, "Profiles")).eventPattern(USER_CREATED)
                            .batchSize(100).maxBatchingWindow(Duration.seconds(5)).maxConcurrency(5).maxReceiveCount(3))
                    .build();
            events.grantPublish(producer);
            template = Template.fromStack(stack);
        }

        @Test
        void aBusAndItsArchiveEncryptedWithTheServicesKey() {
            Map<String, Object> serviceKey = Map.of("Fn::GetAtt", List.of(keyId(), "Arn"));
            template.resourceCountIs("AWS::Events::EventBus", 1);
            template.hasResourceProperties("AWS::Events::EventBus", Map.of("KmsKeyIdentifier", serviceKey));
            // an archive without KmsKeyIdentifier ("" from the L2) is encrypted with an AWS owned key
            template.hasResourceProperties("AWS::Events::Archive", Map.of("RetentionDays", 30,
                    "KmsKeyIdentifier", serviceKey,
                    "EventPattern", Map.of("account", List.of(Map.of("Ref", "AWS::AccountId")))));
        }

        @Test
        void eventBridgeMayUseTheKeyWithExactActionsAndOnlyForThisAccountOrBus() {
            List<Map<String, Object>> forEvents = statements(keyId()).stream()
                    .filter(st -> String.valueOf(st.get("Principal")).contains("events.amazonaws.com")).toList();
            assertTrue(forEvents.size() >= 3, forEvents.toString());
            for (Map<String, Object> statement : forEvents) {
                assertTrue(statement.get("Condition") != null && !((Map<?, ?>) statement.get("Condition")).isEmpty(),
                        "every grant to EventBridge has a condition: " + statement);
                assertTrue(!String.valueOf(statement.get("Action")).contains("*"), "no wildcard action: " + statement);
            }
            assertTrue(forEvents.contains(Map.of("Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                    "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"), "Resource", "*",
                    "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))), forEvents.toString());
        }

        @Test
        @SuppressWarnings("unchecked")
        void eachQueueAndItsDeliveryDlqAcceptOnlyItsOwnRule() {
            for (String consumer : List.of("SendWelcomeEmail", "CreateUserProfile")) {
                String rule = template.findResources("AWS::Events::Rule").keySet().stream()
                        .filter(id -> id.startsWith("UserEvents" + consumer + "Rule")).findFirst().orElseThrow();
                for (String queue : List.of(consumer + "Queue", consumer + "DeliveryDlq")) {
                    List<Map<String, Object>> allows = template.findResources("AWS::SQS::QueuePolicy").values().stream()
                            .filter(p -> String.valueOf(p).contains("Ref=UserEvents" + queue))
                            .flatMap(p -> ((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) p.get("Properties"))
                                    .get("PolicyDocument")).get("Statement")).stream())
                            .filter(st -> "Allow".equals(st.get("Effect"))).toList();
                    assertEquals(1, allows.size(), queue + ": " + allows);
                    assertEquals(java.util.Arrays.asList("sqs:SendMessage", Map.of("Service", "events.amazonaws.com"),
                                    Map.of("ArnEquals", Map.of("aws:SourceArn", Map.of("Fn::GetAtt", List.of(rule, "Arn"))))),
                            java.util.Arrays.asList(allows.get(0).get("Action"), allows.get(0).get("Principal"), allows.get(0).get("Condition")), queue);
                }
            }
        }

        String logicalIdStartingWith(String prefix) {
            return template.findResources("AWS::SQS::Queue").keySet().stream().filter(id -> id.startsWith(prefix)).findFirst().orElseThrow();
        }

        String keyId() {
            return template.findResources("AWS::KMS::Key").keySet().stream().filter(id -> id.startsWith("UserEventsKey")).findFirst().orElseThrow();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> statements(String keyId) {
            Map<String, Object> props = (Map<String, Object>) template.findResources("AWS::KMS::Key").get(keyId).get("Properties");
            return (List<Map<String, Object>>) ((Map<String, Object>) props.get("KeyPolicy")).get("Statement");
        }

        @Test
        void eachConsumerHasAQueueWithDlqRedriveAndSixTimesTheFunctionTimeout() {
            // per consumer: queue, DLQ, delivery DLQ; plus each function's own async DLQ
            template.resourceCountIs("AWS::SQS::Queue", 8);
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "VisibilityTimeout", 120,
                    "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(keyId(), "Arn")),
                    "RedrivePolicy", Map.of("maxReceiveCount", 5, "deadLetterTargetArn",
                            Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("UserEventsSendWelcomeEmailDlq.*"), "Arn")))));
            template.hasResourceProperties("AWS::SQS::Queue", Map.of("RedrivePolicy", Map.of("maxReceiveCount", 3,
                    "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("UserEventsCreateUserProfileDlq.*"), "Arn")))));
        }

        @Test
        void queuesKeepMessagesFourDaysAndTheirDlqsFourteenSoADlqOutlivesItsSource() {
            for (String consumer : List.of("SendWelcomeEmail", "CreateUserProfile")) {
                assertEquals(345_600, retention("UserEvents" + consumer + "Queue"), consumer);
                assertEquals(1_209_600, retention("UserEvents" + consumer + "Dlq"), consumer);
                assertEquals(1_209_600, retention("UserEvents" + consumer + "DeliveryDlq"), consumer);
            }
        }

        @SuppressWarnings("unchecked")
        int retention(String logicalIdPrefix) {
            Map<String, Object> queue = template.findResources("AWS::SQS::Queue").get(logicalIdStartingWith(logicalIdPrefix));
            return ((Number) ((Map<String, Object>) queue.get("Properties")).get("MessageRetentionPeriod")).intValue();
        }

        @Test
        void rulesDeliverWithRetriesAndADeliveryDlq() {
            template.resourceCountIs("AWS::Events::Rule", 2);
            template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "EventPattern", Map.of("source", List.of("stratus.users"), "detail-type", List.of("user.created")),
                    "Targets", List.of(Match.objectLike(Map.of(
                            "RetryPolicy", Map.of("MaximumRetryAttempts", 8, "MaximumEventAgeInSeconds", 86400),
                            "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                                    List.of(Match.stringLikeRegexp("UserEventsSendWelcomeEmailDeliveryDlq.*"), "Arn"))))))));
        }

        @Test
        void mappingsOnTheLiveAliasReportPartialBatchFailures() {
            template.resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
            Map<String, Map<String, Object>> welcome = template.findResources("AWS::Lambda::EventSourceMapping", Map.of("Properties",
                    Match.objectLike(Map.of("BatchSize", 10, "FunctionResponseTypes", List.of("ReportBatchItemFailures")))));
            assertEquals(1, welcome.size());
            // the function name is qualified with the alias: FUNCTION:live
            assertTrue(welcome.toString().contains("{Ref=WelcomeLiveAlias") && welcome.toString().contains(", :live]"), welcome.toString());
            template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                    "BatchSize", 100,
                    "MaximumBatchingWindowInSeconds", 5,
                    "ScalingConfig", Map.of("MaximumConcurrency", 5),
                    "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
        }

        @Test
        void grantPublishCoversTheBusAndItsKey() {
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Producer.*"))),
                    "PolicyDocument", Map.of("Statement", List.of(
                            Map.of("Action", List.of("kms:GenerateDataKey", "kms:Decrypt"), "Effect", "Allow",
                                    "Resource", Map.of("Fn::GetAtt", List.of(keyId(), "Arn"))),
                            Map.of("Action", "events:PutEvents", "Effect", "Allow",
                                    "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("UserEventsBus.*"), "Arn")))))));
        }

        @Test
        void gettersAndMetrics() {
            assertTrue(events.getEventBus().isPresent());
            assertTrue(events.getTopic().isEmpty());
            assertEquals("ApproximateAgeOfOldestMessage", events.metricOldestMessageAge("SendWelcomeEmail").getMetricName());
            assertEquals("ApproximateNumberOfMessagesVisible", events.metricDeadLetterDepth("SendWelcomeEmail").getMetricName());
            Stack stack = Stack.of(events);
            var delivery = events.metricDeliveryDeadLetterDepth("SendWelcomeEmail");
            assertEquals("ApproximateNumberOfMessagesVisible", delivery.getMetricName());
            assertEquals("Maximum", delivery.getStatistic());
            assertEquals(Map.of("Fn::GetAtt", List.of(logicalIdStartingWith("UserEventsSendWelcomeEmailDeliveryDlq"), "QueueName")),
                    stack.resolve(delivery.getDimensions().get("QueueName")));
            assertEquals(List.of("SendWelcomeEmail", "CreateUserProfile"), events.getConsumerNames());
            assertTrue(events.getArchive().isPresent() && events.getRule("SendWelcomeEmail").isPresent());
            assertTrue(events.getSubscription("SendWelcomeEmail").isEmpty());
            assertEquals(Map.of("Fn::GetAtt", List.of(logicalIdStartingWith("UserEventsCreateUserProfileDeliveryDlq"), "Arn")),
                    stack.resolve(events.getDeliveryDeadLetterQueue("CreateUserProfile").getQueueArn()));
            assertEquals(Map.of("Fn::GetAtt", List.of(logicalIdStartingWith("UserEventsCreateUserProfileDlq"), "Arn")),
                    stack.resolve(events.getDeadLetterQueue("CreateUserProfile").getQueueArn()));
            assertMessage("no consumer named 'Nope'; consumers are [SendWelcomeEmail, CreateUserProfile]",
                    assertThrows(IllegalArgumentException.class, () -> events.getQueue("Nope")));
        }
    }

    @Test
    void snsSourceSubscribesEachQueueWithItsFilterAndDeliveryDlq() {
        Stack stack = new Stack(new App(), "Test");
        EventDrivenService events = EventDrivenService.Builder.create(stack, "UserEvents").source(SourceType.SNS)
                .consumer(EventConsumer.of("SendWelcomeEmail", function(stack, "Welcome")).filterPolicy(Map.of("type",
                        SubscriptionFilter.stringFilter(StringConditions.builder().allowlist(List.of("user.created")).build()))))
                .build();
        Template template = Template.fromStack(stack);
        String key = template.findResources("AWS::KMS::Key").keySet().stream().filter(id -> id.startsWith("UserEventsKey")).findFirst().orElseThrow();
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "sqs",
                "RawMessageDelivery", true,
                "FilterPolicy", Map.of("type", List.of("user.created")),
                "RedrivePolicy", Map.of("deadLetterTargetArn", Map.of("Fn::GetAtt",
                        List.of(Match.stringLikeRegexp("UserEventsSendWelcomeEmailDeliveryDlq.*"), "Arn")))));
        template.resourceCountIs("AWS::Events::Archive", 0);
        assertTrue(events.getTopic().isPresent());
    }

    @Test
    void snsFifoSourceFeedsFifoQueues() {
        Stack stack = new Stack(new App(), "Test");
        EventDrivenService.Builder.create(stack, "Orders").source(SourceType.SNS_FIFO)
                .consumer(EventConsumer.of("ShipOrder", function(stack, "Ship")).fifo())
                .build();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::SNS::Topic", Map.of("FifoTopic", true, "ContentBasedDeduplication", true));
        assertEquals(3, template.findResources("AWS::SQS::Queue", Map.of("Properties", Match.objectLike(Map.of("FifoQueue", true)))).size());
    }

    // ---- validation ----

    static IllegalArgumentException failure(UnaryOperator<EventConsumer> change) {
        return failure(SourceType.EVENT_BRIDGE, change);
    }

    static IllegalArgumentException failure(SourceType source, UnaryOperator<EventConsumer> change) {
        Stack stack = new Stack(new App(), "Test");
        EventConsumer consumer = change.apply(EventConsumer.of("Welcome", function(stack, "Fn")).eventPattern(USER_CREATED));
        return assertThrows(IllegalArgumentException.class,
                () -> EventDrivenService.Builder.create(stack, "Events").source(source).consumer(consumer).build());
    }

    @Test
    void failsWhenTheVisibilityTimeoutIsShorterThanSixFunctionTimeouts() {
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome visibilityTimeout is 60 seconds, shorter "
                + "than 6 × the function timeout (120 seconds): a slow batch would be delivered again while it is "
                + "still being processed", failure(c -> c.visibilityTimeout(Duration.seconds(60))));
    }

    @Test
    void failsWhenFifoAndStandardAreMixed() {
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome is FIFO, but the source EVENT_BRIDGE is "
                + "not: use SourceType.SNS_FIFO, or drop fifo()",
                failure(EventConsumer::fifo));
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome is standard, but the SNS_FIFO source "
                + "delivers only to FIFO queues: add fifo()",
                failure(SourceType.SNS_FIFO, c -> c.eventPattern(null)));
    }

    @Test
    void failsWhenTheBatchSizeIsOutOfRangeForTheQueueType() {
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome batchSize must be a whole number from 1 "
                + "to 10000 for a standard queue, but was 0", failure(c -> c.batchSize(0)));
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome batchSize must be a whole number from 1 "
                + "to 10000 for a standard queue, but was NaN", failure(c -> c.batchSize(Double.NaN)));
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome batchSize must be a whole number from 1 "
                + "to 10 for a FIFO queue, but was 11",
                failure(SourceType.SNS_FIFO, c -> c.eventPattern(null).fifo().batchSize(11)));
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome batchSize 100 needs a maxBatchingWindow "
                + "of at least 1 second (above 10 records)", failure(c -> c.batchSize(100)));
    }

    @Test
    void failsWhenMaxReceiveCountIsBelowOne() {
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome maxReceiveCount must be a whole number "
                + "between 1 and 1000, but was 0",
                failure(c -> c.maxReceiveCount(0)));
    }

    @Test
    void failsWhenAConsumerNameIsTakenTwice() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction fn = function(stack, "Fn");
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome is declared twice",
                assertThrows(IllegalArgumentException.class,
                () -> EventDrivenService.Builder.create(stack, "Events")
                        .consumer(EventConsumer.of("Welcome", fn).eventPattern(USER_CREATED))
                        .consumer(EventConsumer.of("Welcome", fn).eventPattern(USER_CREATED)).build()));
    }

    @Test
    void failsWhenTheEventPatternIsEmpty() {
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome needs a non-empty eventPattern, e.g. "
                + "EventPattern.builder().source(List.of(\"stratus.users\")).detailType(List.of(\"user.created\")).build()",
                failure(c -> c.eventPattern(EventPattern.builder().build())));
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome needs a non-empty eventPattern, e.g. "
                + "EventPattern.builder().source(List.of(\"stratus.users\")).detailType(List.of(\"user.created\")).build()",
                failure(c -> c.eventPattern(null)));
    }

    @Test
    void failsWhenServiceSettingsAreOutOfRangeOrForAnotherSource() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction fn = function(stack, "Fn");
        assertMessage("Invalid EventDrivenService 'Events', 4 problems:\n  - existingEventBus needs the EVENT_BRIDGE "
                + "source, but the source is SNS\n  - deliveryRetryAttempts must be a whole number between 0 and "
                + "185, but was 200\n  - deliveryMaxEventAge must be a whole number of seconds between 60 and "
                + "86400 (1 minute to 24 hours), but was 30 seconds\n  - archiveRetention must be a whole number "
                + "of days, 1 or more, but was 1 day 12 hours",
                assertThrows(IllegalArgumentException.class, () -> EventDrivenService.Builder.create(stack, "Events")
                .source(SourceType.SNS)
                .existingEventBus(software.amazon.awscdk.services.events.EventBus.fromEventBusName(stack, "Bus", "orders"))
                .deliveryRetryAttempts(200)
                .deliveryMaxEventAge(Duration.seconds(30))
                .archiveRetention(Duration.hours(36))
                .consumer(EventConsumer.of("Welcome", fn))
                .build()));
        assertMessage("Invalid EventDrivenService 'Events3': consumer Welcome has no function", assertThrows(IllegalArgumentException.class,
                () -> EventDrivenService.Builder.create(stack, "Events3").consumer(EventConsumer.of("Welcome", (SecureFunction) null).eventPattern(USER_CREATED)).build()));
        assertMessage("Invalid EventDrivenService 'Events2': a consumer is null", assertThrows(IllegalArgumentException.class,
                () -> EventDrivenService.Builder.create(stack, "Events2").consumer(null).build()));
    }

    @Test
    void failsWhenTheBatchingWindowOrVisibilityTimeoutIsOutOfRange() {
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome maxBatchingWindow is not supported on "
                + "FIFO queues",
                failure(SourceType.SNS_FIFO, c -> c.eventPattern(null).fifo().maxBatchingWindow(Duration.seconds(5))));
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome maxBatchingWindow must be a whole number "
                + "of seconds between 0 and 300 (up to 5 minutes), but was 301 seconds",
                failure(c -> c.maxBatchingWindow(Duration.seconds(301))));
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome visibilityTimeout must be at most 12 "
                + "hours, but was 46800 seconds", failure(c -> c.visibilityTimeout(Duration.hours(13))));
    }

    @Test
    void failsWhenAnEventBridgeConsumerHasAFilterPolicy() {
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome has a filterPolicy, which is for SNS "
                + "sources; give an eventPattern", failure(c -> c.filterPolicy(Map.of("type",
                SubscriptionFilter.stringFilter(StringConditions.builder().allowlist(List.of("user.created")).build())))));
    }

    @Test
    void failsOnOtherMisconfigurations() {
        assertMessage("Invalid EventDrivenService 'Events': consumer name 'welcome email' must be PascalCase letters "
                + "and digits (it names the consumer's queues)",
                failure(c -> EventConsumer.of("welcome email", c.function()).eventPattern(USER_CREATED)));
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome maxConcurrency must be a whole number "
                + "between 2 and 1000, but was 1", failure(c -> c.maxConcurrency(1)));
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome has an eventPattern, which is for the "
                + "EVENT_BRIDGE source; give a filterPolicy",
                failure(SourceType.SNS, c -> c));
    }

    @Test
    void failsWhenAQueueWouldKeepMessagesAsLongAsItsDlq() {
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome retentionPeriod must be a whole number of "
                + "seconds between 60 and 1123200 (1 minute to 13 days: shorter than its DLQ's 14 days, as SQS keeps a "
                + "message's first enqueue time when it moves it to the DLQ), but was 1209600 seconds",
                failure(c -> c.retentionPeriod(Duration.days(14))));
    }

    @Test
    void aConsumerQueuesRetentionCanBeChanged() {
        Stack stack = new Stack(new App(), "Test");
        EventDrivenService.Builder.create(stack, "Events")
                .consumer(EventConsumer.of("Welcome", function(stack, "Fn")).eventPattern(USER_CREATED).retentionPeriod(Duration.days(7)))
                .build();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::SQS::Queue", Map.of("MessageRetentionPeriod", 604_800,
                "RedrivePolicy", Match.objectLike(Map.of())));
    }

    @Test
    void failsWhenAListOrMapElementIsNullOrANumberIsNotANumber() {
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome eventPattern source[1] is null",
                failure(c -> c.eventPattern(EventPattern.builder().source(java.util.Arrays.asList("stratus.users", null)).build())));
        java.util.Map<String, SubscriptionFilter> policy = new java.util.HashMap<>();
        policy.put("type", null);
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome filterPolicy has a null filter for 'type'",
                failure(SourceType.SNS, c -> c.eventPattern(null).filterPolicy(policy)));
        assertMessage("Invalid EventDrivenService 'Events', 2 problems:\n  - consumer Welcome maxConcurrency must be a whole "
                + "number between 2 and 1000, but was NaN\n  - consumer Welcome maxReceiveCount must be a whole number "
                + "between 1 and 1000, but was 2.5", failure(c -> c.maxConcurrency(Double.NaN).maxReceiveCount(2.5)));
    }

    @Test
    void aServiceMayStartWithoutConsumersAndAddThemLater() {
        Stack stack = new Stack(new App(), "Test");
        EventDrivenService events = EventDrivenService.Builder.create(stack, "Events").build();
        events.addConsumer(EventConsumer.of("Welcome", function(stack, "Fn")).eventPattern(USER_CREATED));
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::Events::Rule", 1);
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        assertEquals(List.of("Welcome"), events.getConsumerNames());
    }

    @Test
    void failsWhenAConsumerAddedLaterTakesANameOrIsInvalid() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction fn = function(stack, "Fn");
        EventDrivenService events = EventDrivenService.Builder.create(stack, "Events")
                .consumer(EventConsumer.of("Welcome", fn).eventPattern(USER_CREATED)).build();
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome is declared twice", assertThrows(
                IllegalArgumentException.class, () -> events.addConsumer(EventConsumer.of("Welcome", fn).eventPattern(USER_CREATED))));
        assertMessage("Invalid EventDrivenService 'Events': consumer Profiles needs a non-empty eventPattern, e.g. "
                + "EventPattern.builder().source(List.of(\"stratus.users\")).detailType(List.of(\"user.created\")).build()",
                assertThrows(IllegalArgumentException.class, () -> events.addConsumer(EventConsumer.of("Profiles", fn))));
        // nothing of the refused consumers was created
        assertEquals(List.of("Welcome"), events.getConsumerNames());
        Template.fromStack(stack).resourceCountIs("AWS::SQS::Queue", 3 + 1);   // Welcome's three, the function's DLQ
    }

    @Test
    void anyFunctionAliasOrVersionCanConsume() {
        Stack stack = new Stack(new App(), "Test");
        Function plain = Function.Builder.create(stack, "Plain").runtime(Runtime.JAVA_21).handler("com.example.H")
                .code(Code.fromAsset(CODE)).timeout(Duration.seconds(30)).build();
        Alias alias = Alias.Builder.create(stack, "Live").aliasName("live").version(plain.getCurrentVersion()).build();
        EventDrivenService.Builder.create(stack, "Events")
                .consumer(EventConsumer.of("Plain", (IFunction) plain).eventPattern(USER_CREATED))
                .consumer(EventConsumer.of("Aliased", alias).eventPattern(USER_CREATED))
                .build();
        Template template = Template.fromStack(stack);
        // 6 × the 30 s timeout, read from the function and through the alias
        assertEquals(2, template.findResources("AWS::SQS::Queue", Map.of("Properties", Match.objectLike(Map.of(
                "VisibilityTimeout", 180)))).size());
        // the function as given: the plain function itself, and the alias (FUNCTION:live), each with its nag reason
        Map<String, Map<String, Object>> mappings = template.findResources("AWS::Lambda::EventSourceMapping");
        assertEquals(List.of("LiveSqsEventSource", "PlainSqsEventSource"), mappings.keySet().stream()
                .map(id -> id.substring(0, id.indexOf("Test"))).sorted().toList());
        assertTrue(mappings.get(mappings.keySet().stream().filter(id -> id.startsWith("Plain")).findFirst().orElseThrow())
                .get("Properties").toString().contains("FunctionName={Ref=Plain"), mappings.toString());
        assertTrue(mappings.values().stream().allMatch(m -> m.toString().contains("Serverless-LambdaEventSourceMappingDestination")));
    }

    @Test
    void failsWhenAnImportedFunctionHasNoVisibilityTimeout() {
        Stack stack = new Stack(new App(), "Test");
        IFunction imported = Function.fromFunctionArn(stack, "Imported", "arn:aws:lambda:eu-central-1:111111111111:function:welcome");
        assertMessage("Invalid EventDrivenService 'Events': consumer Welcome needs a visibilityTimeout: the timeout of its "
                + "function Test/Imported is not known here (an imported function); set at least 6 × that timeout",
                assertThrows(IllegalArgumentException.class, () -> EventDrivenService.Builder.create(stack, "Events")
                        .consumer(EventConsumer.of("Welcome", imported).eventPattern(USER_CREATED)).build()));
        EventDrivenService.Builder.create(stack, "Events2")
                .consumer(EventConsumer.of("Welcome", imported).eventPattern(USER_CREATED).visibilityTimeout(Duration.minutes(5)))
                .build();
        Template.fromStack(stack).hasResourceProperties("AWS::SQS::Queue", Map.of("VisibilityTimeout", 300));
    }

    @Test
    void anExistingBussArchiveIsEncryptedWithTheGivenKeyUnderThatBussContext() {
        Stack stack = new Stack(new App(), "Test");
        Key key = Key.Builder.create(stack, "SharedKey").enableKeyRotation(true).build();
        EventDrivenService.Builder.create(stack, "Events")
                .existingEventBus(software.amazon.awscdk.services.events.EventBus.fromEventBusName(stack, "Bus", "orders"))
                .encryptionKey(key)
                .consumer(EventConsumer.of("Welcome", function(stack, "Fn")).eventPattern(USER_CREATED))
                .build();
        Template template = Template.fromStack(stack);
        String keyId = template.findResources("AWS::KMS::Key").keySet().stream().filter(id -> id.startsWith("SharedKey")).findFirst().orElseThrow();
        template.resourceCountIs("AWS::Events::EventBus", 0);
        template.hasResourceProperties("AWS::Events::Archive", Map.of("KmsKeyIdentifier", Map.of("Fn::GetAtt", List.of(keyId, "Arn"))));
        Object archiveStatement = Match.objectLike(Map.of("Sid", "AllowEventBridgeArchive", "Condition", Map.of("StringEquals",
                Map.of("kms:EncryptionContext:aws:events:event-bus:arn", Match.objectLike(Map.of())))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement",
                Match.arrayWith(List.of(archiveStatement)))));
    }
}
