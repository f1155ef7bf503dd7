package dev.stratus.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's own behaviour, without synthesizing anything. */
class TestKitTest {

    @Test
    void normalizeSortsKeysAndMasksHashesVersionIdsAndTheBootstrapQualifier() {
        String hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        Map<String, Object> template = Map.of("Resources", Map.of(
                "FnCurrentVersionA60187F08e65a1568f1771e0bd2d78e4eb167b2a", Map.of("Type", "AWS::Lambda::Version"),
                "Fn", Map.of("Type", "AWS::Lambda::Function", "Properties", Map.of(
                        "Code", Map.of("S3Key", hash + ".jar", "S3Bucket", "cdk-hnb659fds-assets-x")))));
        String normalized = TemplateSnapshot.normalize(template);
        assertTrue(normalized.contains("\"S3Key\" : \"[ASSET-HASH].jar\""), normalized);
        assertTrue(normalized.contains("FnCurrentVersionA60187F0[VERSION-HASH]"), normalized);
        assertTrue(normalized.contains("cdk-[BOOTSTRAP-QUALIFIER]-assets-x"), normalized);
        assertTrue(normalized.indexOf("\"Fn\"") < normalized.indexOf("\"FnCurrentVersion"), normalized);
        assertTrue(normalized.indexOf("\"Properties\"") < normalized.indexOf("\"Type\" : \"AWS::Lambda::Function\""), normalized);
        assertEquals(normalized, TemplateSnapshot.normalize(template), "stable");
    }

