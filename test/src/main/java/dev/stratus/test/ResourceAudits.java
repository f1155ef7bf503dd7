package dev.stratus.test;

import static dev.stratus.test.IamAudit.map;
import static dev.stratus.test.IamAudit.props;
import static dev.stratus.test.IamAudit.referencedId;
import static dev.stratus.test.IamAudit.resources;
import static dev.stratus.test.IamAudit.type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encryption and data-safety checks over a synthesized template; each returns readable
 * violations, empty when the template is clean. The checks read the template's structure (which
 * policy is attached to which resource, which statement says what), never its text. Replacements
 * of stateful resources are guarded by {@link StatefulLedger}.
 */
public final class ResourceAudits {
    /** Resources that hold data or protect it: retained when they leave the stack. */
    private static final Set<String> RETAINED = Set.of("AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::Logs::LogGroup");

    private ResourceAudits() {
    }

    /**
     * Every queue, topic, table, log group, bucket, event bus, event archive and secret is encrypted
     * with a KMS key of this template that rotates (or one it imports) — except a bucket that receives
     * another bucket's server access logs, which S3 allows only with S3-managed keys (SSE-S3, AES256);
     * every key rotates; every
     * queue, topic and bucket has a policy attached to it that denies requests without TLS to
     * everyone for every action on it.
     */
    public static List<String> encryption(Map<String, Object> template) {
        Map<String, Map<String, Object>> resources = resources(template);
        List<String> problems = new ArrayList<>();
        resources.forEach((id, resource) -> {
            Map<String, Object> props = props(resource);
            switch (type(resource)) {
                case "AWS::KMS::Key" -> {
                    if (!Boolean.TRUE.equals(props.get("EnableKeyRotation"))) {
                        problems.add(id + ": KMS key without rotation");
                    }
                }
                case "AWS::SQS::Queue" -> {
                    checkKey(problems, id, "queue", props.get("KmsMasterKeyId"), resources);
                    checkTls(problems, id, "queue", resources);
                }
                case "AWS::SNS::Topic" -> {
                    checkKey(problems, id, "topic", props.get("KmsMasterKeyId"), resources);
                    checkTls(problems, id, "topic", resources);
                }
                case "AWS::DynamoDB::Table" -> {
                    Map<String, Object> sse = map(props.get("SSESpecification"));
                    checkKey(problems, id, "table", "KMS".equals(sse.get("SSEType")) ? sse.get("KMSMasterKeyId") : null, resources);
                }
                case "AWS::Logs::LogGroup" -> checkKey(problems, id, "log group", props.get("KmsKeyId"), resources);
                case "AWS::S3::Bucket" -> {
                    Object key = null;
                    boolean kms = false;
                    boolean s3Managed = false;
                    for (Object rule : list(map(props.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"))) {
                        Map<String, Object> byDefault = map(map(rule).get("ServerSideEncryptionByDefault"));
                        if (String.valueOf(byDefault.get("SSEAlgorithm")).startsWith("aws:kms")) {
                            kms = true;
                            key = byDefault.get("KMSMasterKeyID");
                        }
                        s3Managed |= "AES256".equals(byDefault.get("SSEAlgorithm"));
                    }
                    if (!kms && s3Managed && isAccessLogDestination(id, resources)) {
                        // S3 delivers server access logs only to buckets encrypted with S3-managed keys (SSE-S3)
                        checkTls(problems, id, "bucket", resources);
                    } else if (!kms) {
                        problems.add(id + ": bucket not encrypted with KMS");
                    } else {
                        checkKey(problems, id, "bucket", key, resources);
                    }
                    checkTls(problems, id, "bucket", resources);
                }
                case "AWS::Events::EventBus" -> checkKey(problems, id, "event bus", props.get("KmsKeyIdentifier"), resources);
                case "AWS::Events::Archive" -> checkKey(problems, id, "event archive", props.get("KmsKeyIdentifier"), resources);
                case "AWS::SecretsManager::Secret" -> checkKey(problems, id, "secret", props.get("KmsKeyId"), resources);
                default -> {
                }
            }
        });
        return problems;
    }

    /**
     * Tables, buckets, keys and log groups are retained (DeletionPolicy and UpdateReplacePolicy
     * Retain), tables are deletion-protected, log groups and event archives keep data for a set
     * time, not forever.
     */
    public static List<String> retention(Map<String, Object> template) {
        List<String> problems = new ArrayList<>();
        resources(template).forEach((id, r) -> {
            String type = type(r);
            if (RETAINED.contains(type)
                    && (!"Retain".equals(r.get("DeletionPolicy")) || !"Retain".equals(r.get("UpdateReplacePolicy")))) {
                problems.add(id + ": " + type + " is not retained (DeletionPolicy and UpdateReplacePolicy must be Retain)");
            }
            if (type.equals("AWS::DynamoDB::Table") && !Boolean.TRUE.equals(props(r).get("DeletionProtectionEnabled"))) {
                problems.add(id + ": table without deletion protection");
            }
            if (type.equals("AWS::Logs::LogGroup") && props(r).get("RetentionInDays") == null) {
                problems.add(id + ": log group keeps its logs forever (no RetentionInDays)");
            }
            if (type.equals("AWS::Events::Archive") && !(props(r).get("RetentionDays") instanceof Number days && days.intValue() > 0)) {
                problems.add(id + ": event archive keeps its events forever (no RetentionDays)");
            }
        });
        return problems;
    }

    /** Whether another bucket of the template names {@code id} as the destination of its server access logs. */
    private static boolean isAccessLogDestination(String id, Map<String, Map<String, Object>> resources) {
        return resources.values().stream().anyMatch(r -> "AWS::S3::Bucket".equals(type(r))
                && id.equals(referencedId(map(props(r).get("LoggingConfiguration")).get("DestinationBucketName"))));
    }

    private static void checkKey(List<String> problems, String id, String what, Object key, Map<String, Map<String, Object>> resources) {
        if (key == null || "".equals(key)) {
            problems.add(id + ": " + what + " not encrypted with a KMS key of its own (an AWS owned or managed key instead)");
            return;
        }
        String keyId = referencedId(key);
        if (keyId == null) {
            return; // an imported key: its owner answers for rotation
        }
        Map<String, Object> keyResource = resources.get(keyId);
        if (!"AWS::KMS::Key".equals(type(keyResource))) {
            problems.add(id + ": " + what + " encrypted with " + keyId + ", which is not a customer-managed key");
        } else if (!Boolean.TRUE.equals(props(keyResource).get("EnableKeyRotation"))) {
            problems.add(id + ": " + what + " key " + keyId + " does not rotate");
        }
    }

    /**
     * A policy attached to the queue (topic, bucket) by reference, with a statement denying
     * everyone every action on it (for a topic, at least {@code sns:Publish}) when
     * {@code aws:SecureTransport} is false.
     */
    private static void checkTls(List<String> problems, String id, String what, Map<String, Map<String, Object>> resources) {
        String policyType = switch (what) {
            case "queue" -> "AWS::SQS::QueuePolicy";
            case "topic" -> "AWS::SNS::TopicPolicy";
            default -> "AWS::S3::BucketPolicy";
        };
        String attachment = switch (what) {
            case "queue" -> "Queues";
            case "topic" -> "Topics";
            default -> "Bucket";
        };
        for (Map<String, Object> policy : resources.values()) {
            if (!policyType.equals(type(policy))) {
                continue;
            }
            Map<String, Object> props = props(policy);
            if (list(props.get(attachment)).stream().noneMatch(ref -> id.equals(referencedId(ref)))) {
                continue;
            }
            for (Object s : list(map(props.get("PolicyDocument")).get("Statement"))) {
                if (deniesWithoutTls(map(s), id, what)) {
                    return;
                }
            }
        }
        problems.add(id + ": " + what + " does not deny requests without TLS");
    }

    private static boolean deniesWithoutTls(Map<String, Object> statement, String id, String what) {
        Object secure = map(map(statement.get("Condition")).get("Bool")).get("aws:SecureTransport");
        Object principal = statement.get("Principal");
        boolean everyone = "*".equals(principal) || "*".equals(map(principal).get("AWS"));
        List<String> actions = list(statement.get("Action")).stream().map(String::valueOf).toList();
        boolean everyAction = actions.contains("*") || switch (what) {
            case "queue" -> actions.contains("sqs:*");
            case "topic" -> actions.contains("sns:*") || actions.contains("sns:Publish");
            default -> actions.contains("s3:*");
        };
        List<?> targets = list(statement.get("Resource"));
        boolean onIt = targets.contains("*") || targets.stream().anyMatch(r -> id.equals(referencedId(r)))
                && (!what.equals("bucket") || targets.stream().anyMatch(r -> IamAudit.render(r).equals("<" + id + ".Arn>/*")));
        return "Deny".equals(statement.get("Effect")) && ("false".equals(String.valueOf(secure))) && everyone && everyAction && onIt
                && !statement.containsKey("NotAction") && !statement.containsKey("NotPrincipal");
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
    }
}
