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
    private KeyPolicies() {
    }

    /**
     * CloudWatch Logs encrypts a log group with a customer-managed key only if the key policy lets
     * the regional logs service use it; limited to log groups of this account and region. A no-op
     * for an imported key, whose policy its owner must set.
     */
    public static void allowCloudWatchLogs(IKey key, IConstruct scope) {
        Stack stack = Stack.of(scope);
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchLogs")
                .principals(List.of(new ServicePrincipal("logs." + stack.getRegion() + ".amazonaws.com")))
                // what AWS's documented kms:Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey*, Describe* expand
                // to on a key, named: a wildcard would also grant actions KMS adds later
                .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey",
                        "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext",
                        "kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        stack.formatArn(ArnComponents.builder()
                                .service("logs").resource("log-group").resourceName("*")
                                .arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()))))
                .build());
    }
}
