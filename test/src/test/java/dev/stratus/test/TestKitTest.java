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
        assertEquals(List.of("Bad: has managed policies", "Bad: action wildcard s3:*", "Bad: Resource * for [s3:GetObject]"),
                IamAudit.violations(template));
        assertTrue(IamAudit.table("t", Map.of("S", template)).contains("| s3:* | <Bucket.Arn> |"));
    }

    @Test
    void resourceAuditsFindUnencryptedUnretainedAndReplacedResources() {
        Map<String, Object> bad = Map.of("Resources", Map.of(
                "Key", Map.of("Type", "AWS::KMS::Key", "Properties", Map.of("EnableKeyRotation", false)),
                "Queue", Map.of("Type", "AWS::SQS::Queue", "Properties", Map.of("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of("Key", "Arn")))),
                "Logs", Map.of("Type", "AWS::Logs::LogGroup", "Properties", Map.of()),
                "Table", Map.of("Type", "AWS::DynamoDB::Table", "DeletionPolicy", "Delete", "Properties", Map.of(
                        "TableName", "orders-v2", "SSESpecification", Map.of("SSEEnabled", true)))));
        assertEquals(List.of("Key: KMS key without rotation", "Logs: log group not encrypted with a KMS key",
                "Queue: queue key Key does not rotate", "Queue: queue does not deny requests without TLS",
                "Table: table not encrypted with a KMS key"), ResourceAudits.encryption(bad));
        assertEquals(List.of("Key: AWS::KMS::Key is not retained (DeletionPolicy and UpdateReplacePolicy must be Retain)",
                "Table: AWS::DynamoDB::Table is not retained (DeletionPolicy and UpdateReplacePolicy must be Retain)",
                "Table: table without deletion protection"), ResourceAudits.retention(bad));
        Map<String, Object> before = Map.of("Resources", Map.of(
                "Table", Map.of("Type", "AWS::DynamoDB::Table", "Properties", Map.of("TableName", "orders")),
                "OldKey", Map.of("Type", "AWS::KMS::Key", "Properties", Map.of())));
        assertEquals(List.of("OldKey: AWS::KMS::Key would be replaced (its logical id is gone)",
                "Table: AWS::DynamoDB::Table would be replaced (TableName changed)"), ResourceAudits.replacements(before, bad));
    }
}
