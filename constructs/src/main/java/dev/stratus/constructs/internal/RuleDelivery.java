package dev.stratus.constructs.internal;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * What every rule target of the constructs shares: EventBridge may send to the target's queues
 * (the target queue and/or its DLQ) only for this rule ({@code aws:SourceArn}), may use their key
 * only from this account ({@code aws:SourceAccount}: the rule's ARN on the key would close a cycle),
 * and the target retries, then dead-letters, what it could not deliver. Used by {@link QueueTarget}
 * and the workflow's start target.
 *
 * <p>Internal: not part of the public API.
 */
public final class RuleDelivery {
    private static final ServicePrincipal EVENTS = new ServicePrincipal("events.amazonaws.com");

    private RuleDelivery() {
    }

    /** Lets {@code rule} (and no other) send to each of {@code queues}, and this account's EventBridge use {@code key}. */
    public static void allow(IRuleRef rule, IKey key, List<IQueue> queues) {
        Map<String, Object> fromThisRule = Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getRuleRef().getRuleArn()));
        for (IQueue queue : queues) {
            queue.addToResourcePolicy(PolicyStatement.Builder.create()
                    .principals(List.of(EVENTS))
                    .actions(List.of("sqs:SendMessage"))
                    .resources(List.of(queue.getQueueArn()))
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
    }

    /** {@code target} with its retry policy and the DLQ for what is still undelivered after it. */
    public static RuleTargetConfig.Builder retriesThenDeadLetter(RuleTargetConfig.Builder target, IQueue deadLetterQueue,
                                                                 Number retryAttempts, Duration maxEventAge) {
        return target
                .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(deadLetterQueue.getQueueArn()).build())
                .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                        .maximumRetryAttempts(retryAttempts)
                        .maximumEventAgeInSeconds(maxEventAge.toSeconds())
                        .build());
    }
}
