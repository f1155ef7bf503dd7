package dev.stratus.constructs.workflow;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * A rule target that starts the workflow through a role, with retries and an encrypted DLQ for
 * events it could not start with. The CDK's {@code SfnStateMachine} target would do the same but
 * grant EventBridge the DLQ's key without a condition; here the DLQ accepts only this rule
 * ({@code aws:SourceArn}) and the key only this account's EventBridge.
 */
final class StartExecutionTarget implements IRuleTarget {
    private static final ServicePrincipal EVENTS = new ServicePrincipal("events.amazonaws.com");

    private final String stateMachineArn;
    private final IRole role;
    private final IQueue deadLetterQueue;
    private final IKey key;
    private final Number retryAttempts;
    private final Duration maxEventAge;

    StartExecutionTarget(String stateMachineArn, IRole role, IQueue deadLetterQueue, IKey key, Number retryAttempts,
            Duration maxEventAge) {
        this.stateMachineArn = stateMachineArn;
        this.role = role;
        this.deadLetterQueue = deadLetterQueue;
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
        deadLetterQueue.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(EVENTS))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetterQueue.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", rule.getRuleRef().getRuleArn())))
                .build());
        // SSE-KMS: sending takes a data key and Decrypt; the same statement as EventDrivenService's, merged if both
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(EVENTS))
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(rule).getAccount())))
                .build());
        return RuleTargetConfig.builder()
                .arn(stateMachineArn)
                .role(role)
                .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(deadLetterQueue.getQueueArn()).build())
                .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                        .maximumRetryAttempts(retryAttempts)
                        .maximumEventAgeInSeconds(maxEventAge.toSeconds())
                        .build())
                .build();
    }
}
