package dev.stratus.constructs.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

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
        suppress(queue, List.of(new Rule("AwsSolutions-SQS3", reason), new Rule("Serverless-SQSRedrivePolicy", reason)));
    }

    /**
     * NIST 800-53 and HIPAA prefer managed policies; the constructs give each role its own
     * least-privilege inline policies on purpose. Suppresses that finding on the role and its
     * default policy, if any.
     */
    public static void suppressInlinePolicies(software.amazon.awscdk.services.iam.IRole role) {
        suppressInlinePolicy((CfnResource) role.getNode().getDefaultChild());
        software.constructs.IConstruct defaultPolicy = role.getNode().tryFindChild("DefaultPolicy");
        if (defaultPolicy != null) {
            suppressInlinePolicy((CfnResource) defaultPolicy.getNode().getDefaultChild());
        }
    }

    /** The inline-policy finding of NIST 800-53 and HIPAA on one role or policy resource; see above. */
    public static void suppressInlinePolicy(CfnResource roleOrPolicy) {
        suppress(roleOrPolicy, INLINE_POLICY_RULES);
    }

    /** The rules {@link #suppressInlinePolicy} suppresses, for a resource with more suppressions of its own. */
    public static final List<Rule> INLINE_POLICY_RULES;

    private static final String INLINE_POLICY_REASON = "Each role's permissions are granted by the construct that owns it, "
            + "for that role only: an inline policy cannot be attached to another principal and is deleted with its role";

    static {
        INLINE_POLICY_RULES = List.of(new Rule("NIST.800.53.R5-IAMNoInlinePolicy", INLINE_POLICY_REASON),
                new Rule("HIPAA.Security-IAMNoInlinePolicy", INLINE_POLICY_REASON));
    }

    /**
     * One suppression: rule {@code id} for {@code reason}, limited to the {@code appliesTo} findings
     * when there are any (for example {@code Resource::*}).
     */
    public record Rule(String id, String reason, List<String> appliesTo) {
        public Rule {
            if (reason == null || reason.length() < 10) {
                throw new IllegalArgumentException("A suppression of " + id + " needs a real reason");
            }
            appliesTo = List.copyOf(appliesTo);
        }

        public Rule(String id, String reason) {
            this(id, reason, List.of());
        }
    }

    /**
     * The id cdk-nag gives the finding of a wildcard {@code resource} in a policy statement
     * ({@code Resource::arn:<AWS::Partition>:logs:eu-west-1:111111111111:log-group:X*}): the value as
     * it resolves in {@code scope}'s stack, so that it matches in env-agnostic and env-bound stacks alike.
     */
    public static String resourceFinding(IConstruct scope, String resource) {
        return "Resource::" + flatten(Stack.of(scope).resolve(resource));
    }

    /** cdk-nag's flattenCfnReference: Fn::Join concatenated, {@code <Ref>}, {@code <Id.Attr>}, {@code ${X}} as {@code <X>}. */
    @SuppressWarnings("unchecked")
    static String flatten(Object node) {
        if (node == null) {
            return "";
        }
        if (node instanceof String s) {
            return s.replace("${", "<").replace("}", ">");
        }
        if (node instanceof Map<?, ?> map) {
            if (map.get("Fn::Join") instanceof List<?> join) {
                String delimiter = (String) join.get(0);
                return ((List<Object>) join.get(1)).stream().map(NagSuppressions::flatten).collect(Collectors.joining(delimiter));
            }
            if (map.containsKey("Fn::Sub")) {
                return flatten(map.get("Fn::Sub"));
            }
            if (map.get("Fn::GetAtt") instanceof List<?> att) {
                return "<" + flatten(att.get(0)) + "." + flatten(att.get(1)) + ">";
            }
            if (map.containsKey("Fn::ImportValue")) {
                return flatten(map.get("Fn::ImportValue"));
            }
            if (map.containsKey("Ref")) {
                return "<" + flatten(map.get("Ref")) + ">";
            }
        }
        return String.valueOf(node);
    }

    /**
     * Suppresses rule {@code ruleId} on {@code resource}, limited to {@code appliesTo} findings when
     * given (for example {@code Resource::*}).
     */
    public static void suppress(CfnResource resource, String ruleId, String reason, String... appliesTo) {
        suppress(resource, List.of(new Rule(ruleId, reason, List.of(appliesTo))));
    }

    /**
     * Adds {@code rules}, in order, to the suppressions on {@code resource}: one read and one write
     * of its metadata (each is a call into jsii's Node process), however many rules.
     */
    @SuppressWarnings("unchecked")
    public static void suppress(CfnResource resource, List<Rule> rules) {
        Object existing = resource.getMetadata(KEY);
        Map<String, Object> metadata = new LinkedHashMap<>();
        List<Object> all = new ArrayList<>();
        if (existing instanceof Map<?, ?> map) {
            metadata.putAll((Map<String, Object>) map);
            Object current = map.get("rules_to_suppress");
            if (current instanceof List<?> list) {
                all.addAll(list);
            }
        }
        for (Rule r : rules) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", r.id());
            rule.put("reason", r.reason());
            if (!r.appliesTo().isEmpty()) {
                rule.put("applies_to", r.appliesTo());
            }
            all.add(rule);
        }
        metadata.put("rules_to_suppress", all);
        resource.addMetadata(KEY, metadata);
    }
}