    @Test
    void mismatchFailsWithADiffAndHowToUpdate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("S.json");
        Files.writeString(file, "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        AssertionError e = assertThrows(AssertionError.class,
                () -> TemplateSnapshot.assertMatches("a\nb\nc\nd\nE\nf\ng\nh\ni\nj\n", file, false, false));
        assertTrue(e.getMessage().contains("- e\n+ E\n"), e.getMessage());
        assertTrue(e.getMessage().contains("  d\n"), "context: " + e.getMessage());
        assertTrue(e.getMessage().contains("-Dsnapshot.update=true"), e.getMessage());
        assertEquals("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", Files.readString(file), "never rewritten unless asked");
    }

    @Test
    void missingSnapshotFailsInsteadOfBeingCreated(@TempDir Path dir) {
        Path file = dir.resolve("New.json");
        AssertionError e = assertThrows(AssertionError.class, () -> TemplateSnapshot.assertMatches("{}\n", file, false, false));
        assertTrue(e.getMessage().startsWith("No snapshot at " + file), e.getMessage());
        assertTrue(!Files.exists(file));
    }

    @Test
    void updateWritesTheSnapshotOnlyWhenAsked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/New.json");
        TemplateSnapshot.assertMatches("{}\n", file, true, false);
        assertEquals("{}\n", Files.readString(file));
        TemplateSnapshot.assertMatches("{}\n", file, false, false);
    }

    @Test
    void updateIsRefusedInCi(@TempDir Path dir) {
        Path file = dir.resolve("New.json");
        AssertionError e = assertThrows(AssertionError.class, () -> TemplateSnapshot.assertMatches("{}\n", file, true, true));
        assertEquals("snapshot.update is refused when CI=true: update snapshots locally and commit them", e.getMessage());
        assertTrue(!Files.exists(file));
    }

    @Test
    void diffShowsSeparateHunksForDistantChanges() {
        String expected = String.join("\n", java.util.stream.IntStream.range(0, 40).mapToObj(Integer::toString).toList());
        String actual = expected.replace("\n5\n", "\nfive\n").replace("\n30\n", "\nthirty\n");
        String diff = TextDiff.diff(expected, actual, 2, 100);
        assertEquals(2, diff.split("@@ expected line").length - 1, diff);
        assertTrue(diff.contains("- 5\n+ five\n") && diff.contains("- 30\n+ thirty\n"), diff);
        assertTrue(!diff.contains("  15\n"), "unchanged middle is left out: " + diff);
    }

    @Test
    void csvReadsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        List<List<String>> rows = Csv.parse("Rule ID,Reason\n\"AwsSolutions-IAM5\",\"a \"\"quoted\"\", reason\non two lines\"\n");
        assertEquals(List.of(List.of("Rule ID", "Reason"), List.of("AwsSolutions-IAM5", "a \"quoted\", reason\non two lines")), rows);
    }

    @Test
    void iamAuditFindsManagedPoliciesWildcardActionsAndUnscopedResources() {
        Map<String, Object> template = Map.of("Resources", Map.of(
                "Bad", Map.of("Type", "AWS::IAM::Role", "Properties", Map.of(
                        "ManagedPolicyArns", List.of("arn:aws:iam::aws:policy/AdministratorAccess"))),
                "BadPolicy", Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of(
                        "Roles", List.of(Map.of("Ref", "Bad")),
                        "PolicyDocument", Map.of("Statement", List.of(
                                Map.of("Effect", "Allow", "Action", "s3:*", "Resource", Map.of("Fn::GetAtt", List.of("Bucket", "Arn"))),
                                Map.of("Effect", "Allow", "Action", List.of("s3:GetObject", "xray:PutTraceSegments"), "Resource", "*"),
                                Map.of("Effect", "Allow", "Action", "xray:PutTelemetryRecords", "Resource", "*")))))));
        assertEquals(List.of("Bad: managed policy arn:aws:iam::aws:policy/AdministratorAccess", "Bad (BadPolicy): action wildcard s3:*",
                "Bad (BadPolicy): Resource * for [s3:GetObject]"), IamAudit.violations(template));
        assertTrue(IamAudit.table("t", Map.of("S", template)).contains("| s3:* | <Bucket.Arn> | BadPolicy |"));
    }

    /** Step Functions' log delivery and X-Ray sampling need Resource *: exactly those actions pass, with their reason listed. */
    @Test
    void iamAuditAllowsResourceStarOnlyForTheListedActionsAndSaysWhy() {
        Map<String, Object> template = Map.of("Resources", Map.of(
                "Machine", Map.of("Type", "AWS::IAM::Role", "Properties", Map.of()),
                "Delivery", Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of(
                        "Roles", List.of(Map.of("Ref", "Machine")),
                        "PolicyDocument", Map.of("Statement", List.of(
                                Map.of("Effect", "Allow", "Action", List.of("logs:CreateLogDelivery", "logs:PutResourcePolicy",
                                        "logs:DescribeLogGroups", "xray:GetSamplingRules", "xray:GetSamplingTargets"), "Resource", "*"),
                                Map.of("Effect", "Allow", "Action", List.of("logs:CreateLogGroup", "logs:PutLogEvents", "xray:GetTraceSummaries"),
                                        "Resource", "*")))))));
        assertEquals(List.of("Machine (Delivery): Resource * for [logs:CreateLogGroup, logs:PutLogEvents, xray:GetTraceSummaries]"),
                IamAudit.violations(template));
        String table = IamAudit.table("t", Map.of("S", template));
        assertTrue(table.contains("## Resource * allowed"), table);
        assertTrue(table.contains("| logs:CreateLogDelivery | Step Functions delivers a state machine's logs through CloudWatch Logs' "
                + "log delivery API (vended logs), whose actions support no resource-level permissions; AWS documents Resource * for them |"), table);
        assertTrue(table.contains("| xray:GetSamplingTargets | A traced Step Functions state machine reads"), table);
        assertEquals(12, IamAudit.RESOURCE_STAR_REASONS.size());
    }

    @Test
    void iamAuditShowsTheConditionThatNarrowsARolesGrant() {
        Map<String, Object> template = Map.of("Resources", Map.of(
                "Role", Map.of("Type", "AWS::IAM::Role", "Properties", Map.of()),
                "Policy", Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of(
                        "Roles", List.of(Map.of("Ref", "Role")),
                        "PolicyDocument", Map.of("Statement", List.of(
                                Map.of("Effect", "Allow", "Action", "dynamodb:DeleteItem", "Resource", Map.of("Fn::GetAtt", List.of("Table", "Arn")),
                                        "Condition", Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("EVENT#*"))))))))));
        assertEquals(List.of(), IamAudit.violations(template));
        assertEquals("{ForAllValues:StringLike={dynamodb:LeadingKeys=[EVENT#*]}}", IamAudit.permissions(template).get(0).conditions());
        assertTrue(IamAudit.table("t", Map.of("S", template)).contains(
                "| dynamodb:DeleteItem | <Table.Arn><br>**when** {ForAllValues:StringLike={dynamodb:LeadingKeys=[EVENT#*]}} | Policy |"),
                IamAudit.table("t", Map.of("S", template)));
    }

    /** What the audit missed when it looked only for '*' and 'service:*' in Allow statements of role policies. */
    @Test
    void iamAuditSeesPartialWildcardsNotActionNotResourceAndManagedPoliciesAttachedThroughRoles() {
        Map<String, Object> template = Map.of("Resources", Map.of(
                "Job", Map.of("Type", "AWS::IAM::Role", "Properties", Map.of(
                        "Policies", List.of(Map.of("PolicyName", "Keys", "PolicyDocument", Map.of("Statement", List.of(
                                Map.of("Effect", "Allow", "Action", List.of("kms:Decrypt", "kms:ReEncrypt*"), "Resource", "arn:aws:kms:eu-west-1:1:key/k"),
                                Map.of("Effect", "Allow", "NotAction", "iam:*", "Resource", "arn:aws:s3:::b"),
                                Map.of("Effect", "Allow", "Action", "sqs:SendMessage", "NotResource", "arn:aws:sqs:eu-west-1:1:q"),
                                Map.of("Effect", "Deny", "NotAction", "s3:GetObject", "Resource", "*"))))))),
                "Shared", Map.of("Type", "AWS::IAM::ManagedPolicy", "Properties", Map.of(
                        "Roles", List.of(Map.of("Ref", "Job")),
                        "PolicyDocument", Map.of("Statement", Map.of("Effect", "Allow", "Action", "dynamodb:GetItem", "Resource", "*"))))));
        assertEquals(List.of(
                "Job: managed policy Shared (AWS::IAM::ManagedPolicy, attached through its Roles)",
                "Job (inline Keys): action wildcard kms:ReEncrypt*",
                "Job (inline Keys): NotAction allows every action except [iam:*]",
                "Job (inline Keys): NotResource allows every resource except [arn:aws:sqs:eu-west-1:1:q]",
                "Job (Shared): Resource * for [dynamodb:GetItem]"), IamAudit.violations(template));
    }

    @Test
    void iamAuditListsAndChecksResourcePolicies() {
        Map<String, Object> root = Map.of("AWS", Map.of("Fn::Join", List.of("", List.of("arn:", Map.of("Ref", "AWS::Partition"), ":iam::",
                Map.of("Ref", "AWS::AccountId"), ":root"))));
        Map<String, Object> template = Map.of("Resources", Map.of(
                "Key", Map.of("Type", "AWS::KMS::Key", "Properties", Map.of("KeyPolicy", Map.of("Statement", List.of(
                        Map.of("Effect", "Allow", "Principal", root, "Action", "kms:*", "Resource", "*"),
                        Map.of("Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"), "Resource", "*"),
                        Map.of("Effect", "Allow", "Principal", Map.of("Service", "logs.eu-west-1.amazonaws.com"), "Action", "kms:Decrypt",
                                "Resource", "*", "Condition", Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", "arn:x"))))))),
                "QueuePolicy", Map.of("Type", "AWS::SQS::QueuePolicy", "Properties", Map.of(
                        "Queues", List.of(Map.of("Ref", "Queue")),
                        "PolicyDocument", Map.of("Statement", List.of(
                                Map.of("Effect", "Deny", "Principal", Map.of("AWS", "*"), "Action", "sqs:*", "Resource", "*",
                                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))),
                                Map.of("Effect", "Allow", "Principal", "*", "Action", "sqs:SendMessage", "Resource", "*"))))),
                "Invoke", Map.of("Type", "AWS::Lambda::Permission", "Properties", Map.of("Action", "lambda:InvokeFunction",
                        "FunctionName", Map.of("Fn::GetAtt", List.of("Fn", "Arn")), "Principal", "apigateway.amazonaws.com",
                        "SourceArn", "arn:aws:execute-api:eu-west-1:1:api/*"))));
        assertEquals(List.of(
                "Key (AWS::KMS::Key): action wildcard kms:GenerateDataKey* for [Service:events.amazonaws.com]",
                "Key (AWS::KMS::Key): allows events.amazonaws.com [kms:Decrypt, kms:GenerateDataKey*] without a condition (aws:SourceArn "
                        + "or aws:SourceAccount), for any account's use of the service",
                "Queue (AWS::SQS::QueuePolicy): allows anyone (Principal *) [sqs:SendMessage] without a condition"),
                IamAudit.violations(template));
        String table = IamAudit.table("t", Map.of("S", template));
        assertTrue(table.contains("### Resource policies"), table);
        assertTrue(table.contains("| Key | AWS::KMS::Key | Allow | AWS:arn:<Ref AWS::Partition>:iam::<Ref AWS::AccountId>:root | kms:* |  |"), table);
        assertTrue(table.contains("| Fn | AWS::Lambda::Permission | Allow | Service:apigateway.amazonaws.com | lambda:InvokeFunction | "
                + "{SourceArn=arn:aws:execute-api:eu-west-1:1:api/*} |"), table);
    }

    /** {@code @aws-cdk/core:enablePartitionLiterals} writes the account root with the partition literal where the region is known. */
    @Test
    void iamAuditAcceptsTheKeyAdministratorStatementWithThePartitionLiteral() {
        Map<String, Object> root = Map.of("AWS", Map.of("Fn::Join", List.of("", List.of("arn:aws:iam::", Map.of("Ref", "AWS::AccountId"),
                ":root"))));
        Map<String, Object> other = Map.of("AWS", "arn:aws:iam::*:root");
        Map<String, Object> template = Map.of("Resources", Map.of(
                "Key", Map.of("Type", "AWS::KMS::Key", "Properties", Map.of("KeyPolicy", Map.of("Statement", List.of(
                        Map.of("Effect", "Allow", "Principal", root, "Action", "kms:*", "Resource", "*"),
                        Map.of("Effect", "Allow", "Principal", other, "Action", "kms:*", "Resource", "*")))))));
        assertEquals(List.of("Key (AWS::KMS::Key): action wildcard kms:* for [AWS:arn:aws:iam::*:root]"), IamAudit.violations(template));
    }

    @Test
    void resourceAuditsFindUnencryptedAndUnretainedResources() {
        Map<String, Object> bad = Map.of("Resources", Map.of(
                "Key", Map.of("Type", "AWS::KMS::Key", "Properties", Map.of("EnableKeyRotation", false)),
                "Queue", Map.of("Type", "AWS::SQS::Queue", "Properties", Map.of("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of("Key", "Arn")))),
                "Logs", Map.of("Type", "AWS::Logs::LogGroup", "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain", "Properties", Map.of()),
                "Table", Map.of("Type", "AWS::DynamoDB::Table", "DeletionPolicy", "Delete", "Properties", Map.of(
                        "TableName", "orders-v2", "SSESpecification", Map.of("SSEEnabled", true)))));
        assertEquals(List.of("Key: KMS key without rotation",
                "Logs: log group not encrypted with a KMS key of its own (an AWS owned or managed key instead)",
                "Queue: queue key Key does not rotate", "Queue: queue does not deny requests without TLS",
                "Table: table not encrypted with a KMS key of its own (an AWS owned or managed key instead)"), ResourceAudits.encryption(bad));
        assertEquals(List.of("Key: AWS::KMS::Key is not retained (DeletionPolicy and UpdateReplacePolicy must be Retain)",
                "Logs: log group keeps its logs forever (no RetentionInDays)",
                "Table: AWS::DynamoDB::Table is not retained (DeletionPolicy and UpdateReplacePolicy must be Retain)",
                "Table: table without deletion protection"), ResourceAudits.retention(bad));
    }

    /**
     * The TLS check matched policy text: a queue named {@code Orders} passed on the policy of
     * {@code OrdersDlq}, and so did an Allow that merely mentioned {@code aws:SecureTransport=false}.
     * Archives and secrets were not looked at.
     */
    @Test
    void resourceAuditsReadPoliciesByWhatTheyAreAttachedToAndCoverArchivesSecretsAndBuses() {
        Map<String, Object> key = Map.of("Fn::GetAtt", List.of("Key", "Arn"));
        Map<String, Object> denyWithoutTls = Map.of("Effect", "Deny", "Principal", Map.of("AWS", "*"), "Action", "sqs:*",
                "Resource", Map.of("Fn::GetAtt", List.of("OrdersDlq", "Arn")), "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
        Map<String, Object> template = Map.of("Resources", Map.of(
                "Key", Map.of("Type", "AWS::KMS::Key", "DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain",
                        "Properties", Map.of("EnableKeyRotation", true)),
                "Orders", Map.of("Type", "AWS::SQS::Queue", "Properties", Map.of("KmsMasterKeyId", key)),
                "OrdersDlq", Map.of("Type", "AWS::SQS::Queue", "Properties", Map.of("KmsMasterKeyId", key)),
                "OrdersDlqPolicy", Map.of("Type", "AWS::SQS::QueuePolicy", "Properties", Map.of(
                        "Queues", List.of(Map.of("Ref", "OrdersDlq")), "PolicyDocument", Map.of("Statement", List.of(denyWithoutTls)))),
                "Bus", Map.of("Type", "AWS::Events::EventBus", "Properties", Map.of("Name", "orders")),
                "Archive", Map.of("Type", "AWS::Events::Archive", "Properties", Map.of("KmsKeyIdentifier", "")),
                "Secret", Map.of("Type", "AWS::SecretsManager::Secret", "Properties", Map.of())));
        assertEquals(List.of(
                "Archive: event archive not encrypted with a KMS key of its own (an AWS owned or managed key instead)",
                "Bus: event bus not encrypted with a KMS key of its own (an AWS owned or managed key instead)",
                "Orders: queue does not deny requests without TLS",
                "Secret: secret not encrypted with a KMS key of its own (an AWS owned or managed key instead)"), ResourceAudits.encryption(template));
        assertEquals(List.of("Archive: event archive keeps its events forever (no RetentionDays)"), ResourceAudits.retention(template));
    }

    /** S3 delivers server access logs only to SSE-S3 buckets: such a bucket passes, any other SSE-S3 bucket does not. */
    @Test
    void anSseS3BucketPassesOnlyAsAnotherBucketsAccessLogDestination() {
        Map<String, Object> key = Map.of("Fn::GetAtt", List.of("Key", "Arn"));
        Map<String, Object> sseS3 = Map.of("ServerSideEncryptionConfiguration", List.of(Map.of("ServerSideEncryptionByDefault",
                Map.of("SSEAlgorithm", "AES256"))));
        Map<String, Object> resources = new java.util.TreeMap<>(Map.of(
                "Key", Map.of("Type", "AWS::KMS::Key", "Properties", Map.of("EnableKeyRotation", true)),
                "Logs", Map.of("Type", "AWS::S3::Bucket", "Properties", Map.of("BucketEncryption", sseS3)),
                "Other", Map.of("Type", "AWS::S3::Bucket", "Properties", Map.of("BucketEncryption", sseS3)),
                "Data", Map.of("Type", "AWS::S3::Bucket", "Properties", Map.of(
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of("ServerSideEncryptionByDefault",
                                Map.of("SSEAlgorithm", "aws:kms", "KMSMasterKeyID", key)))),
                        "LoggingConfiguration", Map.of("DestinationBucketName", Map.of("Ref", "Logs"), "LogFilePrefix", "s3/")))));
        for (String bucket : List.of("Logs", "Other", "Data")) {
            Map<String, Object> arn = Map.of("Fn::GetAtt", List.of(bucket, "Arn"));
            resources.put(bucket + "Policy", Map.of("Type", "AWS::S3::BucketPolicy", "Properties", Map.of(
                    "Bucket", Map.of("Ref", bucket), "PolicyDocument", Map.of("Statement", List.of(Map.of("Effect", "Deny",
                            "Principal", Map.of("AWS", "*"), "Action", "s3:*",
                            "Resource", List.of(arn, Map.of("Fn::Join", List.of("", List.of(arn, "/*")))),
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
        }
        assertEquals(List.of("Other: bucket not encrypted with KMS"), ResourceAudits.encryption(Map.of("Resources", resources)));
    }
}
