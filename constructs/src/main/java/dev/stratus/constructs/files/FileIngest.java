package dev.stratus.constructs.files;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.AlarmFactory.Spec;
import dev.stratus.constructs.internal.Grants;
import dev.stratus.constructs.internal.NagSuppressions;
import dev.stratus.constructs.internal.Widgets;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.Monitored;
import dev.stratus.constructs.internal.QueueTarget;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.events.EventPattern;
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
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * File upload → function: a bucket secure by default whose object-created events reach a function's
 * {@code live} alias through EventBridge and an encrypted queue with a DLQ.
 *
 * <p>It creates: a customer-managed key; the bucket (SSE-KMS with a bucket key, SSL-only, public
 * access blocked, ACLs disabled, versioned, noncurrent versions expiring, unfinished uploads
 * aborted, access logs, retained); an access-log bucket (SSE-S3: S3 cannot deliver access logs to
 * an SSE-KMS bucket); EventBridge notifications set on the bucket itself (no custom resource); a
 * rule on the default bus for the prefix/suffix; the queue, its DLQ and a delivery DLQ; the event
 * source mapping with partial batch failures; alarms on DLQ depth and queue age.
 *
 * <pre>{@code
 * FileIngest imports = FileIngest.Builder.create(this, "CatalogImport")
 *         .function(importFunction)
 *         .prefix("imports/").suffix(".csv")
 *         .build();
 * imports.grantRead(importFunction, "imports/");
 * imports.grantWrite(importFunction, "reports/");
 * imports.grantUpload(uploadSigner, "imports/");
 * }</pre>
 */
public class FileIngest extends Construct implements Monitored {
    /** S3's log delivery service. */
    private static final ServicePrincipal LOGGING = new ServicePrincipal("logging.s3.amazonaws.com");

    private final FileIngestProps props;
    private final IKey key;
    private final Bucket bucket;
    private final Bucket accessLogsBucket;
    private final Rule rule;
    private final Queue queue;
    private final Queue deadLetterQueue;
    private final Queue deliveryDeadLetterQueue;
    private final AlarmFactory alarms;

    /**
     * Creates the FileIngest and everything it owns in {@code scope} under {@code id}.
     * @param scope the parent construct
     * @param id this construct's id, part of every child's logical id
     * @param props the props; invalid ones fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range
     */
    public FileIngest(Construct scope, String id, FileIngestProps props) {
        super(scope, id);
        FileIngestValidation.validate(id, props);
        this.props = props;
        this.key = props.encryptionKey() != null ? props.encryptionKey() : Key.Builder.create(this, "Key")
                .description("Encrypts the files and file events of " + getNode().getPath())
                .enableKeyRotation(true)
                .build();

        this.accessLogsBucket = Bucket.Builder.create(this, "AccessLogsBucket")
                // S3 delivers server access logs only to a bucket encrypted with S3-managed keys
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .expiration(props.accessLogsExpiration())
                        .noncurrentVersionExpiration(Duration.days(1))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        suppressAccessLogBucketFindings((CfnResource) accessLogsBucket.getNode().getDefaultChild());

        this.bucket = Bucket.Builder.create(this, "Bucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .noncurrentVersionExpiration(props.noncurrentVersionExpiration())
                        .abortIncompleteMultipartUploadAfter(props.abortIncompleteUploadsAfter())
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        CfnBucket cfnBucket = (CfnBucket) bucket.getNode().getDefaultChild();
        // set on the bucket itself: the L2's eventBridgeEnabled adds a custom-resource function with a managed policy
        cfnBucket.setNotificationConfiguration(CfnBucket.NotificationConfigurationProperty.builder()
                .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder().eventBridgeEnabled(true).build())
                .build());
        // set here with a bucket-policy grant of our own: the L2's serverAccessLogsBucket falls back to an ACL
        // grant (which BUCKET_OWNER_ENFORCED refuses) unless the app sets a feature flag
        String logPrefix = "s3/" + bucketLogName() + "/";
        cfnBucket.setLoggingConfiguration(CfnBucket.LoggingConfigurationProperty.builder()
                .destinationBucketName(accessLogsBucket.getBucketName())
                .logFilePrefix(logPrefix)
                .build());
        accessLogsBucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowS3AccessLogsOf" + bucketLogName().replaceAll("[^A-Za-z0-9]", ""))
                .principals(List.of(LOGGING))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(accessLogsBucket.arnForObjects(logPrefix + "*")))
                .conditions(new java.util.TreeMap<>(Map.of(
                        "ArnLike", Map.of("aws:SourceArn", bucket.getBucketArn()),
                        "StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount()))))
                .build());

        this.deadLetterQueue = queue("Dlq", Defaults.DLQ_RETENTION).build();
        NagSuppressions.suppressDeadLetterQueue((CfnResource) deadLetterQueue.getNode().getDefaultChild(),
                "file events the function failed " + props.maxReceiveCount() + " times");
        this.deliveryDeadLetterQueue = queue("DeliveryDlq", Defaults.DLQ_RETENTION).build();
        NagSuppressions.suppressDeadLetterQueue((CfnResource) deliveryDeadLetterQueue.getNode().getDefaultChild(),
                "file events EventBridge could not deliver to the queue");
        this.queue = queue("Queue", Defaults.QUEUE_RETENTION)
                .visibilityTimeout(props.visibilityTimeout())
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetterQueue).maxReceiveCount(props.maxReceiveCount()).build())
                .build();

