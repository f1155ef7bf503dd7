package dev.stratus.constructs.files;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Function;

class FileIngestTest {
    static final String CODE = "src/test/resources/fake-function";

    static SecureFunction function(Stack stack, String id) {
        return SecureFunction.Builder.create(stack, id).handler("com.example.Handler::handleRequest").codePath(CODE)
                .timeout(Duration.seconds(30)).build();
    }

    static String logicalId(Template template, String type, String prefix) {
        return template.findResources(type).keySet().stream().filter(id -> id.startsWith(prefix)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statements(Template template, String type, String prefix) {
        List<Map<String, Object>> all = new ArrayList<>();
        template.findResources(type).forEach((id, p) -> {
            if (id.startsWith(prefix)) {
                all.addAll((List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) p.get("Properties"))
                        .get("PolicyDocument")).get("Statement"));
            }
        });
        return all;
    }

    /** The catalog import of the reference app, from one synthesis. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class WithPrefixAndSuffix {
        Template template;
        FileIngest ingest;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            SecureFunction importer = function(stack, "Importer");
            Role signer = Role.Builder.create(stack, "Signer").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
            ingest = FileIngest.Builder.create(stack, "Catalog").function(importer).prefix("imports/").suffix(".csv").build();
            ingest.grantRead(importer, "imports/");
            ingest.grantWrite(importer, "reports/");
            ingest.grantUpload(signer, "imports/");
            template = Template.fromStack(stack);
        }

        @Test
        void theBucketIsKmsEncryptedVersionedPrivateAndRetainedWithLifecycleRulesAndAccessLogs() {
            String key = logicalId(template, "AWS::KMS::Key", "CatalogKey");
            template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
                    "Properties", Match.objectLike(Map.of(
                            "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                    "BucketKeyEnabled", true,
                                    "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "aws:kms",
                                            "KMSMasterKeyID", Map.of("Fn::GetAtt", List.of(key, "Arn")))))),
                            "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                    "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                            "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                            "VersioningConfiguration", Map.of("Status", "Enabled"),
                            "LifecycleConfiguration", Map.of("Rules", List.of(Map.of("Status", "Enabled",
                                    "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30),
                                    "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7)))),
                            "LoggingConfiguration", Map.of(
                                    "DestinationBucketName", Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "CatalogAccessLogsBucket")),
                                    "LogFilePrefix", Match.stringLikeRegexp("^s3/TestCatalog[0-9A-F]{8}/$")),
                            // notifications straight to EventBridge: no custom resource, no extra function
                            "NotificationConfiguration", Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true))))));
            template.resourceCountIs("Custom::S3BucketNotifications", 0);
            template.resourceCountIs("AWS::Lambda::Function", 1);
        }

        @Test
        void theAccessLogBucketTakesLogsOnlyFromS3ForThisBucketAndAccount() {
            template.hasResource("AWS::S3::Bucket", Map.of("DeletionPolicy", "Retain", "Properties", Match.objectLike(Map.of(
                    "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                            "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                    "OwnershipControls", Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced")))))));
            List<Map<String, Object>> logs = statements(template, "AWS::S3::BucketPolicy", "CatalogAccessLogsBucketPolicy");
            Map<String, Object> delivery = logs.stream().filter(st -> "Allow".equals(st.get("Effect"))).findFirst().orElseThrow();
            assertEquals(Map.of("Service", "logging.s3.amazonaws.com"), delivery.get("Principal"));
            assertEquals("s3:PutObject", delivery.get("Action"));
            assertEquals(Map.of("ArnLike", Map.of("aws:SourceArn", Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::S3::Bucket",
                    "CatalogBucket"), "Arn"))), "StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))),
                    delivery.get("Condition"));
            // both buckets deny requests without TLS
            for (String policy : List.of("CatalogAccessLogsBucketPolicy", "CatalogBucketPolicy")) {
                assertTrue(statements(template, "AWS::S3::BucketPolicy", policy).stream().anyMatch(st -> "Deny".equals(st.get("Effect"))
                        && String.valueOf(st.get("Condition")).contains("aws:SecureTransport=false")), policy);
            }
        }

        @Test
        void theRuleMatchesThisBucketsObjectsByPrefixAndSuffixAndDeliversWithRetriesAndADeliveryDlq() {
            template.hasResourceProperties("AWS::Events::Rule", Map.of(
                    "EventPattern", Map.of("source", List.of("aws.s3"), "detail-type", List.of("Object Created"),
                            "detail", Map.of("bucket", Map.of("name", List.of(Map.of("Ref", logicalId(template, "AWS::S3::Bucket", "CatalogBucket")))),
                                    "object", Map.of("key", List.of(Map.of("wildcard", "imports/*.csv"))))),
                    "Targets", List.of(Match.objectLike(Map.of(
                            "Arn", Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::SQS::Queue", "CatalogQueue"), "Arn")),
                            "RetryPolicy", Map.of("MaximumRetryAttempts", 8, "MaximumEventAgeInSeconds", 86400),
                            "DeadLetterConfig", Map.of("Arn", Map.of("Fn::GetAtt",
                                    List.of(logicalId(template, "AWS::SQS::Queue", "CatalogDeliveryDlq"), "Arn"))))))));
            assertTrue(template.findResources("AWS::Events::Rule").toString().contains("EventBusName") == false,
                    "the default bus: S3 sends its events there");
        }

        @Test
        void theQueueHasADlqAndSixTimesTheFunctionTimeoutAndTheMappingReportsPartialFailures() {
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "VisibilityTimeout", 180,
                    "MessageRetentionPeriod", 345_600,
                    "RedrivePolicy", Map.of("maxReceiveCount", 3, "deadLetterTargetArn",
                            Map.of("Fn::GetAtt", List.of(logicalId(template, "AWS::SQS::Queue", "CatalogDlq"), "Arn")))));
            template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("BatchSize", 1,
                    "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
        }

        @Test
        void grantsNameThePrefixesAndExactKeyActions() {
            String bucket = logicalId(template, "AWS::S3::Bucket", "CatalogBucket");
            String key = logicalId(template, "AWS::KMS::Key", "CatalogKey");
            List<Map<String, Object>> importer = statements(template, "AWS::IAM::Policy", "ImporterRoleDefaultPolicy");
            assertTrue(importer.contains(Map.of("Effect", "Allow", "Action", List.of("s3:GetObject", "s3:GetObjectVersion"),
                    "Resource", Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/imports/*"))))),
                    importer.toString());
            assertTrue(importer.contains(Map.of("Effect", "Allow", "Action", "s3:PutObject",
                    "Resource", Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/reports/*"))))),
                    importer.toString());
            assertTrue(String.valueOf(importer).contains("kms:GenerateDataKey") && !String.valueOf(importer).contains("kms:GenerateDataKey*"));
            // without ListBucket, S3 answers a missing object with 403: a reader could not tell "not there" from "not allowed"
            assertTrue(importer.contains(Map.of("Effect", "Allow", "Action", "s3:ListBucket",
                    "Resource", Map.of("Fn::GetAtt", List.of(bucket, "Arn")))), importer.toString());
            List<Map<String, Object>> signer = statements(template, "AWS::IAM::Policy", "SignerDefaultPolicy");
            assertTrue(signer.contains(Map.of("Effect", "Allow", "Action", List.of("kms:GenerateDataKey", "kms:Decrypt"),
                    "Resource", Map.of("Fn::GetAtt", List.of(key, "Arn")))), signer.toString());
            assertTrue(signer.contains(Map.of("Effect", "Allow", "Action", "s3:PutObject",
                    "Resource", Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/imports/*"))))),
                    signer.toString());
        }

        @Test
        void alarmsOnItsQueuesAgeAndItsTwoDlqsNotifyingTheStacksAlarmTopic() {
            Map<String, Object> topic = Map.of("Ref", Match.stringLikeRegexp("^AlarmTopic.*"));
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateAgeOfOldestMessage",
                    "Threshold", 900, "Statistic", "Maximum", "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "TreatMissingData", "notBreaching", "AlarmActions", List.of(topic),
                    "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt",
                            List.of(logicalId(template, "AWS::SQS::Queue", "CatalogQueue"), "QueueName"))))));
            for (String dlq : List.of("CatalogDlq", "CatalogDeliveryDlq")) {
                template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateNumberOfMessagesVisible",
                        "Threshold", 1, "Statistic", "Maximum", "AlarmActions", List.of(topic),
                        "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt",
                                List.of(logicalId(template, "AWS::SQS::Queue", dlq), "QueueName"))))));
            }
            assertEquals("ApproximateNumberOfMessagesVisible", ingest.metricDeadLetterDepth().getMetricName());
            assertEquals("ApproximateNumberOfMessagesVisible", ingest.metricDeliveryDeadLetterDepth().getMetricName());
            assertEquals("ApproximateAgeOfOldestMessage", ingest.metricOldestMessageAge().getMetricName());
            assertEquals(List.of("Test/Catalog/Alarms/OldestMessageAge", "Test/Catalog/Alarms/DeadLetterQueue",
                    "Test/Catalog/Alarms/DeliveryDeadLetterQueue"), ingest.getAlarms().stream().map(a -> a.getNode().getPath()).toList());
        }

        @Test
        void redriveMovesTheDlqBackToTheQueueAndGrantRedriveAllowsExactlyThat() {
            String resolved = String.valueOf(Stack.of(ingest).resolve(ingest.redriveCommand()));
            assertTrue(resolved.contains("aws sqs start-message-move-task --source-arn , {Fn::GetAtt=[" + logicalId(template,
                    "AWS::SQS::Queue", "CatalogDlq") + ", Arn]},  --destination-arn , {Fn::GetAtt=[" + logicalId(template,
                    "AWS::SQS::Queue", "CatalogQueue") + ", Arn]}"), resolved);
        }

        @Test
        void theDashboardShowsTheBacklogItsAgeAndTheDlqs() {
            String widgets = Stack.of(ingest).resolve(ingest.dashboardWidgets().stream().map(w -> w.toJson()).toList()).toString();
            for (String expected : List.of("### File ingest `Test/Catalog`", "ApproximateNumberOfMessagesVisible",
                    "ApproximateAgeOfOldestMessage")) {
                assertTrue(widgets.contains(expected), expected + " in " + widgets);
            }
        }
    }

    @Test
    void grantRedriveLetsAnOperatorMoveTheDlqBackToTheQueueOnly() {
        Stack stack = new Stack(new App(), "Test");
        FileIngest ingest = FileIngest.Builder.create(stack, "Files").function(function(stack, "Fn")).build();
        Role operator = Role.Builder.create(stack, "Operator").assumedBy(new AccountRootPrincipal()).build();
        ingest.grantRedrive(operator);
        Template template = Template.fromStack(stack);
        String dlq = logicalId(template, "AWS::SQS::Queue", "FilesDlq");
        String queue = logicalId(template, "AWS::SQS::Queue", "FilesQueue");
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("^Operator.*"))),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", List.of("sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks",
                                "sqs:CancelMessageMoveTask", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
                                "Resource", Map.of("Fn::GetAtt", List.of(dlq, "Arn")))),
                        Match.objectLike(Map.of("Action", "sqs:SendMessage", "Resource", Map.of("Fn::GetAtt", List.of(queue, "Arn")))))))));
    }

    @Test
    void alarmsAreTunedAndLeftOutByName() {
        Stack stack = new Stack(new App(), "Test");
        FileIngest ingest = FileIngest.Builder.create(stack, "Files").function(function(stack, "Fn"))
                .alarms(AlarmPolicy.defaults().tune("OldestMessageAge", AlarmTuning.threshold(3600)).disable("DeliveryDeadLetterQueue"))
                .build();
        assertEquals(List.of("OldestMessageAge", "DeadLetterQueue"), ingest.getAlarms().stream().map(a -> a.getNode().getId()).toList());
        Template.fromStack(stack).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ApproximateAgeOfOldestMessage",
                "Threshold", 3600));
    }

    @Test
    void aPrefixAloneOrASuffixAloneFiltersByThatPart() {
        for (String[] c : new String[][] {{"imports/", "", "prefix", "imports/"}, {"", ".csv", "suffix", ".csv"}}) {
            Stack stack = new Stack(new App(), "Test");
            FileIngest.Builder.create(stack, "Files").function(function(stack, "Fn")).prefix(c[0]).suffix(c[1]).build();
            Template.fromStack(stack).hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of(
                    "detail", Match.objectLike(Map.of("object", Map.of("key", List.of(Map.of(c[2], c[3])))))))));
        }
    }

    // --- validation ---

    static IllegalArgumentException failure(UnaryOperator<FileIngest.Builder> change) {
        Stack stack = new Stack(new App(), "Test");
        FileIngest.Builder builder = FileIngest.Builder.create(stack, "Files").function(function(stack, "Fn")).prefix("imports/");
        return assertThrows(IllegalArgumentException.class, () -> change.apply(builder).build());
    }

    @Test
    void failsWhenNoFunctionIsGiven() {
        assertMessage("Invalid FileIngest 'Files': function is required: the SecureFunction (its live alias) or IFunction that "
                + "processes each file", assertThrows(IllegalArgumentException.class,
                () -> FileIngest.Builder.create(new Stack(new App(), "Test"), "Files").build()));
    }

    @Test
    void failsWhenTheKeyFilterIsNotLiteralOrStartsWithASlash() {
        assertMessage("Invalid FileIngest 'Files', 3 problems:\n"
                + "  - prefix must be literal key text without '*' or '\\', but was '/imports/*'\n"
                + "  - suffix must be literal key text without '*' or '\\', but was '*.csv'\n"
                + "  - prefix must not start with '/': object keys have no leading slash (imports/, not /imports/), but was '/imports/*'",
                failure(b -> b.prefix("/imports/*").suffix("*.csv")));
    }

    @Test
    void failsWhenALifecycleAgeIsNotWholeDays() {
        assertMessage("Invalid FileIngest 'Files', 3 problems:\n"
                + "  - noncurrentVersionExpiration must be a whole number of days, 1 or more, but was 12 hours\n"
                + "  - abortIncompleteUploadsAfter must be a whole number of days, 1 or more, but was 0 days\n"
                + "  - accessLogsExpiration must be a whole number of days, 1 or more, but was 1 day 12 hours",
                failure(b -> b.noncurrentVersionExpiration(Duration.hours(12)).abortIncompleteUploadsAfter(Duration.days(0))
                        .accessLogsExpiration(Duration.hours(36))));
    }

    @Test
    void failsWhenBatchSizeMaxReceiveCountOrAlarmThresholdAreOutOfRange() {
        assertMessage("Invalid FileIngest 'Files', 3 problems:\n"
                + "  - batchSize must be a whole number between 1 and 10, but was 11\n"
                + "  - maxReceiveCount must be a whole number between 1 and 1000, but was 0\n"
                + "  - alarms tuning of 'OldestMessageAge': threshold must be at most 345600 s (the queue's 4-day retention), but was 400000",
                failure(b -> b.batchSize(11).maxReceiveCount(0).alarms(AlarmPolicy.defaults().tune("OldestMessageAge",
                        AlarmTuning.threshold(400_000)))));
    }

    @Test
    void failsWhenTheVisibilityTimeoutIsShorterThanSixFunctionTimeoutsOrLongerThanTwelveHours() {
        assertMessage("Invalid FileIngest 'Files': visibilityTimeout is 60 seconds, shorter than 6 × the function timeout "
                + "(180 seconds): a slow file would be delivered again while it is still being processed",
                failure(b -> b.visibilityTimeout(Duration.seconds(60))));
        assertMessage("Invalid FileIngest 'Files': visibilityTimeout must be at most 12 hours, but was 43260 seconds",
                failure(b -> b.visibilityTimeout(Duration.seconds(43_260))));
    }

    @Test
    void failsWhenAnImportedFunctionComesWithoutAVisibilityTimeout() {
        Stack stack = new Stack(new App(), "Test");
        assertMessage("Invalid FileIngest 'Files': visibilityTimeout is required: the timeout of the function Test/Imported is not "
                + "known here (an imported function); set at least 6 × that timeout", assertThrows(IllegalArgumentException.class,
                () -> FileIngest.Builder.create(stack, "Files").function(Function.fromFunctionArn(stack, "Imported",
                        "arn:aws:lambda:eu-central-1:111111111111:function:importer")).build()));
    }

    @Test
    void failsWhenAGrantHasNoUsablePrefixOrWritesWhereItWouldBeIngestedAgain() {
        Stack stack = new Stack(new App(), "Test");
        SecureFunction fn = function(stack, "Fn");
        FileIngest ingest = FileIngest.Builder.create(stack, "Files").function(fn).prefix("imports/").build();
        assertMessage("FileIngest 'Files': grantUpload needs a key prefix such as imports/ (not empty, no '*', no leading '/'), "
                + "but was ''", assertThrows(IllegalArgumentException.class, () -> ingest.grantUpload(fn, "")));
        assertMessage("FileIngest 'Files': grantRead needs a key prefix such as imports/ (not empty, no '*', no leading '/'), "
                + "but was null", assertThrows(IllegalArgumentException.class, () -> ingest.grantRead(fn, null)));
        assertMessage("FileIngest 'Files': grantWrite prefix 'imports/reports/' overlaps the watched prefix 'imports/': objects "
                + "written there would be ingested again (a loop); write results under another prefix, e.g. reports/",
                assertThrows(IllegalArgumentException.class, () -> ingest.grantWrite(fn, "imports/reports/")));
    }
}
