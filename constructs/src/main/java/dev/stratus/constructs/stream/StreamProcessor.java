package dev.stratus.constructs.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.AlarmFactory.Spec;
import dev.stratus.constructs.internal.Grants;
import dev.stratus.constructs.internal.NagSuppressions;
import dev.stratus.constructs.internal.Widgets;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.Monitored;
import dev.stratus.constructs.table.SecureTable;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.DlqDestinationConfig;
import software.amazon.awscdk.services.lambda.EventSourceMapping;
import software.amazon.awscdk.services.lambda.IEventSourceDlq;
import software.amazon.awscdk.services.lambda.IEventSourceMapping;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Data stream → function: a SecureTable's DynamoDB stream, or a Kinesis data stream, read by a
 * function's {@code live} alias through an event source mapping with bounded retries, bisection,
 * partial batch failures and an encrypted on-failure queue.
 *
 * <p>It creates: for Kinesis without a given stream, an on-demand stream encrypted with a
 * customer-managed key; the failure queue (KMS, SSL-only) unless one is given; the mapping; the
 * read grants on that one stream (and {@code kms:Decrypt} on its key only); alarms on iterator age,
 * failure-queue depth and function errors.
 *
 * <pre>{@code
 * StreamProcessor stats = StreamProcessor.Builder.create(this, "OrderStats")
 *         .table(orders)                 // built with stream(StreamViewType.NEW_AND_OLD_IMAGES)
 *         .function(statsFunction)       // its live alias
 *         .batchSize(100)
 *         .build();
 * }</pre>
 */
public class StreamProcessor extends Construct implements Monitored {
    /** DynamoDB Streams actions on the one stream (the mapping's reads). */
    static final List<String> DYNAMODB_STREAM_ACTIONS = List.of("dynamodb:DescribeStream", "dynamodb:GetRecords",
            "dynamodb:GetShardIterator");
    /** Kinesis actions on the one stream that a standard (not enhanced fan-out) mapping needs. */
    static final List<String> KINESIS_STREAM_ACTIONS = List.of("kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
            "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards");
    static final String LIST_STREAMS_REASON = "Lambda checks ListStreams when it creates a DynamoDB stream's event "
            + "source mapping; ListStreams is authorized on the table's stream/* resource (as in the DynamoDB Developer Guide's "
            + "policy for Lambda), so the grant is limited to the streams of this one table, not '*' as CDK's DynamoEventSource grants";

    private final SecureTable table;
    private final IStream kinesisStream;
    private final IFunction function;
    private final IKey key;
    private final IQueue failureQueue;
    private final EventSourceMapping mapping;
    private final String eventSourceArn;
    private final AlarmFactory alarms;

