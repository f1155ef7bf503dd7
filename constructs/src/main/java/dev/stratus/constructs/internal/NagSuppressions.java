package dev.stratus.constructs.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnResource;

/**
 * Records a cdk-nag suppression on a resource without depending on cdk-nag: cdk-nag reads the
 * {@code cdk_nag.rules_to_suppress} metadata that this writes. Constructs use it only for findings
 * that are inherent to what they build, each with the reason the rule does not apply.
 *
 * <p>Internal: not part of the public API.
 */
public final class NagSuppressions {
    private static final String KEY = "cdk_nag";

    private NagSuppressions() {
    }

    /**
     * Suppresses the findings every dead-letter queue raises against itself: a DLQ has no DLQ or
     * redrive policy of its own, because it is the end of the line for {@code whatItHolds}.
     */
    public static void suppressDeadLetterQueue(CfnResource queue, String whatItHolds) {
        String reason = "This queue is itself a dead-letter queue (it holds " + whatItHolds
                + "); a DLQ or redrive policy behind it would only move the same messages";
        suppress(queue, "AwsSolutions-SQS3", reason);
        suppress(queue, "Serverless-SQSRedrivePolicy", reason);
    }

    /**
     * NIST 800-53 and HIPAA prefer managed policies; the constructs give each role its own
     * least-privilege inline policies on purpose. Suppresses that finding on the role and its
     * default policy, if any.
     */
    public static void suppressInlinePolicies(software.amazon.awscdk.services.iam.IRole role) {
        String reason = "Each role's permissions are granted by the construct that owns it, for that role only: an "
                + "inline policy cannot be attached to another principal and is deleted with its role";
        CfnResource cfnRole = (CfnResource) role.getNode().getDefaultChild();
        software.constructs.IConstruct defaultPolicy = role.getNode().tryFindChild("DefaultPolicy");
        for (String rule : java.util.List.of("NIST.800.53.R5-IAMNoInlinePolicy", "HIPAA.Security-IAMNoInlinePolicy")) {
            suppress(cfnRole, rule, reason);
            if (defaultPolicy != null) {
                suppress((CfnResource) defaultPolicy.getNode().getDefaultChild(), rule, reason);
            }
        }
    }

    /**
     * Suppresses rule {@code ruleId} on {@code resource}, limited to {@code appliesTo} findings when
     * given (for example {@code Resource::*}).
     */
    @SuppressWarnings("unchecked")
    public static void suppress(CfnResource resource, String ruleId, String reason, String... appliesTo) {
        if (reason == null || reason.length() < 10) {
            throw new IllegalArgumentException("A suppression of " + ruleId + " needs a real reason");
        }
        Object existing = resource.getMetadata(KEY);
        Map<String, Object> metadata = new LinkedHashMap<>();
        List<Object> rules = new ArrayList<>();
        if (existing instanceof Map<?, ?> map) {
            metadata.putAll((Map<String, Object>) map);
            Object current = map.get("rules_to_suppress");
            if (current instanceof List<?> list) {
                rules.addAll(list);
            }
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", ruleId);
        rule.put("reason", reason);
        if (appliesTo.length > 0) {
            rule.put("applies_to", List.of(appliesTo));
        }
        rules.add(rule);
        metadata.put("rules_to_suppress", rules);
        resource.addMetadata(KEY, metadata);
    }
}
