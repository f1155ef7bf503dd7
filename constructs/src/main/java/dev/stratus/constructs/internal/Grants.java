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

    /**
     * Move the messages of {@code deadLetterQueue} back to {@code queue} ({@code aws sqs
     * start-message-move-task}), or by hand: start, list and cancel move tasks on the DLQ, receive and
     * delete its messages, send to the queue, and use {@code key} (both queues' key) for that.
     */
    public static Grant redrive(IGrantable grantee, IKey key, IQueue deadLetterQueue, IQueue queue) {
        key.grant(grantee, "kms:Decrypt", "kms:GenerateDataKey");
        Grant fromDlq = Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks", "sqs:CancelMessageMoveTask",
                        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"))
                .resourceArns(List.of(deadLetterQueue.getQueueArn()))
                .build());
        return fromDlq.combine(Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("sqs:SendMessage"))
                .resourceArns(List.of(queue.getQueueArn()))
                .build()));
    }
}
