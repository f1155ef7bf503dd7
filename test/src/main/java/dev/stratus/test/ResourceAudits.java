package dev.stratus.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Encryption and data-safety checks over a synthesized template; each returns readable
 * violations, empty when the template is clean.
 */
public final class ResourceAudits {
    private static final Set<String> STATEFUL = Set.of("AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::KMS::Key");
    /** Properties whose change makes CloudFormation replace (and so empty) the resource. */
    private static final Map<String, List<String>> REPLACING = Map.of(
            "AWS::DynamoDB::Table", List.of("TableName", "KeySchema", "LocalSecondaryIndexes"),
            "AWS::S3::Bucket", List.of("BucketName"),
            "AWS::KMS::Key", List.of("KeySpec", "KeyUsage", "MultiRegion"));

    private ResourceAudits() {
    }

    /**
     * Every queue, topic, table, log group and bucket encrypted with a KMS key of this template
     * that rotates (or one it imports); every key rotates; every queue, topic and bucket denies
     * requests without TLS.
     */
    public static List<String> encryption(Map<String, Object> template) {
        Map<String, Map<String, Object>> resources = resources(template);
        List<String> problems = new ArrayList<>();
        String policies = "";
        for (Map<String, Object> r : resources.values()) {
            String type = (String) r.get("Type");
            if (type.equals("AWS::SQS::QueuePolicy") || type.equals("AWS::SNS::TopicPolicy") || type.equals("AWS::S3::BucketPolicy")) {
                policies += r.toString() + "\n";
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : resources.entrySet()) {
            String id = e.getKey();
            String type = (String) e.getValue().get("Type");
            Map<String, Object> props = props(e.getValue());
            switch (type) {
                case "AWS::KMS::Key" -> {
                    if (!Boolean.TRUE.equals(props.get("EnableKeyRotation"))) {
                        problems.add(id + ": KMS key without rotation");
                    }
                }
                case "AWS::SQS::Queue" -> {
                    checkKey(problems, id, "queue", props.get("KmsMasterKeyId"), resources);
                    checkTls(problems, id, "queue", policies);
                }
                case "AWS::SNS::Topic" -> {
                    checkKey(problems, id, "topic", props.get("KmsMasterKeyId"), resources);
                    checkTls(problems, id, "topic", policies);
                }
                case "AWS::DynamoDB::Table" -> {
                    Object sse = props.get("SSESpecification");
                    Object key = sse instanceof Map<?, ?> m && "KMS".equals(m.get("SSEType")) ? m.get("KMSMasterKeyId") : null;
                    checkKey(problems, id, "table", key, resources);
                }
                case "AWS::Logs::LogGroup" -> checkKey(problems, id, "log group", props.get("KmsKeyId"), resources);
                case "AWS::S3::Bucket" -> {
                    String encryption = String.valueOf(props.get("BucketEncryption"));
                    if (!encryption.contains("aws:kms")) {
                        problems.add(id + ": bucket not encrypted with KMS");
                    }
                    checkTls(problems, id, "bucket", policies);
                }
                default -> {
                }
            }
        }
        return problems;
    }

    /** Stateful resources (tables, buckets, keys) are retained, and tables deletion-protected. */
    public static List<String> retention(Map<String, Object> template) {
        List<String> problems = new ArrayList<>();
        resources(template).forEach((id, r) -> {
            String type = (String) r.get("Type");
            if (!STATEFUL.contains(type)) {
                return;
            }
            if (!"Retain".equals(r.get("DeletionPolicy")) || !"Retain".equals(r.get("UpdateReplacePolicy"))) {
                problems.add(id + ": " + type + " is not retained (DeletionPolicy and UpdateReplacePolicy must be Retain)");
            }
            if (type.equals("AWS::DynamoDB::Table") && !Boolean.TRUE.equals(props(r).get("DeletionProtectionEnabled"))) {
                problems.add(id + ": table without deletion protection");
            }
        });
        return problems;
    }

    /**
     * Stateful resources of {@code before} (a committed snapshot) that {@code after} would replace:
     * gone under their logical id, or with a replacement-forcing property changed.
     */
    public static List<String> replacements(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Map<String, Object>> now = resources(after);
        List<String> problems = new ArrayList<>();
        resources(before).forEach((id, old) -> {
            String type = (String) old.get("Type");
            if (!STATEFUL.contains(type)) {
                return;
            }
            Map<String, Object> current = now.get(id);
            if (current == null || !type.equals(current.get("Type"))) {
                problems.add(id + ": " + type + " would be replaced (its logical id is gone)");
                return;
            }
            for (String property : REPLACING.get(type)) {
                if (!Objects.equals(props(old).get(property), props(current).get(property))) {
                    problems.add(id + ": " + type + " would be replaced (" + property + " changed)");
                }
            }
        });
        return problems;
    }

    private static void checkKey(List<String> problems, String id, String what, Object key, Map<String, Map<String, Object>> resources) {
        if (key == null) {
            problems.add(id + ": " + what + " not encrypted with a KMS key");
            return;
        }
        String keyId = referencedId(key);
        if (keyId == null) {
            return; // an imported key: its owner answers for rotation
        }
        Map<String, Object> keyResource = resources.get(keyId);
        if (keyResource == null || !"AWS::KMS::Key".equals(keyResource.get("Type"))) {
            problems.add(id + ": " + what + " encrypted with " + keyId + ", which is not a customer-managed key");
        } else if (!Boolean.TRUE.equals(props(keyResource).get("EnableKeyRotation"))) {
            problems.add(id + ": " + what + " key " + keyId + " does not rotate");
        }
    }

    private static void checkTls(List<String> problems, String id, String what, String policies) {
        boolean denied = false;
        for (String policy : policies.split("\n")) {
            if (policy.contains(id) && policy.contains("aws:SecureTransport=false") && policy.contains("Effect=Deny")) {
                denied = true;
            }
        }
        if (!denied) {
            problems.add(id + ": " + what + " does not deny requests without TLS");
        }
    }

    @SuppressWarnings("unchecked")
    private static String referencedId(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.get("Ref") instanceof String ref) {
                return ref;
            }
            if (map.get("Fn::GetAtt") instanceof List<?> att) {
                return (String) att.get(0);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(Map<String, Object> template) {
        return new TreeMap<>((Map<String, Map<String, Object>>) template.getOrDefault("Resources", Map.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

}