    /**
     * Creates the StreamProcessor and everything it owns in {@code scope} under {@code id}.
     * @param scope the parent construct
     * @param id this construct's id, part of every child's logical id
     * @param props the props; invalid ones fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range
     */
    public StreamProcessor(Construct scope, String id, StreamProcessorProps props) {
        super(scope, id);
        StreamProcessorValidation.validate(id, props, props.table() == null ? List.of() : readersOf(props.table()));
        this.table = props.table();
        this.function = props.function();
        boolean dynamo = table != null;
        boolean createsStream = !dynamo && props.kinesisStream() == null;
        boolean needsKey = createsStream || props.onFailureQueue() == null;
        this.key = props.encryptionKey() != null || !needsKey ? props.encryptionKey() : Key.Builder.create(this, "Key")
                .description("Encrypts the stream and failure queue of " + getNode().getPath())
                .enableKeyRotation(true)
                .build();
        this.kinesisStream = dynamo ? null : props.kinesisStream() != null ? props.kinesisStream() : Stream.Builder.create(this, "Stream")
                .streamMode(StreamMode.ON_DEMAND)
                .encryption(StreamEncryption.KMS)
                .encryptionKey(key)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        if (kinesisStream instanceof Stream created) {
            NagSuppressions.suppress((CfnResource) created.getNode().getDefaultChild(), "AwsSolutions-KDS3",
                    "The stream is encrypted with a customer-managed key on purpose: its use is logged and limited by the key "
                            + "policy, it can be disabled, and it rotates; the aws/kinesis key allows none of this");
        }
        this.eventSourceArn = dynamo ? table.getTableStreamArn() : kinesisStream.getStreamArn();

        if (props.onFailureQueue() != null) {
            this.failureQueue = props.onFailureQueue();
        } else {
            Queue queue = Queue.Builder.create(this, "FailureQueue")
                    .encryption(QueueEncryption.KMS)
                    .encryptionMasterKey(key)
                    .enforceSsl(true)
                    .retentionPeriod(Defaults.FAILURE_QUEUE_RETENTION)
                    .build();
            NagSuppressions.suppressDeadLetterQueue((CfnResource) queue.getNode().getDefaultChild(),
                    "the shard, sequence numbers and reason of the stream records " + id + " gave up on");
            this.failureQueue = queue;
        }

        List<Grant> grants = new ArrayList<>(grantRead(dynamo));
        grants.add(Grants.sendMessages(failureQueue, function));
        this.mapping = EventSourceMapping.Builder.create(this, "Mapping")
                .target(function)
                .eventSourceArn(eventSourceArn)
                .startingPosition(props.startingPosition())
                .startingPositionTimestamp(props.startingPositionTimestamp())
                .batchSize(props.batchSize())
                .maxBatchingWindow(props.maxBatchingWindow())
                .bisectBatchOnError(props.bisectBatchOnError())
                .retryAttempts(props.retryAttempts())
                .maxRecordAge(props.maxRecordAge())
                .reportBatchItemFailures(props.reportBatchItemFailures())
                .parallelizationFactor(props.parallelizationFactor())
                .filters(props.filters().isEmpty() ? null : props.filters())
                .onFailure(new FailureQueueDestination(failureQueue))
                .build();
        // Lambda checks the role's permissions when it creates the mapping
        grants.forEach(grant -> grant.applyBefore(mapping));

        this.alarms = new AlarmFactory(this, AlarmPolicy.resolve(this, props.alarms()));
        addAlarms();
    }

    /** The alarms of the README's "Alarms" table; a stream with no traffic reports no data, which is no failure. */
    private void addAlarms() {
        alarms.add(Spec.atLeast(Defaults.ALARM_ITERATOR_AGE, metricIteratorAge(), Defaults.ITERATOR_AGE_ALARM_THRESHOLD.toMilliseconds().doubleValue(),
                TreatMissingData.NOT_BREACHING, "ms", "The processor falls behind its stream: the last record of a batch was older "
                        + "than the threshold when the function got it (records near the stream's retention are lost)")
                .periods(Defaults.ITERATOR_AGE_ALARM_PERIODS, Defaults.ITERATOR_AGE_ALARM_PERIODS));
        alarms.add(Spec.atLeast(Defaults.ALARM_FAILURE_QUEUE, metricFailureQueueDepth(), 1, TreatMissingData.NOT_BREACHING, "records",
                "Stream records the processor gave up on (after its retries or by age) wait in its failure queue: each message "
                        + "names the shard and sequence numbers to read again"));
        // a SecureFunction alarms on the errors of its live alias itself: a second alarm would page twice
        if (!(function.getNode().getScope() instanceof SecureFunction)) {
            alarms.add(Spec.atLeast(Defaults.ALARM_ERRORS, metricErrors(), 1, TreatMissingData.NOT_BREACHING, "errors",
                    "The function failed whole invocations (a thrown error, a timeout): the batch is retried, then bisected"));
        }
    }

    /** The processors already built on {@code table}'s stream, anywhere in the app (paths). */
    private List<String> readersOf(SecureTable source) {
        List<String> readers = new ArrayList<>();
        for (IConstruct c : getNode().getRoot().getNode().findAll()) {
            if (c != this && c instanceof StreamProcessor other && other.table == source) {
                readers.add(other.getNode().getPath());
            }
        }
        return readers;
    }

