package dev.stratus.test.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stratus.stacks.StratusApp;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** How the reference app wires the StreamProcessor (order statistics) and the FileIngest (catalog import), issue 12. */
class StreamAndFileIngestWiringTest {
    static StratusApp.Stacks stacks;
    static Template data;
    static Template stats;
    static Template catalog;
    static Template api;

    @BeforeAll
    static void synth() {
        stacks = ReferenceApp.stacks();
        data = Template.fromStack(stacks.data());
        stats = Template.fromStack(stacks.stats());
        catalog = Template.fromStack(stacks.catalog());
        api = Template.fromStack(stacks.api());
    }

    @Test
    void theOrdersTableStreamsOldAndNewImagesAndTheStatisticsTableExpiresRecordMarkers() {
        data.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "orderId", "KeyType", "HASH")),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES")));
        data.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
        assertEquals("Stratus-dev-Stats", stacks.stats().getStackName());
        assertEquals("Stratus-dev-Catalog", stacks.catalog().getStackName());
    }

    @Test
    void theStatsFunctionReadsTheOrdersStreamThroughItsLiveAliasWithBoundedRetriesAndAFailureQueue() {
        stats.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        stats.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "EventSourceArn", Map.of("Fn::ImportValue", Match.stringLikeRegexp("^Stratus-dev-Data:ExportsOutputFnGetAttOrdersTable.*StreamArn.*")),
                "StartingPosition", "TRIM_HORIZON",
                "BatchSize", 100,
                "MaximumBatchingWindowInSeconds", 5,
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", 10,
                "MaximumRecordAgeInSeconds", 86400,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OrderStatsFailureQueue.*"), "Arn"))))));
        assertTrue(stats.findResources("AWS::Lambda::EventSourceMapping").toString().contains(":live"));
        // the processor alarms on iterator age and its failure queue; the SecureFunction on its own errors, throttles, duration, DLQ
        assertEquals(List.of("IteratorAge", "FailureQueue"), stacks.stats().getOrderStats().getAlarms().stream().map(a -> a.getNode().getId()).toList());
        // the failure queue is encrypted with the stack's function key: no key of its own
        stats.resourceCountIs("AWS::KMS::Key", 1);
    }

    @Test
    void theStatsFunctionMayOnlyReadTheOrdersStreamAndWriteTheStatistics() {
        assertEquals(List.of("dynamodb:DescribeStream", "dynamodb:GetItem", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                "dynamodb:ListStreams", "dynamodb:PutItem", "dynamodb:UpdateItem"), ReferenceAppTest.dynamoActions(stats, "OrderStatsFunctionRole"));
        String policies = stats.findResources("AWS::IAM::Policy").toString();
        assertFalse(policies.contains("Resource=*,") && policies.contains("dynamodb:ListStreams, Effect=Allow, Resource=*"), policies);
        stats.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.stratus.functions.orderstats.OrderStatsFunction::handleRequest",
                "Environment", Map.of("Variables", Map.of("STATS_TABLE_NAME",
                        Map.of("Fn::ImportValue", Match.stringLikeRegexp("^Stratus-dev-Data:ExportsOutputRefOrderStatsTable.*"))))));
    }

    @Test
    void theWebDashboardReadsTheStatisticsAggregate() {
        api.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Handler", "dev.stratus.functions.bff.DashboardFunctions$Web::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of("STATS_TABLE_NAME",
                        Map.of("Fn::ImportValue", Match.stringLikeRegexp("^Stratus-dev-Data:ExportsOutputRefOrderStatsTable.*")))))));
    }

    @Test
    void uploadedCsvFilesReachTheImportFunctionThroughEventBridgeAndAQueue() {
        catalog.resourceCountIs("AWS::S3::Bucket", 2);
        catalog.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "NotificationConfiguration", Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true)),
                "VersioningConfiguration", Map.of("Status", "Enabled")));
        catalog.hasResourceProperties("AWS::Events::Rule", Map.of("EventPattern", Match.objectLike(Map.of(
                "source", List.of("aws.s3"),
                "detail", Match.objectLike(Map.of("object", Map.of("key", List.of(Map.of("wildcard", "imports/*.csv")))))))));
        catalog.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of("BatchSize", 1,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures")));
        catalog.resourceCountIs("AWS::Lambda::Function", 1);   // no custom resource for the notifications
        assertEquals(List.of("OldestMessageAge", "DeadLetterQueue", "DeliveryDeadLetterQueue"),
                stacks.catalog().getCatalogImport().getAlarms().stream().map(a -> a.getNode().getId()).toList());
    }

    @Test
    void theImportFunctionReadsImportsAndReportsWritesReportsAndOnlyBatchWritesProducts() {
        assertEquals(List.of("dynamodb:BatchWriteItem"), ReferenceAppTest.dynamoActions(catalog, "CatalogImportFunctionRole"));
        String policies = catalog.findResources("AWS::IAM::Policy").values().stream()
                .filter(p -> p.toString().contains("Ref=CatalogImportFunctionRole")).toList().toString();
        assertTrue(policies.contains("/imports/*") && policies.contains("/reports/*"), policies);
        assertFalse(policies.contains("s3:PutObject, Effect=Allow, Resource={Fn::Join=[, [{Fn::GetAtt=[CatalogImportBucket")
                && policies.contains("/imports/*]]}}, {Action=s3:PutObject"), policies);
    }
}
