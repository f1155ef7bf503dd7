package dev.stratus.constructs.stream;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.AlarmTuning;
import dev.stratus.constructs.table.SecureTable;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.sqs.Queue;

class StreamProcessorTest {
    /** Map.of for more than ten pairs. */
    static Map<String, Object> props(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static final String CODE = "src/test/resources/fake-function";

    static SecureFunction function(Stack stack, String id) {
        return SecureFunction.Builder.create(stack, id).handler("com.example.Handler::handleRequest").codePath(CODE).build();
    }

    static SecureTable table(Stack stack, String id, StreamViewType view) {
        return SecureTable.Builder.create(stack, id)
                .partitionKey(Attribute.builder().name("orderId").type(AttributeType.STRING).build())
                .stream(view)
                .build();
    }

    /** Every statement of every IAM policy of the template. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Template template) {
        List<Map<String, Object>> all = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").values().forEach(p -> all.addAll((List<Map<String, Object>>)
                ((Map<String, Object>) ((Map<String, Object>) p.get("Properties")).get("PolicyDocument")).get("Statement")));
        return all;
    }

    static String logicalId(Template template, String type, String prefix) {
        return template.findResources(type).keySet().stream().filter(id -> id.startsWith(prefix)).findFirst().orElseThrow();
    }

    /** A DynamoDB source with every default, from one synthesis. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class DynamoDbSource {
        Template template;
        StreamProcessor processor;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            SecureTable orders = table(stack, "Orders", StreamViewType.NEW_AND_OLD_IMAGES);
            processor = StreamProcessor.Builder.create(stack, "Stats").table(orders).function(function(stack, "StatsFn")).build();
            template = Template.fromStack(stack);
        }

        @Test
        void theMappingReadsTheTablesStreamThroughTheLiveAliasWithBoundedRetriesAndPartialFailures() {
            template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
            template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                    "EventSourceArn", Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::DynamoDB::Table", "OrdersTable"), "StreamArn")),
                    "StartingPosition", "TRIM_HORIZON",
                    "BatchSize", 100,
                    "BisectBatchOnFunctionError", true,
                    "MaximumRetryAttempts", 10,
                    "MaximumRecordAgeInSeconds", 86400,
                    "ParallelizationFactor", 1,
                    "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                    "DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                            Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::SQS::Queue", "StatsFailureQueue"), "Arn"))))));
            // the function name is qualified with the alias: FUNCTION:live
            String mapping = template.findResources("AWS::Lambda::EventSourceMapping").toString();
            assertTrue(mapping.contains("{Ref=StatsFnLiveAlias") && mapping.contains(":live"), mapping);
        }

        @Test
        void theRoleReadsOnlyThisStreamAndDecryptsOnlyWithTheTablesKeyAndNothingIsGrantedOnStar() {
            String table = logicalId(template, "AWS::DynamoDB::Table", "OrdersTable");
            List<Map<String, Object>> statements = statements(template);
            assertTrue(statements.contains(Map.of("Effect", "Allow",
                    "Action", List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
                    "Resource", Map.of("Fn::GetAtt", List.of(table, "StreamArn")))), statements.toString());
            assertTrue(statements.contains(Map.of("Effect", "Allow", "Action", "dynamodb:ListStreams",
                    "Resource", Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(table, "Arn")), "/stream/*"))))),
                    statements.toString());
            assertTrue(statements.contains(Map.of("Effect", "Allow", "Action", "kms:Decrypt",
                    "Resource", Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::KMS::Key", "OrdersKey"), "Arn")))), statements.toString());
            for (Map<String, Object> statement : statements) {
                boolean xray = String.valueOf(statement.get("Action")).contains("xray:");
                assertTrue(xray || !"*".equals(statement.get("Resource")), "Resource * outside X-Ray: " + statement);
            }
            // the failure queue: send only, with the data key its encryption needs
            assertTrue(statements.contains(Map.of("Effect", "Allow", "Action", "sqs:SendMessage",
                    "Resource", Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::SQS::Queue", "StatsFailureQueue"), "Arn")))));
        }

        @Test
        @SuppressWarnings("unchecked")
        void theMappingWaitsForTheGrantsLambdaChecksWhenItCreatesIt() {
            Map<String, Object> mapping = template.findResources("AWS::Lambda::EventSourceMapping").values().iterator().next();
            List<String> dependsOn = (List<String>) mapping.get("DependsOn");
            assertTrue(dependsOn != null && dependsOn.stream().anyMatch(d -> d.startsWith("StatsFnRoleDefaultPolicy")), String.valueOf(dependsOn));
        }

        @Test
        void theFailureQueueIsEncryptedWithItsOwnKeyAndKeptFourteenDays() {
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::KMS::Key", "StatsKey"), "Arn")),
                    "MessageRetentionPeriod", 1_209_600));
            template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true,
                    "Description", "Encrypts the stream and failure queue of Test/Stats"));
        }

        @Test
        void alarmsOnIteratorAgeOfItsFunctionAndOnItsFailureQueueNotifyingTheStacksAlarmTopic() {
            String failureQueue = logicalId(template, "AWS::SQS::Queue", "StatsFailureQueue");
            Map<String, Object> topic = Map.of("Ref", Match.stringLikeRegexp("^AlarmTopic.*"));
            template.hasResourceProperties("AWS::CloudWatch::Alarm", props(
                    "MetricName", "IteratorAge", "Namespace", "AWS/Lambda", "Statistic", "Maximum", "Period", 60,
                    "Threshold", 300_000, "EvaluationPeriods", 3, "DatapointsToAlarm", 3,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold", "TreatMissingData", "notBreaching",
                    "AlarmActions", List.of(topic),
                    "Dimensions", Match.arrayWith(List.of(Map.of("Name", "Resource",
                            "Value", Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", Match.stringLikeRegexp("StatsFnFunction.*")), ":live"))))))));
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "MetricName", "ApproximateNumberOfMessagesVisible", "Statistic", "Maximum", "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold", "AlarmActions", List.of(topic),
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(failureQueue, "QueueName"))))));
            // the SecureFunction alarms on its own errors: the processor adds no second Errors alarm
            assertEquals(List.of("IteratorAge", "FailureQueue"), processor.getAlarms().stream().map(a -> a.getNode().getId()).toList());
        }

        @Test
        void getters() {
            assertTrue(processor.getTable().isPresent());
            assertTrue(processor.getKinesisStream().isEmpty());
            assertTrue(processor.getFailureQueue() instanceof Queue);
            assertTrue(processor.getKey().isPresent());
            assertEquals("IteratorAge", processor.metricIteratorAge().getMetricName());
            assertEquals("Errors", processor.metricErrors().getMetricName());
            assertEquals("ApproximateNumberOfMessagesVisible", processor.metricFailureQueueDepth().getMetricName());
            assertEquals("Test/Stats/Alarms/IteratorAge", processor.getAlarms().get(0).getNode().getPath());
        }
    }

    @Test
    void aKinesisStreamItCreatesIsOnDemandAndEncryptedWithACustomerManagedKey() {
        Stack stack = new Stack(new App(), "Test");
        StreamProcessor processor = StreamProcessor.Builder.create(stack, "Clicks").function(function(stack, "ClicksFn"))
                .maxRecordAge(Duration.days(7))
                .filter(FilterCriteria.filter(Map.of("data", Map.of("kind", FilterRule.isEqual("click")))))
                .build();
        Template template = Template.fromStack(stack);
        String key = logicalId(template, "AWS::KMS::Key", "ClicksKey");
        String stream = logicalId(template, "AWS::Kinesis::Stream", "ClicksStream");
        template.hasResource("AWS::Kinesis::Stream", Map.of("DeletionPolicy", "Retain", "Properties", Map.of(
                "StreamModeDetails", Map.of("StreamMode", "ON_DEMAND"),
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", Map.of("Fn::GetAtt", List.of(key, "Arn"))))));
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::GetAtt", List.of(stream, "Arn")),
                "MaximumRecordAgeInSeconds", 604_800,
                "FilterCriteria", Map.of("Filters", List.of(Map.of("Pattern", "{\"data\":{\"kind\":[\"click\"]}}")))));
        List<Map<String, Object>> statements = statements(template);
        assertTrue(statements.contains(Map.of("Effect", "Allow", "Action", List.of("kinesis:DescribeStream",
                "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards"),
                "Resource", Map.of("Fn::GetAtt", List.of(stream, "Arn")))), statements.toString());
        assertTrue(String.valueOf(statements).contains("kms:Decrypt"), statements.toString());
        assertTrue(processor.getKinesisStream().orElseThrow() instanceof Stream);
        // one key for the stream and the failure queue
        template.resourceCountIs("AWS::KMS::Key", 3);   // the function's own key, the processor's and the stack's alarm topic's
    }

    @Test
    void aGivenKinesisStreamAndQueueCanStartAtATimestampAndNeedNoKey() {
        Stack stack = new Stack(new App(), "Test");
        Stream clicks = Stream.Builder.create(stack, "Clicks").build();
        Queue failures = Queue.Builder.create(stack, "Failures").build();
        StreamProcessor processor = StreamProcessor.Builder.create(stack, "Reader").kinesisStream(clicks).onFailureQueue(failures)
                .function(function(stack, "ReaderFn"))
                .startingPosition(StartingPosition.AT_TIMESTAMP).startingPositionTimestamp(1_767_225_600)
                .batchSize(500).maxBatchingWindow(Duration.seconds(10)).parallelizationFactor(4).retryAttempts(0)
                .bisectBatchOnError(false).reportBatchItemFailures(false)
                .build();
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "StartingPosition", "AT_TIMESTAMP", "StartingPositionTimestamp", 1_767_225_600, "BatchSize", 500,
                "MaximumBatchingWindowInSeconds", 10, "ParallelizationFactor", 4, "MaximumRetryAttempts", 0,
                "BisectBatchOnFunctionError", false));
        assertTrue(processor.getKey().isEmpty());
        assertEquals(failures, processor.getFailureQueue());
    }

    @Test
    void twoProcessorsMayShareATablesStream() {
        Stack stack = new Stack(new App(), "Test");
        SecureTable orders = table(stack, "Orders", StreamViewType.NEW_IMAGE);
        StreamProcessor.Builder.create(stack, "One").table(orders).function(function(stack, "OneFn")).build();
        StreamProcessor.Builder.create(stack, "Two").table(orders).function(function(stack, "TwoFn")).build();
        Template.fromStack(stack).resourceCountIs("AWS::Lambda::EventSourceMapping", 2);
    }

    // --- validation ---

    static IllegalArgumentException failure(UnaryOperator<StreamProcessor.Builder> change) {
        return failure((stack, b) -> change.apply(b));
    }

    static IllegalArgumentException failure(java.util.function.BiFunction<Stack, StreamProcessor.Builder, StreamProcessor.Builder> change) {
        Stack stack = new Stack(new App(), "Test");
        SecureTable orders = table(stack, "Orders", StreamViewType.NEW_AND_OLD_IMAGES);
        StreamProcessor.Builder builder = StreamProcessor.Builder.create(stack, "Stats").table(orders).function(function(stack, "Fn"));
        return assertThrows(IllegalArgumentException.class, () -> change.apply(stack, builder).build());
    }

    static IllegalArgumentException kinesisFailure(UnaryOperator<StreamProcessor.Builder> change) {
        Stack stack = new Stack(new App(), "Test");
        StreamProcessor.Builder builder = StreamProcessor.Builder.create(stack, "Clicks").function(function(stack, "Fn"));
        return assertThrows(IllegalArgumentException.class, () -> change.apply(builder).build());
    }

    @Test
    void failsWhenTheTableHasNoStream() {
        Stack stack = new Stack(new App(), "Test");
        SecureTable orders = table(stack, "Orders", null);
        assertMessage("Invalid StreamProcessor 'Stats': table Test/Orders has no stream: build the SecureTable with "
                + "stream(StreamViewType.NEW_AND_OLD_IMAGES) (or the view the function needs)",
                assertThrows(IllegalArgumentException.class, () -> StreamProcessor.Builder.create(stack, "Stats").table(orders)
                        .function(function(stack, "Fn")).build()));
    }

    @Test
    void failsWhenRetryAttemptsAreUnboundedOrOutOfRange() {
        String range = "retryAttempts must be a whole number between 0 and 10000 (bounded: -1, retry until the record expires, "
                + "would stop the shard behind a poison record), but was ";
        assertMessage("Invalid StreamProcessor 'Stats': " + range + "-1", failure(b -> b.retryAttempts(-1)));
        assertMessage("Invalid StreamProcessor 'Stats': " + range + "10001", failure(b -> b.retryAttempts(10_001)));
    }

    @Test
    void failsWhenAtTimestampIsAskedOfADynamoDbStream() {
        assertMessage("Invalid StreamProcessor 'Stats': startingPosition AT_TIMESTAMP is for Kinesis sources only; a DynamoDB "
                + "stream starts at TRIM_HORIZON or LATEST", failure(b -> b.startingPosition(StartingPosition.AT_TIMESTAMP)));
    }

    @Test
    void failsWhenAtTimestampHasNoTimestampOrATimestampNoAtTimestamp() {
        assertMessage("Invalid StreamProcessor 'Clicks': startingPosition AT_TIMESTAMP needs startingPositionTimestamp (epoch seconds)",
                kinesisFailure(b -> b.startingPosition(StartingPosition.AT_TIMESTAMP)));
        assertMessage("Invalid StreamProcessor 'Clicks': startingPositionTimestamp is used only with startingPosition AT_TIMESTAMP, "
                + "but the position is LATEST", kinesisFailure(b -> b.startingPosition(StartingPosition.LATEST).startingPositionTimestamp(1)));
        assertMessage("Invalid StreamProcessor 'Clicks': startingPositionTimestamp must be epoch seconds, 0 or more, but was -5",
                kinesisFailure(b -> b.startingPosition(StartingPosition.AT_TIMESTAMP).startingPositionTimestamp(-5)));
    }

    @Test
    void failsWhenAThirdProcessorReadsOneDynamoDbStream() {
        Stack stack = new Stack(new App(), "Test");
        SecureTable orders = table(stack, "Orders", StreamViewType.NEW_AND_OLD_IMAGES);
        StreamProcessor.Builder.create(stack, "One").table(orders).function(function(stack, "OneFn")).build();
        // another stack of the same app counts too
        Stack other = new Stack((App) stack.getNode().getScope(), "Other");
        StreamProcessor.Builder.create(other, "Two").table(orders).function(function(other, "TwoFn")).build();
        assertMessage("Invalid StreamProcessor 'Three': table Test/Orders already has 2 stream processors [Test/One, Other/Two]: "
                + "a DynamoDB stream's shards serve at most 2 readers at once (more are throttled); fan out from one processor, "
                + "or stream the table to Kinesis for more consumers",
                assertThrows(IllegalArgumentException.class, () -> StreamProcessor.Builder.create(stack, "Three").table(orders)
                        .function(function(stack, "ThreeFn")).build()));
    }

    @Test
    void failsWhenTheRecordAgeOutlivesTheStream() {
        assertMessage("Invalid StreamProcessor 'Stats': maxRecordAge must be a whole number of seconds between 60 and 86400 "
                + "(1 minute to 24 hours: a DynamoDB stream keeps records 24 hours), but was 90000 seconds",
                failure(b -> b.maxRecordAge(Duration.hours(25))));
        assertMessage("Invalid StreamProcessor 'Clicks': maxRecordAge must be a whole number of seconds between 60 and 604800 "
                + "(1 minute to 7 days), but was 691200 seconds", kinesisFailure(b -> b.maxRecordAge(Duration.days(8))));
    }

    @Test
    void failsWhenBothSourcesAreGiven() {
        assertMessage("Invalid StreamProcessor 'Stats': Either provide table (its DynamoDB stream) or kinesisStream, but not both",
                failure((stack, b) -> b.kinesisStream(Stream.Builder.create(stack, "S").build())));
    }

    @Test
    void failsWhenNoFunctionIsGiven() {
        Stack stack = new Stack(new App(), "Test");
        assertMessage("Invalid StreamProcessor 'Clicks': function is required: the SecureFunction (its live alias) or IFunction "
                + "that processes the records", assertThrows(IllegalArgumentException.class,
                () -> StreamProcessor.Builder.create(stack, "Clicks").build()));
    }

    @Test
    void failsWhenBatchingOrParallelizationIsOutOfRange() {
        assertMessage("Invalid StreamProcessor 'Stats', 3 problems:\n"
                + "  - batchSize must be a whole number between 1 and 10000, but was 0\n"
                + "  - maxBatchingWindow must be a whole number of seconds between 0 and 300 (up to 5 minutes), but was 301 seconds\n"
                + "  - parallelizationFactor must be a whole number between 1 and 10, but was 11",
                failure(b -> b.batchSize(0).maxBatchingWindow(Duration.seconds(301)).parallelizationFactor(11)));
    }

    @Test
    void failsWhenAFilterIsNullOrThereAreTooMany() {
        Map<String, Object> insert = FilterCriteria.filter(Map.of("eventName", FilterRule.isEqual("INSERT")));
        assertMessage("Invalid StreamProcessor 'Stats': filters[1] is null; build each with FilterCriteria.filter(...)",
                failure(b -> b.filter(insert).filter(null)));
        assertMessage("Invalid StreamProcessor 'Stats': at most 5 filters are allowed on one event source mapping (Lambda's quota), "
                + "but 6 were given", failure(b -> b.filter(insert).filter(insert).filter(insert).filter(insert).filter(insert).filter(insert)));
    }

    @Test
    void failsWhenTheFailureQueueIsFifo() {
        assertMessage("Invalid StreamProcessor 'Stats': onFailureQueue must be a standard queue: Lambda sends no stream failure "
                + "to a FIFO queue, but Test/Failures is FIFO", failure((stack, b) -> b.onFailureQueue(Queue.Builder.create(stack, "Failures").fifo(true).build())));
    }

    @Test
    void failsWhenAnEncryptionKeyWouldEncryptNothing() {
        assertMessage("Invalid StreamProcessor 'Stats': encryptionKey encrypts only what the processor creates (a Kinesis stream, "
                + "the failure queue), and with a given source and onFailureQueue it creates neither: leave encryptionKey out",
                failure((stack, b) -> b.onFailureQueue(Queue.Builder.create(stack, "Failures").build())
                        .encryptionKey(Key.Builder.create(stack, "K").build())));
    }

    @Test
    void aFunctionThatIsNoSecureFunctionGetsAnErrorsAlarmOnItsOwnInvocations() {
        Stack stack = new Stack(new App(), "Test");
        Function plain = Function.Builder.create(stack, "Plain").runtime(Runtime.JAVA_21).handler("com.example.Handler::handleRequest")
                .code(Code.fromAsset(CODE)).build();
        StreamProcessor processor = StreamProcessor.Builder.create(stack, "Clicks").function(plain)
                .alarms(AlarmPolicy.defaults().tune("IteratorAge", AlarmTuning.threshold(60_000)).disable("FailureQueue")).build();
        Template template = Template.fromStack(stack);
        assertEquals(List.of("IteratorAge", "Errors"), processor.getAlarms().stream().map(a -> a.getNode().getId()).toList());
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "Errors", "Statistic", "Sum", "Threshold", 1,
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", logicalId(template, "AWS::Lambda::Function", "Plain"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "IteratorAge", "Threshold", 60_000));
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateNumberOfMessagesVisible"), 0);
    }

    @Test
    void failsWhenTheIteratorAgeThresholdIsBeyondTheStreamsRetention() {
        assertMessage("Invalid StreamProcessor 'Stats': alarms tuning of 'IteratorAge': threshold must be at most 86400000 ms (the "
                + "stream's retention, 24 hours), but was 172800000",
                failure(b -> b.alarms(AlarmPolicy.defaults().tune("IteratorAge", AlarmTuning.threshold(172_800_000)))));
        assertMessage("Invalid StreamProcessor 'Clicks': alarms tunes 'QueueAge', which is not an alarm of this construct; its alarms are "
                + "Errors, FailureQueue, IteratorAge",
                kinesisFailure(b -> b.alarms(AlarmPolicy.defaults().tune("QueueAge", AlarmTuning.threshold(1)))));
    }

    @Test
    void theDashboardShowsIteratorAgeFailuresAndInvocations() {
        Stack stack = new Stack(new App(), "Test");
        StreamProcessor processor = StreamProcessor.Builder.create(stack, "Clicks").function(function(stack, "Fn")).build();
        String widgets = stack.resolve(processor.dashboardWidgets().stream().map(w -> w.toJson()).toList()).toString();
        for (String expected : List.of("### Stream processor `Test/Clicks`", "IteratorAge", "ApproximateNumberOfMessagesVisible",
                "Invocations", "Errors")) {
            assertTrue(widgets.contains(expected), expected + " in " + widgets);
        }
    }
}
