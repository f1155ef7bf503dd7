package dev.stratus.constructs.internal;

import java.util.List;

import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * Grants with exact actions. The L2 helpers add {@code kms:ReEncrypt*} and
 * {@code kms:GenerateDataKey*} action wildcards that the work does not need.
 *
 * <p>Internal: not part of the public API.
 */
public final class Grants {
    private Grants() {
    }

    /** Read data protected by {@code key}. */
    public static Grant decrypt(IKey key, IGrantable grantee) {
        return key.grant(grantee, "kms:Decrypt");
    }

    /** Read and write data protected by {@code key}. */
    public static Grant encryptDecrypt(IKey key, IGrantable grantee) {
        return key.grant(grantee, "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
    }

    /**
     * Send messages to {@code queue}; with SSE-KMS the sender needs {@code kms:GenerateDataKey}
     * and {@code kms:Decrypt} on the queue's key.
     */
    public static Grant sendMessages(IQueue queue, IGrantable grantee) {
        IKey key = queue.getEncryptionMasterKey();
        if (key != null) {
            key.grant(grantee, "kms:GenerateDataKey", "kms:Decrypt");
        }
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("sqs:SendMessage"))
                .resourceArns(List.of(queue.getQueueArn()))
                .build());
    }
}
