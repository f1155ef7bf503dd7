package dev.stratus.constructs.compliance;

import java.util.regex.Pattern;

import dev.stratus.constructs.internal.NagSuppressions;
import dev.stratus.constructs.internal.Problems;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Records that a cdk-nag rule does not apply to one resource, and why, without compiling against
 * cdk-nag: it writes the {@code cdk_nag} metadata that cdk-nag reads, and the test kit's
 * {@code Compliance} reports the suppression with its reason.
 *
 * <pre>{@code
 * Suppressions.suppress(healthRoute, "AwsSolutions-APIG4",
 *         "GET /health is the load balancer's unauthenticated probe; it returns no data");
 * Suppressions.suppress(job.getRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
 *         "ListBuckets has no resource-level permission", "Resource::*");
 * }</pre>
 *
 * A suppression is as narrow as you make it: it covers one resource (not its children), and with
 * {@code findings} only those findings of the rule (the ids the kit prints in brackets, e.g.
 * {@code AwsSolutions-IAM5[Resource::*]}), so that a later, different finding stays open.
 */
public final class Suppressions {
    /** {@code AwsSolutions-IAM5}, {@code NIST.800.53.R5-LambdaDLQ}, {@code HIPAA.Security-IAMNoInlinePolicy}. */
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9.]*-[A-Za-z0-9]+|CdkNagValidationFailure");
    /** Shorter than this is not a reason anyone can review. */
    static final int MIN_REASON = 20;

    private Suppressions() {
    }

    /**
     * Suppresses {@code ruleId} on {@code resource} (a CloudFormation resource, or an L2 construct
     * whose default child is one), for {@code reason}, limited to {@code findings} when given.
     *
     * @throws IllegalArgumentException naming what is wrong: no CloudFormation resource, a malformed
     *                                  rule id, a reason under 20 characters, a blank finding id
     */
    public static void suppress(IConstruct resource, String ruleId, String reason, String... findings) {
        String path = resource.getNode().getPath();
        Problems problems = new Problems("suppression", path);
        CfnResource cfn = resource instanceof CfnResource r ? r
                : resource.getNode().getDefaultChild() instanceof CfnResource r ? r : null;
        problems.check(cfn != null, "'" + path + "' is not a CloudFormation resource and its default child is not one either; "
                + "pass the resource itself, e.g. role.getNode().findChild(\"DefaultPolicy\")");
        problems.check(ruleId != null && RULE_ID.matcher(ruleId).matches(),
                "ruleId must look like AwsSolutions-IAM5 (pack, '-', rule), but was '" + ruleId + "'");
        problems.check(reason != null && reason.strip().length() >= MIN_REASON, "reason must say why " + ruleId
                + " does not apply, in " + MIN_REASON + " characters or more, but was '" + reason + "'");
        for (String finding : findings) {
            problems.check(finding != null && !finding.isBlank(),
                    "findings must be finding ids like Resource::* (as the kit prints them in brackets), but one was '" + finding + "'");
        }
        problems.throwIfAny();
        NagSuppressions.suppress(cfn, ruleId, reason.strip(), findings);
    }
}
