package dev.stratus.constructs.events;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.AlarmFactory.Spec;
import dev.stratus.constructs.internal.Grants;
import dev.stratus.constructs.internal.NagSuppressions;
import dev.stratus.constructs.internal.Widgets;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.Monitored;
import dev.stratus.constructs.internal.QueueTarget;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.BaseArchiveProps;
import software.amazon.awscdk.services.events.CfnArchive;
import software.amazon.awscdk.services.events.CfnEventBus;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * A place for producers to publish, and for each consumer its own buffered, retried, observable
 * path where nothing is lost.
 *
 * <p>It creates: a KMS-encrypted EventBridge bus with an archive for replay (or an SNS topic,
 * standard or FIFO, SSL-only); per consumer a KMS-encrypted, SSL-only queue with a DLQ and a redrive
 * policy, an event source mapping on the function's {@code live} alias that reports partial batch
 * failures, and a rule target (or subscription) with retries and its own DLQ, so that an event that
 * cannot even reach the queue is kept.
 *
 * <pre>{@code
 * EventDrivenService events = EventDrivenService.Builder.create(this, "UserEvents")
 *         .consumer(EventConsumer.of("SendWelcomeEmail", welcome).eventPattern(userCreated))
 *         .consumer(EventConsumer.of("CreateUserProfile", profiles).eventPattern(userCreated))
 *         .build();
 * events.grantPublish(usersService);
 * }</pre>
 */
public class EventDrivenService extends Construct implements Monitored {
    private EventDrivenServiceProps props;
    private final IKey key;
    private final IEventBus bus;
    private final Archive archive;
    private final Topic topic;
    private final Map<String, Built> consumers = new LinkedHashMap<>();
    private final AlarmFactory alarms;

    /** What one consumer got. */
    private record Built(Queue queue, Queue deadLetterQueue, Queue deliveryDeadLetterQueue, Rule rule, Subscription subscription) {
    }

    /**
     * Creates the EventDrivenService and everything it owns in {@code scope} under {@code id}.
     * @param scope the parent construct
     * @param id this construct's id, part of every child's logical id
     * @param props the props; invalid ones fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range
     */
    public EventDrivenService(Construct scope, String id, EventDrivenServiceProps props) {
        super(scope, id);
        EventDrivenServiceValidation.validate(id, props);
        this.props = props;
        this.key = props.encryptionKey() != null ? props.encryptionKey() : Key.Builder.create(this, "Key")
                .description("Encrypts the events, archive and queues of " + getNode().getPath())
                .enableKeyRotation(true)
                .build();
        if (props.source() == SourceType.EVENT_BRIDGE) {
            this.bus = props.existingEventBus() != null ? props.existingEventBus()
                    : EventBus.Builder.create(this, "Bus").kmsKey(key).description("Events of " + getNode().getPath()).build();
            this.topic = null;
            this.archive = bus.archive("Archive", BaseArchiveProps.builder()
                    .description("Replayable copy of every event on " + getNode().getPath())
                    .eventPattern(EventPattern.builder().account(List.of(Stack.of(this).getAccount())).build())
                    .retention(props.archiveRetention())
                    .build());
            encryptArchive(archive, bus);
        } else {
            boolean fifo = props.source() == SourceType.SNS_FIFO;
            this.bus = null;
            this.archive = null;
            this.topic = Topic.Builder.create(this, "Topic")
                    .masterKey(key)
                    .enforceSsl(true)
                    .fifo(fifo ? true : null)
                    .contentBasedDeduplication(fifo ? true : null)
                    .build();
        }
        this.alarms = new AlarmFactory(this, AlarmPolicy.resolve(this, props.alarms()));
        for (EventConsumer consumer : props.consumers()) {
            build(consumer);
        }
    }

