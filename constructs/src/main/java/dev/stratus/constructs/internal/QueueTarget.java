package dev.stratus.constructs.internal;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * A rule target delivering to a KMS-encrypted queue, with a delivery DLQ and retries, granting
 * EventBridge exactly what delivery needs. The CDK's {@code SqsQueue} target grants, for an
 * encrypted queue, {@code sqs:SendMessage}, {@code GetQueueAttributes}, {@code GetQueueUrl} and the
 * key's {@code kms:ReEncrypt*}/{@code kms:GenerateDataKey*} to {@code events.amazonaws.com} without
 * any condition (unless an app sets a feature flag), so any account's rule could use them. Here
 * the queues accept only this rule ({@code aws:SourceArn}) and the key only this account's
 * EventBridge ({@code aws:SourceArn} on the key would close a cycle: key, bus, rule, key).
 * Used by EventDrivenService and FileIngest.
 *
 * <p>Internal: not part of the public API.
 */
public final class QueueTarget implements IRuleTarget {
    private final IQueue queue;
    private final IQueue deliveryDlq;
    private final IKey key;
    private final Number retryAttempts;
    private final Duration maxEventAge;

    public QueueTarget(IQueue queue, IQueue deliveryDlq, IKey key, Number retryAttempts, Duration maxEventAge) {
        this.queue = queue;
        this.deliveryDlq = deliveryDlq;
        this.key = key;
        this.retryAttempts = retryAttempts;
        this.maxEventAge = maxEventAge;
    }

    @Override
    public RuleTargetConfig bind(IRuleRef rule) {
        return bind(rule, null);
    }

    @Override
    public RuleTargetConfig bind(IRuleRef rule, String id) {
        RuleDelivery.allow(rule, key, List.of(queue, deliveryDlq));
        return RuleDelivery.retriesThenDeadLetter(RuleTargetConfig.builder().arn(queue.getQueueArn()).targetResource(queue),
                deliveryDlq, retryAttempts, maxEventAge).build();
    }
}
