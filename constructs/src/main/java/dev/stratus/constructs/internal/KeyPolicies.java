package dev.stratus.constructs.internal;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.IConstruct;

/**
 * Key policy statements shared by the constructs.
 *
 * <p>Internal: not part of the public API.
 */
public final class KeyPolicies {
    /**
     * What AWS's documented {@code kms:Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey*, Describe*}
     * for CloudWatch Logs expand to on a key, named: a wildcard would also grant actions KMS adds later.
     */
    static final List<String> LOGS_ACTIONS = List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
            "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair",
            "kms:GenerateDataKeyPairWithoutPlaintext", "kms:DescribeKey");

    private KeyPolicies() {
    }

    /**
     * Lets CloudWatch Logs use {@code key} for the log groups whose names start with
     * {@link LogGroupNames#stackPrefix} of {@code scope}'s stack, in that stack's account and region,
     * and for no other log group. Each stack whose log groups the key serves adds one statement (a
     * shared key lists each stack once: identical statements collapse). The condition names the
     * prefix, not a log group's ARN, so the key does not depend on the log groups that depend on it.
     * A no-op for an imported key, whose policy its owner must set.
     */
    public static void allowStackLogGroups(IKey key, IConstruct scope) {
        Stack stack = LogGroupNames.stackOf(scope);
        String stackName = stack.getStackName();
        String alphanumeric = stackName.replaceAll("[^A-Za-z0-9]", "");
        // a Sid is alphanumeric: the hash keeps "a-b" and "ab" apart
        String sid = "AllowCloudWatchLogsFor" + alphanumeric + (alphanumeric.equals(stackName) ? "" : LogGroupNames.hash(stackName));
        key.addToResourcePolicy(logsStatement(sid, stack, stack.formatArn(ArnComponents.builder()
                .service("logs").resource("log-group").resourceName(LogGroupNames.stackPrefix(scope) + "*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build())));
    }

    /**
     * As {@link #allowStackLogGroups}, for the state machines' log groups of {@code scope}'s stack
     * ({@link LogGroupNames#stateMachinePrefix}).
     */
    public static void allowStateMachineLogGroups(IKey key, IConstruct scope) {
        Stack stack = LogGroupNames.stackOf(scope);
        String stackName = stack.getStackName();
        String alphanumeric = stackName.replaceAll("[^A-Za-z0-9]", "");
        String sid = "AllowCloudWatchLogsForStatesOf" + alphanumeric + (alphanumeric.equals(stackName) ? "" : LogGroupNames.hash(stackName));
        key.addToResourcePolicy(logsStatement(sid, stack, stack.formatArn(ArnComponents.builder()
                .service("logs").resource("log-group").resourceName(LogGroupNames.stateMachinePrefix(scope) + "*")
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build())));
    }

    private static PolicyStatement logsStatement(String sid, Stack stack, String logGroupArns) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                .actions(LOGS_ACTIONS)
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", logGroupArns)))
                .build();
    }
}