        this.rule = Rule.Builder.create(this, "Rule")
                .description("Object-created events of " + getNode().getPath() + " for keys " + props.prefix() + "*" + props.suffix())
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.s3"))
                        .detailType(List.of("Object Created"))
                        .detail(detail())
                        .build())
                .targets(List.of(new QueueTarget(queue, deliveryDeadLetterQueue, key, Defaults.DELIVERY_RETRY_ATTEMPTS,
                        Defaults.DELIVERY_MAX_EVENT_AGE)))
                .build();

        IFunction function = props.function();
        Set<String> before = new HashSet<>();
        function.getNode().getChildren().forEach(c -> before.add(c.getNode().getId()));
        function.addEventSource(new SqsEventSource(queue, SqsEventSourceProps.builder()
                .batchSize(props.batchSize())
                .reportBatchItemFailures(true)
                .build()));
        for (IConstruct child : function.getNode().getChildren()) {
            if (!before.contains(child.getNode().getId()) && child.getNode().getDefaultChild() instanceof CfnResource mapping) {
                NagSuppressions.suppress(mapping, "Serverless-LambdaEventSourceMappingDestination",
                        "Lambda supports no on-failure destination for SQS event sources; a failed file event returns to the "
                                + "queue and moves to its DLQ after maxReceiveCount (the redrive policy)");
            }
        }

        this.alarms = new AlarmFactory(this, AlarmPolicy.resolve(this, props.alarms()));
        addAlarms(props);
    }

    /** The alarms of the README's "Alarms" table; empty queues that nobody touches stop reporting, which is no failure. */
    private void addAlarms(FileIngestProps props) {
        alarms.add(Spec.atLeast(Defaults.ALARM_OLDEST_MESSAGE_AGE, metricOldestMessageAge(),
                Defaults.QUEUE_AGE_ALARM_THRESHOLD.toSeconds().doubleValue(), TreatMissingData.NOT_BREACHING, "s",
                "A file event waits longer than its retries could take (a stopped, throttled or failing function)"));
        alarms.add(Spec.atLeast(Defaults.ALARM_DEAD_LETTER_QUEUE, metricDeadLetterDepth(), 1, TreatMissingData.NOT_BREACHING, "files",
                "File events that failed " + props.maxReceiveCount() + " times wait in the DLQ: fix the cause, then redrive them "
                        + "(redriveCommand)"));
        alarms.add(Spec.atLeast(Defaults.ALARM_DELIVERY_DEAD_LETTER_QUEUE, metricDeliveryDeadLetterDepth(), 1,
                TreatMissingData.NOT_BREACHING, "files",
                "File events EventBridge could not deliver to the queue (a queue or key policy that refuses it) wait in the delivery DLQ"));
    }

    /** A stable name for the bucket's access-log folder: its path in the stack. */
    private String bucketLogName() {
        return software.amazon.awscdk.Names.uniqueId(this);
    }

    /** {@code bucket.name} = this bucket; {@code object.key} by prefix, suffix or both. */
    private Map<String, Object> detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("bucket", Map.of("name", List.of(bucket.getBucketName())));
        String prefix = props.prefix();
        String suffix = props.suffix();
        if (!prefix.isEmpty() && !suffix.isEmpty()) {
            detail.put("object", Map.of("key", List.of(Map.of("wildcard", prefix + "*" + suffix))));
        } else if (!prefix.isEmpty()) {
            detail.put("object", Map.of("key", List.of(Map.of("prefix", prefix))));
        } else if (!suffix.isEmpty()) {
            detail.put("object", Map.of("key", List.of(Map.of("suffix", suffix))));
        }
        return detail;
    }

    private Queue.Builder queue(String id, Duration retention) {
        return Queue.Builder.create(this, id)
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .enforceSsl(true)
                .retentionPeriod(retention);
    }

    /** cdk-nag reads a bucket that receives access logs as logged (no S1 finding); KMS it cannot have. */
    private static void suppressAccessLogBucketFindings(CfnResource logs) {
        for (String rule : List.of("NIST.800.53.R5-S3DefaultEncryptionKMS", "HIPAA.Security-S3DefaultEncryptionKMS")) {
            NagSuppressions.suppress(logs, rule, "S3 delivers server access logs only to a bucket whose default encryption "
                    + "is SSE-S3; SSE-KMS is not supported for access-log destination buckets");
        }
    }

    private void checkPrefix(String grant, String prefix) {
        if (prefix == null || prefix.isEmpty() || prefix.contains("*") || prefix.startsWith("/")) {
            throw new IllegalArgumentException("FileIngest '" + getNode().getId() + "': " + grant + " needs a key prefix such as "
                    + "imports/ (not empty, no '*', no leading '/'), but was " + (prefix == null ? "null" : "'" + prefix + "'"));
        }
    }

    /**
     * Lets {@code grantee} put objects under {@code prefix}, e.g. to sign presigned upload URLs:
     * {@code s3:PutObject} on {@code prefix*}, and {@code kms:GenerateDataKey} with {@code kms:Decrypt} on the key
     * (a multipart upload decrypts its parts' data keys to complete).
     */
    public Grant grantUpload(IGrantable grantee, String prefix) {
        checkPrefix("grantUpload", prefix);
        key.grant(grantee, "kms:GenerateDataKey", "kms:Decrypt");
        return objects(grantee, prefix, "s3:PutObject");
    }

    /**
     * Lets {@code grantee} (a processor) write its results under {@code prefix}: {@code s3:PutObject} and
     * {@code kms:GenerateDataKey}. Refused for a prefix whose objects would match the event filter: every
     * result would be ingested again.
     */
    public Grant grantWrite(IGrantable grantee, String prefix) {
        checkPrefix("grantWrite", prefix);
        String watched = props.prefix();
        if (prefix.startsWith(watched) || watched.startsWith(prefix)) {
            throw new IllegalArgumentException("FileIngest '" + getNode().getId() + "': grantWrite prefix '" + prefix
                    + "' overlaps the watched prefix '" + watched + "': objects written there would be ingested again "
                    + "(a loop); write results under another prefix, e.g. reports/");
        }
        key.grant(grantee, "kms:GenerateDataKey");
        return objects(grantee, prefix, "s3:PutObject");
    }

    /**
     * Lets {@code grantee} read every object and version: {@code s3:GetObject}, {@code s3:GetObjectVersion},
     * {@code kms:Decrypt}, and {@code s3:ListBucket} on the bucket (key names only), without which S3 answers
     * a missing object with 403 instead of 404.
     */
    public Grant grantRead(IGrantable grantee) {
        key.grant(grantee, "kms:Decrypt");
        listBucket(grantee);
        return objects(grantee, "", "s3:GetObject", "s3:GetObjectVersion");
    }

    /** As {@link #grantRead(IGrantable)}, for the objects under {@code prefix} only ({@code s3:ListBucket} is for the bucket). */
    public Grant grantRead(IGrantable grantee, String prefix) {
        checkPrefix("grantRead", prefix);
        key.grant(grantee, "kms:Decrypt");
        listBucket(grantee);
        return objects(grantee, prefix, "s3:GetObject", "s3:GetObjectVersion");
    }

    private void listBucket(IGrantable grantee) {
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of("s3:ListBucket"))
                .resourceArns(List.of(bucket.getBucketArn()))
                .build());
    }

    private Grant objects(IGrantable grantee, String prefix, String... actions) {
        String objects = bucket.arnForObjects(prefix + "*");
        Grant grant = Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(List.of(actions))
                .resourceArns(List.of(objects))
                .build());
        // the wildcard is the object keys under the prefix, which are not known before they are uploaded
        IConstruct policy = grantee.getGrantPrincipal() instanceof IConstruct principal
                ? principal.getNode().tryFindChild("DefaultPolicy") : null;
        if (policy != null && policy.getNode().getDefaultChild() instanceof CfnResource cfn) {
            NagSuppressions.suppress(cfn, "AwsSolutions-IAM5", "Object keys are not known before files are uploaded: the grant "
                    + "names the bucket and the key prefix " + (prefix.isEmpty() ? "(every key)" : prefix) + ", nothing wider",
                    NagSuppressions.resourceFinding(cfn, objects));
        }
        return grant;
    }

    private static final MetricOptions MAXIMUM = MetricOptions.builder().statistic("Maximum").build();

    /** File events the function failed {@code maxReceiveCount} times (maximum over 5 minutes): anything above 0 needs a look. */
    public Metric metricDeadLetterDepth() {
        return deadLetterQueue.metricApproximateNumberOfMessagesVisible(MAXIMUM);
    }

    /** File events EventBridge could not deliver to the queue (maximum over 5 minutes). */
    public Metric metricDeliveryDeadLetterDepth() {
        return deliveryDeadLetterQueue.metricApproximateNumberOfMessagesVisible(MAXIMUM);
    }

    /** Age of the oldest file event waiting (seconds, maximum over 5 minutes). */
    public Metric metricOldestMessageAge() {
        return queue.metricApproximateAgeOfOldestMessage(MAXIMUM);
    }

    /** The bucket files are uploaded to. */
    public Bucket getBucket() {
        return bucket;
    }

    /** Where S3 writes the bucket's server access logs. */
    public Bucket getAccessLogsBucket() {
        return accessLogsBucket;
    }

    /** The key of the bucket and the queues: the one created, or {@code encryptionKey}. */
    public IKey getKey() {
        return key;
    }

    /** The rule on the default event bus that routes the bucket's object-created events to the queue. */
    public Rule getRule() {
        return rule;
    }

    /** The queue the function reads. */
    public Queue getQueue() {
        return queue;
    }

    /** Where file events go after {@code maxReceiveCount} failed deliveries. */
    public Queue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    /** Where file events go that could not reach the queue. */
    public Queue getDeliveryDeadLetterQueue() {
        return deliveryDeadLetterQueue;
    }

    /** The alarms (README: "Alarms"), in the order OldestMessageAge, DeadLetterQueue, DeliveryDeadLetterQueue, less those left out. */
    @Override
    public List<Alarm> getAlarms() {
        return alarms.alarms();
    }

    /** The queue's backlog and its age, and the two DLQs. */
    @Override
    public List<IWidget> dashboardWidgets() {
        return List.of(
                Widgets.heading("File ingest", this),
                Widgets.graph("File events waiting", 8, List.of(queue.metricApproximateNumberOfMessagesVisible(MAXIMUM))),
                Widgets.graph("Oldest file event (s)", 8, List.of(metricOldestMessageAge())),
                Widgets.graph("Dead-letter queues", 8, List.of(metricDeadLetterDepth(), metricDeliveryDeadLetterDepth())));
    }

    /**
     * The AWS CLI command that moves the file events of the DLQ back to the queue, once the cause is
     * fixed (the queue ARNs are tokens until deployment: for a stack output).
     */
    public String redriveCommand() {
        return "aws sqs start-message-move-task --source-arn " + deadLetterQueue.getQueueArn() + " --destination-arn "
                + queue.getQueueArn();
    }

    /**
     * Lets {@code grantee} (an operator role) run {@link #redriveCommand()}: start, list and cancel
     * message move tasks on the DLQ, read and delete its messages and send them to the queue.
     */
    public Grant grantRedrive(IGrantable grantee) {
        return Grants.redrive(grantee, key, deadLetterQueue, queue);
    }

    /** A fluent builder in the style of the CDK's own constructs. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final FileIngestProps.Builder props = FileIngestProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /** Starts a {@link FileIngest} named {@code id} in {@code scope}; set its props, then {@link #build()}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Sets {@link FileIngestProps#function()} (meaning and default there). */
        public Builder function(SecureFunction function) {
            props.function(function);
            return this;
        }

        /** Sets {@link FileIngestProps#function()} (meaning and default there). */
        public Builder function(IFunction function) {
            props.function(function);
            return this;
        }

        /** Sets {@link FileIngestProps#prefix()} (meaning and default there). */
        public Builder prefix(String prefix) {
            props.prefix(prefix);
            return this;
        }

        /** Sets {@link FileIngestProps#suffix()} (meaning and default there). */
        public Builder suffix(String suffix) {
            props.suffix(suffix);
            return this;
        }

        /** Sets {@link FileIngestProps#encryptionKey()} (meaning and default there). */
        public Builder encryptionKey(IKey key) {
            props.encryptionKey(key);
            return this;
        }

        /** Sets {@link FileIngestProps#noncurrentVersionExpiration()} (meaning and default there). */
        public Builder noncurrentVersionExpiration(Duration age) {
            props.noncurrentVersionExpiration(age);
            return this;
        }

        /** Sets {@link FileIngestProps#abortIncompleteUploadsAfter()} (meaning and default there). */
        public Builder abortIncompleteUploadsAfter(Duration age) {
            props.abortIncompleteUploadsAfter(age);
            return this;
        }

        /** Sets {@link FileIngestProps#accessLogsExpiration()} (meaning and default there). */
        public Builder accessLogsExpiration(Duration age) {
            props.accessLogsExpiration(age);
            return this;
        }

        /** Sets {@link FileIngestProps#batchSize()} (meaning and default there). */
        public Builder batchSize(Number size) {
            props.batchSize(size);
            return this;
        }

        /** Sets {@link FileIngestProps#maxReceiveCount()} (meaning and default there). */
        public Builder maxReceiveCount(Number count) {
            props.maxReceiveCount(count);
            return this;
        }

        /** Sets {@link FileIngestProps#visibilityTimeout()} (meaning and default there). */
        public Builder visibilityTimeout(Duration timeout) {
            props.visibilityTimeout(timeout);
            return this;
        }

        public Builder alarms(AlarmPolicy alarms) {
            props.alarms(alarms);
            return this;
        }

        /** Creates the {@link FileIngest}; invalid props fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range. */
        public FileIngest build() {
            return new FileIngest(scope, id, props.build());
        }
    }
}