    /**
     * The archive holds every event for its retention: encrypted with the service's key, not an
     * AWS-owned one. Set on the resource with exact key permissions; the L2's kmsKey prop would grant
     * EventBridge {@code kms:ReEncrypt*}, and {@code kms:DescribeKey} without a condition.
     */
    private void encryptArchive(Archive archive, IEventBus bus) {
        ((CfnArchive) archive.getNode().getDefaultChild()).setKmsKeyIdentifier(key.getKeyArn());
        ServicePrincipal events = new ServicePrincipal("events.amazonaws.com");
        // an owned bus's ARN built from its name, not its attribute: the key must not depend on the bus it encrypts
        String busArn = bus instanceof EventBus owned ? Stack.of(this).formatArn(ArnComponents.builder()
                .service("events").resource("event-bus")
                .resourceName(((CfnEventBus) owned.getNode().getDefaultChild()).getName())
                .build()) : bus.getEventBusArn();
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowEventBridgeArchive")
                .principals(List.of(events))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("kms:EncryptionContext:aws:events:event-bus:arn", busArn)))
                .build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowEventBridgeDescribeKey")
                .principals(List.of(events))
                .actions(List.of("kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
    }

    /**
     * Adds a consumer after construction, as {@code Topic.addSubscription} does: its queue, DLQ,
     * delivery DLQ, rule or subscription and event source mapping. Validated with the consumers
     * already there (a taken name is refused like any other bad prop).
     */
    public void addConsumer(EventConsumer consumer) {
        EventDrivenServiceProps next = props.toBuilder().consumer(consumer).build();
        EventDrivenServiceValidation.validate(getNode().getId(), next);
        props = next;
        build(consumer);
    }

    private void build(EventConsumer consumer) {
        String name = consumer.name();
        boolean fifo = consumer.isFifo();
        Queue dlq = queue(name + "Dlq", fifo, Defaults.DLQ_RETENTION).build();
        NagSuppressions.suppressDeadLetterQueue((CfnResource) dlq.getNode().getDefaultChild(),
                "messages consumer " + name + " failed " + consumer.maxReceiveCount() + " times");
        Queue queue = queue(name + "Queue", fifo, consumer.retentionPeriod())
                .visibilityTimeout(consumer.effectiveVisibilityTimeout())
                .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(consumer.maxReceiveCount()).build())
                .build();
        Queue deliveryDlq = queue(name + "DeliveryDlq", fifo, Defaults.DLQ_RETENTION).build();
        NagSuppressions.suppressDeadLetterQueue((CfnResource) deliveryDlq.getNode().getDefaultChild(),
                "events that could not be delivered to consumer " + name + "'s queue");

        Rule rule = null;
        Subscription subscription = null;
        if (bus != null) {
            rule = Rule.Builder.create(this, name + "Rule")
                    .eventBus(bus)
                    .eventPattern(consumer.eventPattern())
                    .description("Routes events to consumer " + name)
                    .targets(List.of(new QueueTarget(queue, deliveryDlq, key, props.deliveryRetryAttempts(),
                            props.deliveryMaxEventAge())))
                    .build();
        } else {
            subscription = topic.addSubscription(SqsSubscription.Builder.create(queue)
                    .rawMessageDelivery(true)
                    .filterPolicy(consumer.filterPolicy())
                    .deadLetterQueue(deliveryDlq)
                    .build());
        }
        consumers.put(name, new Built(queue, dlq, deliveryDlq, rule, subscription));
        addAlarms(consumer, queue, dlq, deliveryDlq);

        IFunction function = consumer.function();
        Set<String> before = new HashSet<>();
        function.getNode().getChildren().forEach(c -> before.add(c.getNode().getId()));
        function.addEventSource(new SqsEventSource(queue, SqsEventSourceProps.builder()
                .batchSize(consumer.batchSize())
                .maxBatchingWindow(consumer.maxBatchingWindow())
                .maxConcurrency(consumer.maxConcurrency())
                .reportBatchItemFailures(true)
                .build()));
        for (IConstruct child : function.getNode().getChildren()) {
            if (!before.contains(child.getNode().getId()) && child.getNode().getDefaultChild() instanceof CfnResource mapping) {
                NagSuppressions.suppress(mapping, "Serverless-LambdaEventSourceMappingDestination",
                        "Lambda supports no on-failure destination for SQS event sources; a failed message returns to the "
                                + "queue and moves to its DLQ after maxReceiveCount (the redrive policy)");
            }
        }
    }

    /** The consumer's alarms (README: "Alarms"), by its own policy or the service's. */
    private void addAlarms(EventConsumer consumer, Queue queue, Queue dlq, Queue deliveryDlq) {
        AlarmFactory factory = alarms.forPolicy(consumer.alarms());
        String name = consumer.name();
        factory.add(name, Spec.atLeast(Defaults.ALARM_OLDEST_MESSAGE_AGE, metricOldestMessageAge(name),
                oldestMessageAgeThreshold(consumer), TreatMissingData.NOT_BREACHING, "s",
                "Consumer " + name + " falls behind: its oldest message waits longer than its retries could take (a stopped, "
                        + "throttled or failing consumer); an idle empty queue stops reporting, hence missing data is fine"));
        factory.add(name, Spec.atLeast(Defaults.ALARM_DEAD_LETTER_QUEUE, metricDeadLetterDepth(name), 1,
                TreatMissingData.NOT_BREACHING, "messages", "Messages consumer " + name + " failed " + consumer.maxReceiveCount()
                        + " times wait in its DLQ: fix the cause, then redrive them (redriveCommand)"));
        factory.add(name, Spec.atLeast(Defaults.ALARM_DELIVERY_DEAD_LETTER_QUEUE, metricDeliveryDeadLetterDepth(name), 1,
                TreatMissingData.NOT_BREACHING, "messages", "Events that could not reach consumer " + name
                        + "'s queue at all (a queue or key policy that refuses the bus or topic) wait in its delivery DLQ"));
    }

    /** max(15 minutes, maxReceiveCount × visibility timeout), in seconds: older than that, a message is waiting, not retried. */
    private static double oldestMessageAgeThreshold(EventConsumer consumer) {
        double floor = Defaults.MIN_OLDEST_MESSAGE_AGE.toSeconds().doubleValue();
        Duration visibility = consumer.effectiveVisibilityTimeout();
        if (visibility == null || visibility.isUnresolved() || software.amazon.awscdk.Token.isUnresolved(consumer.maxReceiveCount())) {
            return floor;
        }
        return Math.max(floor, visibility.toSeconds().doubleValue() * consumer.maxReceiveCount().doubleValue());
    }

    private Queue.Builder queue(String id, boolean fifo, Duration retention) {
        return Queue.Builder.create(this, id)
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .fifo(fifo ? true : null)
                .retentionPeriod(retention);
    }

    /** Lets {@code grantee} publish (PutEvents on the bus, or Publish on the topic) with the key use it needs. */
    public Grant grantPublish(IGrantable grantee) {
        key.grant(grantee, "kms:GenerateDataKey", "kms:Decrypt");
        if (bus != null) {
            return bus.grantPutEventsTo(grantee);
        }
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("sns:Publish"))
                .resourceArns(List.of(topic.getTopicArn()))
                .build());
    }

    /** The bus, for the EventBridge source: the one created, or {@code existingEventBus}. */
    public Optional<IEventBus> getEventBus() {
        return Optional.ofNullable(bus);
    }

    /** The bus's archive, for the EventBridge source. */
    public Optional<Archive> getArchive() {
        return Optional.ofNullable(archive);
    }

    /** The topic, for the SNS sources. */
    public Optional<Topic> getTopic() {
        return Optional.ofNullable(topic);
    }

    /** The key of the bus or topic, the archive and every queue: the one created, or {@code encryptionKey}. */
    public IKey getKey() {
        return key;
    }

    /** The names of the consumers, in the order they were added. */
    public List<String> getConsumerNames() {
        return List.copyOf(consumers.keySet());
    }

    /** The queue consumer {@code name} reads. */
    public Queue getQueue(String name) {
        return lookup(name).queue();
    }

    /** Where consumer {@code name}'s messages go after maxReceiveCount failed deliveries. */
    public Queue getDeadLetterQueue(String name) {
        return lookup(name).deadLetterQueue();
    }

    /** Where events go that could not be delivered to consumer {@code name}'s queue. */
    public Queue getDeliveryDeadLetterQueue(String name) {
        return lookup(name).deliveryDeadLetterQueue();
    }

    /** The rule routing events to consumer {@code name}'s queue, for the EventBridge source. */
    public Optional<Rule> getRule(String name) {
        return Optional.ofNullable(lookup(name).rule());
    }

    /** The subscription of consumer {@code name}'s queue to the topic, for the SNS sources. */
    public Optional<Subscription> getSubscription(String name) {
        return Optional.ofNullable(lookup(name).subscription());
    }

    /** Age of the oldest message waiting for consumer {@code name} (maximum over 5 minutes). */
    public Metric metricOldestMessageAge(String name) {
        return lookup(name).queue().metricApproximateAgeOfOldestMessage(MAXIMUM);
    }

    /** Messages in consumer {@code name}'s DLQ (maximum over 5 minutes): anything above 0 needs a look. */
    public Metric metricDeadLetterDepth(String name) {
        return lookup(name).deadLetterQueue().metricApproximateNumberOfMessagesVisible(MAXIMUM);
    }

    /**
     * Events in consumer {@code name}'s delivery DLQ (maximum over 5 minutes): events the bus or topic
     * could not deliver to the queue at all (a broken queue or key policy). Anything above 0 needs a look.
     */
    public Metric metricDeliveryDeadLetterDepth(String name) {
        return lookup(name).deliveryDeadLetterQueue().metricApproximateNumberOfMessagesVisible(MAXIMUM);
    }

    private static final MetricOptions MAXIMUM = MetricOptions.builder().statistic("Maximum").build();

    /**
     * The AWS CLI command that moves the messages of consumer {@code name}'s DLQ back to its queue
     * (SQS {@code StartMessageMoveTask}), once the cause of their failures is fixed; put it in a
     * {@code CfnOutput}. Its caller needs {@link #grantRedrive}. Events in the delivery DLQ never
     * reached the queue, so SQS cannot move them back: README, "Redriving failed work".
     */
    public String redriveCommand(String name) {
        Built built = lookup(name);
        return "aws sqs start-message-move-task --source-arn " + built.deadLetterQueue().getQueueArn()
                + " --destination-arn " + built.queue().getQueueArn();
    }

    /**
     * Lets {@code grantee} (an operator's role) run {@link #redriveCommand} for consumer {@code name}:
     * start, list and cancel message move tasks on its DLQ, read and delete the DLQ's messages and
     * send them to the consumer's queue, with the key use that takes.
     */
    public Grant grantRedrive(IGrantable grantee, String name) {
        Built built = lookup(name);
        return Grants.redrive(grantee, key, built.deadLetterQueue(), built.queue());
    }

    /** Every consumer's alarms (README: "Alarms"), in the order created. */
    @Override
    public List<Alarm> getAlarms() {
        return alarms.alarms();
    }

    /** Events matched and deliveries failed per rule (or topic deliveries); per consumer its queue, backlog age and DLQs. */
    @Override
    public List<IWidget> dashboardWidgets() {
        List<IWidget> widgets = new java.util.ArrayList<>();
        widgets.add(Widgets.heading("Events", this));
        if (bus != null) {
            List<IMetric> perRule = new java.util.ArrayList<>();
            consumers.forEach((name, built) -> {
                perRule.add(ruleMetric(built.rule(), "MatchedEvents", name + " matched"));
                perRule.add(ruleMetric(built.rule(), "FailedInvocations", name + " failed deliveries"));
            });
            widgets.add(Widgets.graph("Events matched and failed deliveries per consumer", 24, perRule));
        } else {
            widgets.add(Widgets.graph("Topic: published and failed deliveries", 24, List.of(
                    topic.metricNumberOfMessagesPublished(), topic.metricNumberOfNotificationsFailed())));
        }
        consumers.forEach((name, built) -> {
            widgets.add(Widgets.graph(name + ": messages waiting and in flight", 8, List.of(
                    built.queue().metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum").label("waiting").build()),
                    built.queue().metricApproximateNumberOfMessagesNotVisible(MetricOptions.builder().statistic("Maximum").label("in flight").build()))));
            widgets.add(Widgets.graph(name + ": age of the oldest message (s)", 8, List.of(metricOldestMessageAge(name))));
            widgets.add(Widgets.graph(name + ": DLQ and delivery DLQ", 8, List.of(
                    built.deadLetterQueue().metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum").label("DLQ").build()),
                    built.deliveryDeadLetterQueue().metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum")
                            .label("delivery DLQ").build()))));
        });
        return widgets;
    }

    /** A rule's metric on this bus ({@code AWS/Events}, dimensions EventBusName and RuleName, sum over 5 minutes). */
    private Metric ruleMetric(Rule rule, String metricName, String label) {
        return Metric.Builder.create()
                .namespace("AWS/Events")
                .metricName(metricName)
                .dimensionsMap(new java.util.TreeMap<>(new java.util.TreeMap<>(Map.of("EventBusName", bus.getEventBusName(), "RuleName", rule.getRuleName()))))
                .statistic("Sum")
                .label(label)
                .build();
    }

    private Built lookup(String name) {
        Built built = consumers.get(name);
        if (built == null) {
            throw new IllegalArgumentException("no consumer named '" + name + "'; consumers are " + consumers.keySet());
        }
        return built;
    }

    /** A fluent builder in the style of the CDK's own constructs. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final EventDrivenServiceProps.Builder props = EventDrivenServiceProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /** Starts a {@link EventDrivenService} named {@code id} in {@code scope}; set its props, then {@link #build()}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Sets {@link EventDrivenServiceProps#source()} (meaning and default there). */
        public Builder source(SourceType source) {
            props.source(source);
            return this;
        }

        /** Sets {@link EventDrivenServiceProps#existingEventBus()} (meaning and default there). */
        public Builder existingEventBus(IEventBus bus) {
            props.existingEventBus(bus);
            return this;
        }

        /** Sets {@link EventDrivenServiceProps#archiveRetention()} (meaning and default there). */
        public Builder archiveRetention(Duration retention) {
            props.archiveRetention(retention);
            return this;
        }

        /** Sets {@link EventDrivenServiceProps#encryptionKey()} (meaning and default there). */
        public Builder encryptionKey(IKey key) {
            props.encryptionKey(key);
            return this;
        }

        /** Sets {@link EventDrivenServiceProps#deliveryRetryAttempts()} (meaning and default there). */
        public Builder deliveryRetryAttempts(Number attempts) {
            props.deliveryRetryAttempts(attempts);
            return this;
        }

        /** Sets {@link EventDrivenServiceProps#deliveryMaxEventAge()} (meaning and default there). */
        public Builder deliveryMaxEventAge(Duration age) {
            props.deliveryMaxEventAge(age);
            return this;
        }

        /** Sets the prop of this name: see {@link EventDrivenServiceProps.Builder} for its meaning and default. */
        public Builder consumer(EventConsumer consumer) {
            props.consumer(consumer);
            return this;
        }

        /** @see EventDrivenServiceProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            props.alarms(alarms);
            return this;
        }

        public EventDrivenService build() {
            return new EventDrivenService(scope, id, props.build());
        }
    }
}
