package dev.stratus.constructs.workflow;

import java.util.List;

import dev.stratus.constructs.internal.RuleDelivery;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.IQueue;

/**
 * A rule target that starts the workflow through a role, with retries and an encrypted DLQ for
 * events it could not start with. The CDK's {@code SfnStateMachine} target would do the same but
 * grant EventBridge the DLQ's key without a condition; here the DLQ accepts only this rule
 * ({@code aws:SourceArn}) and the key only this account's EventBridge.
 */
final class StartExecutionTarget implements IRuleTarget {
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
        // the same statements as EventDrivenService's, merged if both are on one key
        RuleDelivery.allow(rule, key, List.of(deadLetterQueue));
        return RuleDelivery.retriesThenDeadLetter(RuleTargetConfig.builder().arn(stateMachineArn).role(role),
                deadLetterQueue, retryAttempts, maxEventAge).build();
    }
}