    /** Read actions on this stream only, and decrypt with its key only. */
    private List<Grant> grantRead(boolean dynamo) {
        List<Grant> grants = new ArrayList<>();
        if (dynamo) {
            grants.add(Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(function)
                    .actions(DYNAMODB_STREAM_ACTIONS).resourceArns(List.of(eventSourceArn)).build()));
            String tableStreams = table.getTableArn() + "/stream/*";
            grants.add(Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(function)
                    .actions(List.of("dynamodb:ListStreams")).resourceArns(List.of(tableStreams)).build()));
            grants.add(Grants.decrypt(table.getKey(), function));
            IRole role = function.getRole();
            IConstruct policy = role == null ? null : role.getNode().tryFindChild("DefaultPolicy");
            if (policy != null && policy.getNode().getDefaultChild() instanceof CfnResource cfn) {
                NagSuppressions.suppress(cfn, "AwsSolutions-IAM5", LIST_STREAMS_REASON, NagSuppressions.resourceFinding(cfn, tableStreams));
            }
        } else {
            grants.add(Grant.addToPrincipal(GrantOnPrincipalOptions.builder().grantee(function)
                    .actions(KINESIS_STREAM_ACTIONS).resourceArns(List.of(eventSourceArn)).build()));
            if (kinesisStream.getEncryptionKey() != null) {
                grants.add(Grants.decrypt(kinesisStream.getEncryptionKey(), function));
            }
        }
        return grants;
    }

    /** The on-failure destination without the L2 {@code SqsDlq}'s grant ({@code kms:ReEncrypt*}, {@code kms:GenerateDataKey*}). */
    private static final class FailureQueueDestination implements IEventSourceDlq {
        private final IQueue queue;

        FailureQueueDestination(IQueue queue) {
            this.queue = queue;
        }

        @Override
        public DlqDestinationConfig bind(IEventSourceMapping target, IFunction targetHandler) {
            return DlqDestinationConfig.builder().destination(queue.getQueueArn()).build();
        }
    }

    private static final MetricOptions MAXIMUM_PER_MINUTE = MetricOptions.builder().statistic("Maximum").period(Duration.minutes(1)).build();

    /**
     * Age of the last record of each batch when the function got it (milliseconds, maximum over 1
     * minute): growing, the processor falls behind the stream and records near its retention are lost.
     */
    public Metric metricIteratorAge() {
        return function.metric("IteratorAge", MAXIMUM_PER_MINUTE);
    }

    /** Records given up on that wait in the failure queue (maximum over 5 minutes): anything above 0 needs a look. */
    public Metric metricFailureQueueDepth() {
        return failureQueue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder().statistic("Maximum").build());
    }

    /** Invocations of the function that failed as a whole (sum over 5 minutes). */
    public Metric metricErrors() {
        return function.metricErrors(MetricOptions.builder().statistic("Sum").build());
    }

    /** The table whose stream is read, for a DynamoDB source. */
    public Optional<SecureTable> getTable() {
        return Optional.ofNullable(table);
    }

    /** The Kinesis stream read (created, a {@code Stream}, or {@code kinesisStream}), for a Kinesis source. */
    public Optional<IStream> getKinesisStream() {
        return Optional.ofNullable(kinesisStream);
    }

    /** The ARN of the stream the mapping reads. */
    public String getEventSourceArn() {
        return eventSourceArn;
    }

    /** The function the mapping invokes (a SecureFunction's live alias, or the function as given). */
    public IFunction getFunction() {
        return function;
    }

    /** The key of the created stream and failure queue: the one created, or {@code encryptionKey}; empty when nothing needed one. */
    public Optional<IKey> getKey() {
        return Optional.ofNullable(key);
    }

    /** Where Lambda sends what it gave up on: the queue created (a {@code Queue}), or {@code onFailureQueue}. */
    public IQueue getFailureQueue() {
        return failureQueue;
    }

    /** The event source mapping; {@code getNode().getDefaultChild()} is its {@code CfnEventSourceMapping}. */
    public EventSourceMapping getMapping() {
        return mapping;
    }

    /** The alarms (README: "Alarms"), in the order IteratorAge, FailureQueue, Errors, less those the policy leaves out. */
    @Override
    public List<Alarm> getAlarms() {
        return alarms.alarms();
    }

    /** Iterator age against its alarm's threshold, records given up on, and the function's invocations and errors. */
    @Override
    public List<IWidget> dashboardWidgets() {
        return List.of(
                Widgets.heading("Stream processor", this),
                Widgets.graph("Iterator age (ms, maximum)", 8, List.of(metricIteratorAge())),
                Widgets.graph("Records in the failure queue", 8, List.of(metricFailureQueueDepth())),
                Widgets.graph("Invocations and errors", 8, List.of(function.metricInvocations(), metricErrors())));
    }

    /** A fluent builder in the style of the CDK's own constructs. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final StreamProcessorProps.Builder props = StreamProcessorProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /** Starts a {@link StreamProcessor} named {@code id} in {@code scope}; set its props, then {@link #build()}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Sets {@link StreamProcessorProps#table()} (meaning and default there). */
        public Builder table(SecureTable table) {
            props.table(table);
            return this;
        }

        /** Sets {@link StreamProcessorProps#kinesisStream()} (meaning and default there). */
        public Builder kinesisStream(IStream stream) {
            props.kinesisStream(stream);
            return this;
        }

        /** Sets {@link StreamProcessorProps#function()} (meaning and default there). */
        public Builder function(SecureFunction function) {
            props.function(function);
            return this;
        }

        /** Sets {@link StreamProcessorProps#function()} (meaning and default there). */
        public Builder function(IFunction function) {
            props.function(function);
            return this;
        }

        /** Sets {@link StreamProcessorProps#startingPosition()} (meaning and default there). */
        public Builder startingPosition(StartingPosition position) {
            props.startingPosition(position);
            return this;
        }

        /** Sets {@link StreamProcessorProps#startingPositionTimestamp()} (meaning and default there). */
        public Builder startingPositionTimestamp(Number epochSeconds) {
            props.startingPositionTimestamp(epochSeconds);
            return this;
        }

        /** Sets {@link StreamProcessorProps#batchSize()} (meaning and default there). */
        public Builder batchSize(Number size) {
            props.batchSize(size);
            return this;
        }

        /** Sets {@link StreamProcessorProps#maxBatchingWindow()} (meaning and default there). */
        public Builder maxBatchingWindow(Duration window) {
            props.maxBatchingWindow(window);
            return this;
        }

        /** Sets {@link StreamProcessorProps#bisectBatchOnError()} (meaning and default there). */
        public Builder bisectBatchOnError(Boolean bisect) {
            props.bisectBatchOnError(bisect);
            return this;
        }

        /** Sets {@link StreamProcessorProps#retryAttempts()} (meaning and default there). */
        public Builder retryAttempts(Number attempts) {
            props.retryAttempts(attempts);
            return this;
        }

        /** Sets {@link StreamProcessorProps#maxRecordAge()} (meaning and default there). */
        public Builder maxRecordAge(Duration age) {
            props.maxRecordAge(age);
            return this;
        }

        /** Sets {@link StreamProcessorProps#reportBatchItemFailures()} (meaning and default there). */
        public Builder reportBatchItemFailures(Boolean report) {
            props.reportBatchItemFailures(report);
            return this;
        }

        /** Sets {@link StreamProcessorProps#parallelizationFactor()} (meaning and default there). */
        public Builder parallelizationFactor(Number factor) {
            props.parallelizationFactor(factor);
            return this;
        }

        /** Sets the prop of this name: see {@link StreamProcessorProps.Builder} for its meaning and default. */
        public Builder filter(Map<String, Object> filter) {
            props.filter(filter);
            return this;
        }

        /** Sets {@link StreamProcessorProps#onFailureQueue()} (meaning and default there). */
        public Builder onFailureQueue(IQueue queue) {
            props.onFailureQueue(queue);
            return this;
        }

        /** Sets {@link StreamProcessorProps#encryptionKey()} (meaning and default there). */
        public Builder encryptionKey(IKey key) {
            props.encryptionKey(key);
            return this;
        }

        public Builder alarms(AlarmPolicy alarms) {
            props.alarms(alarms);
            return this;
        }

        /** Creates the {@link StreamProcessor}; invalid props fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range. */
        public StreamProcessor build() {
            return new StreamProcessor(scope, id, props.build());
        }
    }
}
