package dev.stratus.constructs.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The one topic every alarm of a stack notifies, unless its {@link AlarmPolicy} names another: an
 * SNS topic encrypted with a customer-managed key of its own (rotation on), SSL-only, that only
 * CloudWatch alarms of this account may publish to. Created under the stack with id
 * {@code AlarmTopic} by the first alarm that notifies; subscribe people or tools to
 * {@link #getTopic()} once the stack's constructs are built:
 *
 * <pre>{@code
 * AlarmTopic.find(stack).ifPresent(alarms -> alarms.getTopic().addSubscription(new EmailSubscription("oncall@example.com")));
 * }</pre>
 */
public class AlarmTopic extends Construct {
    /** The construct id of the stack's alarm topic. */
    public static final String ID = "AlarmTopic";

    private final Key key;
    private final Topic topic;

    private AlarmTopic(Stack stack) {
        super(stack, ID);
        ServicePrincipal cloudWatch = new ServicePrincipal("cloudwatch.amazonaws.com");
        Map<String, Object> fromThisAccount = Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount()));
        this.key = Key.Builder.create(this, "Key")
                .description("Encrypts the alarm notifications of " + stack.getStackName())
                .enableKeyRotation(true)
                .build();
        // publishing to an encrypted topic: CloudWatch needs a data key, and Decrypt to use it
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarms")
                .principals(List.of(cloudWatch))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .conditions(fromThisAccount)
                .build());
        this.topic = Topic.Builder.create(this, "Topic")
                .displayName("Alarms of " + stack.getStackName())
                .masterKey(key)
                .enforceSsl(true)
                .build();
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarms")
                .principals(List.of(cloudWatch))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(fromThisAccount)
                .build());
    }

    /** The alarm topic of {@code stack}, created on first use. */
    public static AlarmTopic of(Stack stack) {
        return find(stack).orElseGet(() -> new AlarmTopic(stack));
    }

    /** The alarm topic of {@code stack}, if an alarm created it. */
    public static Optional<AlarmTopic> find(Stack stack) {
        return stack.getNode().tryFindChild(ID) instanceof AlarmTopic topic ? Optional.of(topic) : Optional.empty();
    }

    /** The topic: subscribe to it. */
    public Topic getTopic() {
        return topic;
    }

    /** The key that encrypts the notifications. */
    public Key getKey() {
        return key;
    }
}
