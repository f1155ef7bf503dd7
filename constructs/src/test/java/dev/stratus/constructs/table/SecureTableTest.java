package dev.stratus.constructs.table;

import static dev.stratus.constructs.ConstructAssertions.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;

class SecureTableTest {
    static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    static GlobalSecondaryIndexProps statusIndex() {
        return GlobalSecondaryIndexProps.builder().indexName("status-createdAt-index")
                .partitionKey(string("status")).sortKey(string("createdAt")).projectionType(ProjectionType.KEYS_ONLY).build();
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Defaults {
        Template template;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            SecureTable.Builder.create(stack, "Orders").partitionKey(string("orderId")).build();
            template = Template.fromStack(stack);
        }

        @Test
        void onDemandWithPointInTimeRecoveryAndDeletionProtection() {
            template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                    "BillingMode", "PAY_PER_REQUEST",
                    "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                    "DeletionProtectionEnabled", true,
                    "StreamSpecification", Match.absent(),
                    "TimeToLiveSpecification", Match.absent()));
        }

        @Test
        void encryptedWithARotatingCustomerManagedKey() {
            template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("SSESpecification", Map.of(
                    "SSEEnabled", true, "SSEType", "KMS",
                    "KMSMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OrdersKey.*"), "Arn")))));
            template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
        }

        @Test
        void tableAndKeyAreRetainedWhenTheyLeaveTheStack() {
            template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
            template.hasResource("AWS::KMS::Key", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OptionsAndGrants {
        Template template;

        @BeforeAll
        void synth() {
            Stack stack = new Stack(new App(), "Test");
            SecureTable table = SecureTable.Builder.create(stack, "Orders")
                    .partitionKey(string("orderId"))
                    .sortKey(string("version"))
                    .globalSecondaryIndex(statusIndex())
                    .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                    .timeToLiveAttribute("expiresAt")
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .deletionProtection(false)
                    .build();
            Role job = Role.Builder.create(stack, "Job").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
            table.grantIndexActions(job, "status-createdAt-index", "dynamodb:Query");
            table.grantItemActions(job, "dynamodb:UpdateItem");
            Role reader = Role.Builder.create(stack, "Reader").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
            table.grantReadData(reader);
            template = Template.fromStack(stack);
        }

        @Test
        void streamTtlSortKeyAndIndex() {
            template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                    "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                    "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                    "DeletionProtectionEnabled", false,
                    "GlobalSecondaryIndexes", List.of(Match.objectLike(Map.of("IndexName", "status-createdAt-index")))));
            template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Delete"));
        }

        @Test
        void intentGrantsNameTheExactIndexAndTableWithoutWildcards() {
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Job.*"))),
                    "PolicyDocument", Map.of("Statement", List.of(
                            Map.of("Action", "kms:Decrypt", "Effect", "Allow", "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OrdersKey.*"), "Arn"))),
                            Map.of("Action", "dynamodb:Query", "Effect", "Allow", "Resource", Map.of("Fn::Join", List.of("", List.of(
                                    Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OrdersTable.*"), "Arn")), "/index/status-createdAt-index")))),
                            Map.of("Action", List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"), "Effect", "Allow",
                                    "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OrdersKey.*"), "Arn"))),
                            Map.of("Action", "dynamodb:UpdateItem", "Effect", "Allow", "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OrdersTable.*"), "Arn")))))));
        }

        @Test
        void l2GrantsStillWork() {
            template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                    "Roles", List.of(Map.of("Ref", Match.stringLikeRegexp("Reader.*"))),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Action", Match.arrayWith(List.of("dynamodb:Query", "dynamodb:GetItem"))))))))); 
        }
    }

    @Test
    void usesAGivenKeyInsteadOfCreatingOne() {
        Stack stack = new Stack(new App(), "Test");
        software.amazon.awscdk.services.kms.Key key = software.amazon.awscdk.services.kms.Key.Builder.create(stack, "Shared")
                .enableKeyRotation(true).build();
        SecureTable table = SecureTable.Builder.create(stack, "Orders").partitionKey(string("orderId")).encryptionKey(key)
                .alarms(dev.stratus.constructs.monitoring.AlarmPolicy.defaults().withoutNotifications()) // no alarm topic key
                .build();
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::KMS::Key", 1);
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of("SSESpecification", Match.objectLike(Map.of(
                "KMSMasterKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Shared.*"), "Arn"))))));
        assertTrue(table.getKey() == key);
    }

    static IllegalArgumentException failure(Consumer<SecureTable.Builder> change) {
        SecureTable.Builder builder = SecureTable.Builder.create(new Stack(new App(), "Test"), "Orders").partitionKey(string("orderId"));
        change.accept(builder);
        return assertThrows(IllegalArgumentException.class, builder::build);
    }

    @Test
    void failsWhenThePartitionKeyIsMissing() {
        assertMessage("Invalid SecureTable 'Orders': partitionKey is required, e.g. "
                + "Attribute.builder().name(\"id\").type(AttributeType.STRING).build()", failure(b -> b.partitionKey(null)));
    }

    @Test
    void failsWhenAnIndexIsDeclaredTwiceOrBadlyNamed() {
        assertMessage("Invalid SecureTable 'Orders': globalSecondaryIndex 'status-createdAt-index' is declared twice",
                failure(b -> b.globalSecondaryIndex(statusIndex()).globalSecondaryIndex(statusIndex())));
        assertMessage("Invalid SecureTable 'Orders': globalSecondaryIndex name 'by status' must be 3 to 255 "
                + "characters of a-z, A-Z, 0-9, '_', '-' and '.'",
                failure(b -> b.globalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName("by status").partitionKey(string("status")).build())));
    }

    @Test
    void failsWhenThereAreMoreThanTwentyIndexes() {
        assertMessage("Invalid SecureTable 'Orders': at most 20 globalSecondaryIndexes are allowed, but 21 were given",
                failure(b -> {
            for (int i = 0; i < 21; i++) {
                b.globalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName("index-" + i).partitionKey(string("a" + i)).build());
            }
        }));
    }

    @Test
    void failsWhenTtlIsAKeyAttribute() {
        assertMessage("Invalid SecureTable 'Orders': timeToLiveAttribute 'orderId' cannot be a key attribute of the "
                + "table", failure(b -> b.timeToLiveAttribute("orderId")));
    }

    @Test
    void failsWhenGrantingOnAnUnknownIndexOrAWildcardAction() {
        Stack stack = new Stack(new App(), "Test");
        SecureTable table = SecureTable.Builder.create(stack, "Orders").partitionKey(string("orderId")).globalSecondaryIndex(statusIndex()).build();
        Role role = Role.Builder.create(stack, "R").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        assertMessage("SecureTable 'Orders' has no index 'byUser'; its indexes are [status-createdAt-index]",
                assertThrows(IllegalArgumentException.class, () -> table.grantIndexActions(role, "byUser", "dynamodb:Query")));
        assertMessage("'dynamodb:*' is not a single DynamoDB action like dynamodb:GetItem",
                assertThrows(IllegalArgumentException.class, () -> table.grantItemActions(role, "dynamodb:*")));
        assertMessage("name at least one dynamodb: action to grant",
                assertThrows(IllegalArgumentException.class, () -> table.grantItemActions(role)));
    }

    @Test
    void metricsForThrottlesSystemErrorsAndLatency() {
        Stack stack = new Stack(new App(), "Test");
        SecureTable table = SecureTable.Builder.create(stack, "Orders").partitionKey(string("orderId")).build();
        Object tableName = stack.resolve(table.getTableName());
        assertTrue(table.metricThrottledRequests() instanceof MathExpression);
        assertTrue(((MathExpression) table.metricThrottledRequests()).getUsingMetrics().values().stream()
                .allMatch(m -> ((Metric) m).getMetricName().equals("ThrottledRequests")));
        assertEquals(1, ((MathExpression) table.metricThrottledRequests(OperationsMetricOptions.builder()
                .operations(List.of(Operation.PUT_ITEM)).build())).getUsingMetrics().size());
        assertTrue(((MathExpression) table.metricSystemErrors()).getUsingMetrics().values().stream()
                .allMatch(m -> ((Metric) m).getMetricName().equals("SystemErrors")));
        assertEquals("ReadThrottleEvents", table.metricReadThrottleEvents().getMetricName());
        assertEquals("WriteThrottleEvents", table.metricWriteThrottleEvents().getMetricName());
        assertEquals("Sum", table.metricWriteThrottleEvents().getStatistic());
        Metric latency = table.metricSuccessfulRequestLatency(Operation.BATCH_GET_ITEM);
        assertEquals("SuccessfulRequestLatency", latency.getMetricName());
        assertEquals("Average", latency.getStatistic());
        assertEquals(Map.of("TableName", tableName, "Operation", "BatchGetItem"), stack.resolve(latency.getDimensions()));
        assertEquals("p99", table.metricSuccessfulRequestLatency(Operation.GET_ITEM, MetricOptions.builder().statistic("p99").build())
                .getStatistic());
        assertTrue(table.getTable().getNode().getDefaultChild() instanceof software.amazon.awscdk.services.dynamodb.CfnTable);
    }

    @Test
    void grantsActionNamesAsIamSpellsThem() {
        Stack stack = new Stack(new App(), "Test");
        SecureTable table = SecureTable.Builder.create(stack, "Orders").partitionKey(string("orderId")).build();
        Role role = Role.Builder.create(stack, "Writer").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        table.grantItemActions(role, "dynamodb:putitem", "dynamodb:ConditionCheckItem");
        Template.fromStack(stack).hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Action", List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"), "Effect", "Allow",
                        "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OrdersKey.*"), "Arn"))),
                Map.of("Action", List.of("dynamodb:PutItem", "dynamodb:ConditionCheckItem"), "Effect", "Allow",
                        "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("OrdersTable.*"), "Arn")))))));
    }

    @Test
    void failsWhenTheTtlAttributeIsEmpty() {
        assertMessage("Invalid SecureTable 'Orders': timeToLiveAttribute must name the attribute that holds each item's expiry "
                + "time, e.g. expiresAt, but was ''; leave it out for a table without TTL", failure(b -> b.timeToLiveAttribute("")));
        assertMessage("Invalid SecureTable 'Orders': timeToLiveAttribute must name the attribute that holds each item's expiry "
                + "time, e.g. expiresAt, but was ' '; leave it out for a table without TTL", failure(b -> b.timeToLiveAttribute(" ")));
    }

    @Test
    void failsWhenTheSortKeyIsThePartitionKey() {
        assertMessage("Invalid SecureTable 'Orders': sortKey 'orderId' is the partitionKey too; a table's two key attributes must "
                + "differ (leave sortKey out for a table with one key attribute)", failure(b -> b.sortKey(string("orderId"))));
    }

    @Test
    void failsWhenDestroyMeetsDeletionProtection() {
        String expected = "Invalid SecureTable 'Orders': removalPolicy DESTROY and deletionProtection true contradict each other: "
                + "CloudFormation cannot delete a table with deletion protection, so deleting the stack would fail; set "
                + "deletionProtection(false) to let the table go, or keep removalPolicy RETAIN (the default)";
        assertMessage(expected, failure(b -> b.removalPolicy(RemovalPolicy.DESTROY)));
        assertMessage(expected, failure(b -> b.removalPolicy(RemovalPolicy.DESTROY).deletionProtection(true)));
    }

    @Test
    void failsWhenAnIndexIsNull() {
        assertMessage("Invalid SecureTable 'Orders': globalSecondaryIndexes[1] is null; every element must be a "
                + "GlobalSecondaryIndexProps", failure(b -> b.globalSecondaryIndex(statusIndex()).globalSecondaryIndex(null)));
    }

    @Test
    void failsWhenGrantingAnActionIamDoesNotKnowForTheResource() {
        Stack stack = new Stack(new App(), "Test");
        SecureTable table = SecureTable.Builder.create(stack, "Orders").partitionKey(string("orderId")).globalSecondaryIndex(statusIndex()).build();
        Role role = Role.Builder.create(stack, "R").assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();
        String tableActions = "dynamodb:AssociateTableReplica, dynamodb:BatchGetItem, dynamodb:BatchWriteItem, "
                + "dynamodb:ConditionCheckItem, dynamodb:CreateBackup, dynamodb:CreateGlobalTable, dynamodb:CreateGlobalTableWitness, "
                + "dynamodb:CreateTable, dynamodb:CreateTableReplica, dynamodb:DeleteGlobalTableWitness, dynamodb:DeleteItem, "
                + "dynamodb:DeleteResourcePolicy, dynamodb:DeleteTable, dynamodb:DeleteTableReplica, dynamodb:DescribeContinuousBackups, "
                + "dynamodb:DescribeContributorInsights, dynamodb:DescribeKinesisStreamingDestination, dynamodb:DescribeTable, "
                + "dynamodb:DescribeTableReplicaAutoScaling, dynamodb:DescribeTimeToLive, dynamodb:DisableKinesisStreamingDestination, "
                + "dynamodb:EnableKinesisStreamingDestination, dynamodb:ExportTableToPointInTime, dynamodb:GetItem, "
                + "dynamodb:GetResourcePolicy, dynamodb:ImportTable, dynamodb:ListExports, dynamodb:ListImports, "
                + "dynamodb:ListTagsOfResource, dynamodb:PartiQLDelete, dynamodb:PartiQLInsert, dynamodb:PartiQLSelect, "
                + "dynamodb:PartiQLUpdate, dynamodb:PutItem, dynamodb:PutResourcePolicy, dynamodb:Query, "
                + "dynamodb:ReadDataForReplication, dynamodb:ReplicateSettings, dynamodb:RestoreTableFromAwsBackup, "
                + "dynamodb:RestoreTableFromBackup, dynamodb:RestoreTableToPointInTime, dynamodb:Scan, dynamodb:SearchVectors, "
                + "dynamodb:StartAwsBackupJob, dynamodb:TagResource, dynamodb:UntagResource, dynamodb:UpdateContinuousBackups, "
                + "dynamodb:UpdateContributorInsights, dynamodb:UpdateGlobalTable, dynamodb:UpdateGlobalTableSettings, "
                + "dynamodb:UpdateGlobalTableVersion, dynamodb:UpdateItem, dynamodb:UpdateKinesisStreamingDestination, "
                + "dynamodb:UpdateTable, dynamodb:UpdateTableReplicaAutoScaling, dynamodb:UpdateTimeToLive, "
                + "dynamodb:WriteDataForReplication";
        assertMessage("'dynamodb:GetItems' is not a DynamoDB action that can be granted on a table (did you mean dynamodb:GetItem?); "
                + "the actions IAM authorizes on a table are " + tableActions,
                assertThrows(IllegalArgumentException.class, () -> table.grantItemActions(role, "dynamodb:GetItem", "dynamodb:GetItems")));
        assertMessage("'dynamodb:TransactWriteItems' is not a DynamoDB action that can be granted on a table (did you mean "
                + "dynamodb:BatchWriteItem?); the actions IAM authorizes on a table are " + tableActions,
                assertThrows(IllegalArgumentException.class, () -> table.grantItemActions(role, "dynamodb:TransactWriteItems")));
        assertMessage("'dynamodb:GetItem' applies to the table, not to an index: grant it with grantItemActions; "
                + "the actions IAM authorizes on an index are dynamodb:DescribeContributorInsights, dynamodb:PartiQLSelect, "
                + "dynamodb:Query, dynamodb:Scan, dynamodb:SearchVectors, dynamodb:UpdateContributorInsights",
                assertThrows(IllegalArgumentException.class, () -> table.grantIndexActions(role, "status-createdAt-index", "dynamodb:GetItem")));
        assertMessage("'dynamodb:Querry' is not a DynamoDB action that can be granted on an index (did you mean dynamodb:Query?); "
                + "the actions IAM authorizes on an index are dynamodb:DescribeContributorInsights, dynamodb:PartiQLSelect, "
                + "dynamodb:Query, dynamodb:Scan, dynamodb:SearchVectors, dynamodb:UpdateContributorInsights",
                assertThrows(IllegalArgumentException.class, () -> table.grantIndexActions(role, "status-createdAt-index", "dynamodb:Querry")));
        Template.fromStack(stack).resourceCountIs("AWS::IAM::Policy", 0);
    }
}
