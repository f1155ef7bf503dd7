package dev.stratus.constructs.internal;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
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
    private static final ServicePrincipal EVENTS = new ServicePrincipal("events.amazonaws.com");

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
        Map<String, Object> fromThisRule = Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getRuleRef().getRuleArn()));
        for (IQueue target : List.of(queue, deliveryDlq)) {
            target.addToResourcePolicy(PolicyStatement.Builder.create()
                    .principals(List.of(EVENTS))
                    .actions(List.of("sqs:SendMessage"))
                    .resources(List.of(target.getQueueArn()))
                    .conditions(fromThisRule)
                    .build());
        }
        // SSE-KMS: the sender needs a data key and, to send, Decrypt; identical statements are merged
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(EVENTS))
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(rule).getAccount())))
                .build());
        return RuleTargetConfig.builder()
                .arn(queue.getQueueArn())
                .targetResource(queue)
                .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(deliveryDlq.getQueueArn()).build())
                .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                        .maximumRetryAttempts(retryAttempts)
                        .maximumEventAgeInSeconds(maxEventAge.toSeconds())
                        .build())
                .build();
    }
}
