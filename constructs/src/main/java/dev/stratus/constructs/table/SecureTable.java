package dev.stratus.constructs.table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.AlarmFactory.Spec;
import dev.stratus.constructs.internal.Grants;
import dev.stratus.constructs.internal.Problems;
import dev.stratus.constructs.internal.Widgets;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.Monitored;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.Operation;
import software.amazon.awscdk.services.dynamodb.OperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.SystemErrorsForOperationsMetricOptions;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * A DynamoDB table with safe defaults: on-demand billing, a customer-managed KMS key with rotation,
 * point-in-time recovery, deletion protection, retained when it leaves the stack; optional stream
 * and TTL. Grants are by intent, and {@link #grantIndexActions} / {@link #grantItemActions} name
 * exact resources instead of the L2 table's {@code index/*}.
 *
 * <pre>{@code
 * SecureTable orders = SecureTable.Builder.create(this, "Orders")
 *         .partitionKey(Attribute.builder().name("orderId").type(AttributeType.STRING).build())
 *         .build();
 * orders.grantReadData(reportFunction);
 * }</pre>
 */
public class SecureTable extends Construct implements Monitored {
    private static final Pattern INDEX_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    private final Table table;
    private final IKey key;
    private final Set<String> indexNames = new HashSet<>();
    private final AlarmFactory alarms;

    /**
     * Creates the SecureTable and everything it owns in {@code scope} under {@code id}.
     * @param scope the parent construct
     * @param id this construct's id, part of every child's logical id
     * @param props the props; invalid ones fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range
     */
    public SecureTable(Construct scope, String id, SecureTableProps props) {
        super(scope, id);
        validate(id, props);
        this.key = props.encryptionKey() != null ? props.encryptionKey() : Key.Builder.create(this, "Key")
                .description("Encrypts the DynamoDB table " + getNode().getPath())
                .enableKeyRotation(true)
                .removalPolicy(props.removalPolicy())
                .build();
        this.table = Table.Builder.create(this, "Table")
                .partitionKey(props.partitionKey())
                .sortKey(props.sortKey())
                .tableName(props.tableName())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .encryption(TableEncryption.CUSTOMER_MANAGED)
                .encryptionKey(key)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(props.deletionProtection())
                .removalPolicy(props.removalPolicy())
                .stream(props.stream())
                .timeToLiveAttribute(props.timeToLiveAttribute())
                .build();
        for (GlobalSecondaryIndexProps index : props.globalSecondaryIndexes()) {
            table.addGlobalSecondaryIndex(index);
            indexNames.add(index.getIndexName());
        }
        this.alarms = new AlarmFactory(this, AlarmPolicy.resolve(this, props.alarms()));
        alarms.add(Spec.atLeast(Defaults.ALARM_THROTTLES, metricThrottleEvents(), 1, TreatMissingData.NOT_BREACHING, "requests",
                "DynamoDB throttled reads or writes of the table: on demand, a sudden doubling of traffic or a hot partition key "
                        + "(the SDK retried them; callers may have failed)"));
        alarms.add(Spec.atLeast(Defaults.ALARM_SYSTEM_ERRORS, metricSystemErrors(SystemErrorsForOperationsMetricOptions.builder()
                        .operations(Defaults.SYSTEM_ERROR_OPERATIONS).build()), 1, TreatMissingData.NOT_BREACHING, "requests",
                "DynamoDB failed requests with its own errors (HTTP 500) on the table's item, query, batch and transaction "
                        + "operations"));
    }

    /** Read and write requests throttled on the table (ReadThrottleEvents + WriteThrottleEvents, sum over 5 minutes). */
    public IMetric metricThrottleEvents() {
        return MathExpression.Builder.create()
                .expression("FILL(reads, 0) + FILL(writes, 0)")
                // sorted: Map.of iterates in an order that changes from JVM to JVM, and so would the template
                .usingMetrics(new java.util.TreeMap<>(new java.util.TreeMap<>(Map.of("reads", metricReadThrottleEvents(), "writes", metricWriteThrottleEvents()))))
                .label("throttled requests")
                .period(software.amazon.awscdk.Duration.minutes(5))
                .build();
    }

    /** The table's alarms (README: "Alarms"). */
    @Override
    public List<Alarm> getAlarms() {
        return alarms.alarms();
    }

    /** Consumed capacity, throttles and system errors, and the latency of GetItem, Query and PutItem. */
    @Override
    public List<IWidget> dashboardWidgets() {
        MetricOptions sum = MetricOptions.builder().statistic("Sum").build();
        return List.of(
                Widgets.heading("Table", this),
                Widgets.graph("Consumed read and write units", 8, List.of(
                        table.metricConsumedReadCapacityUnits(MetricOptions.builder().statistic("Sum").label("read units").build()),
                        table.metricConsumedWriteCapacityUnits(MetricOptions.builder().statistic("Sum").label("write units").build()))),
                Widgets.graph("Throttled requests and system errors", 8, List.of(metricThrottleEvents(),
                        metricSystemErrors(SystemErrorsForOperationsMetricOptions.builder().operations(Defaults.SYSTEM_ERROR_OPERATIONS)
                                .label("system errors").build()))),
                Widgets.graph("Latency (ms, average)", 8, List.of(
                        metricSuccessfulRequestLatency(Operation.GET_ITEM, MetricOptions.builder().label("GetItem").build()),
                        metricSuccessfulRequestLatency(Operation.QUERY, MetricOptions.builder().label("Query").build()),
                        metricSuccessfulRequestLatency(Operation.PUT_ITEM, MetricOptions.builder().label("PutItem").build()))));
    }

    private static void validate(String id, SecureTableProps props) {
        Problems problems = new Problems("SecureTable", id);
        problems.check(props.partitionKey() != null,
                "partitionKey is required, e.g. Attribute.builder().name(\"id\").type(AttributeType.STRING).build()");
        if (props.partitionKey() != null && props.sortKey() != null
                && !Token.isUnresolved(props.sortKey().getName())
                && props.sortKey().getName().equals(props.partitionKey().getName())) {
            problems.add("sortKey '" + props.sortKey().getName() + "' is the partitionKey too; a table's two key attributes "
                    + "must differ (leave sortKey out for a table with one key attribute)");
        }
        Set<String> seen = new HashSet<>();
        List<GlobalSecondaryIndexProps> indexes = props.globalSecondaryIndexes();
        for (int i = 0; i < indexes.size(); i++) {
            GlobalSecondaryIndexProps index = indexes.get(i);
            if (index == null) {
                problems.add("globalSecondaryIndexes[" + i + "] is null; every element must be a GlobalSecondaryIndexProps");
                continue;
            }
            String name = index.getIndexName();
            if (Token.isUnresolved(name)) {
                continue;
            }
            problems.check(INDEX_NAME.matcher(name).matches(), "globalSecondaryIndex name '" + name
                    + "' must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'");
            problems.check(seen.add(name), "globalSecondaryIndex '" + name + "' is declared twice");
        }
        problems.check(indexes.size() <= Defaults.MAX_GLOBAL_SECONDARY_INDEXES, "at most " + Defaults.MAX_GLOBAL_SECONDARY_INDEXES
                + " globalSecondaryIndexes are allowed, but " + indexes.size() + " were given");
        String ttl = props.timeToLiveAttribute();
        if (ttl != null && !Token.isUnresolved(ttl) && ttl.isBlank()) {
            // the L2 table reads an empty name as "no TTL" and drops it without a word
            problems.add("timeToLiveAttribute must name the attribute that holds each item's expiry time, e.g. expiresAt, "
                    + "but was '" + ttl + "'; leave it out for a table without TTL");
        } else if (ttl != null && props.partitionKey() != null) {
            boolean isKey = ttl.equals(props.partitionKey().getName())
                    || props.sortKey() != null && ttl.equals(props.sortKey().getName());
            problems.check(!isKey, "timeToLiveAttribute '" + ttl + "' cannot be a key attribute of the table");
        }
        if (props.removalPolicy() == RemovalPolicy.DESTROY && Boolean.TRUE.equals(props.deletionProtection())) {
            problems.add("removalPolicy DESTROY and deletionProtection true contradict each other: CloudFormation cannot "
                    + "delete a table with deletion protection, so deleting the stack would fail; set deletionProtection(false) "
                    + "to let the table go, or keep removalPolicy RETAIN (the default)");
        }
        AlarmFactory.check(problems, props.alarms(), Defaults.ALARMS);
        problems.throwIfAny();
    }

    /** The L2 table; {@code getNode().getDefaultChild()} is its {@code CfnTable}. */
    public Table getTable() {
        return table;
    }

    /** The key that encrypts the table (and its stream). */
    public IKey getKey() {
        return key;
    }

    /** The table's name (a token until deployment). */
    public String getTableName() {
        return table.getTableName();
    }

    /** The table's ARN (a token until deployment). */
    public String getTableArn() {
        return table.getTableArn();
    }

    /** The stream ARN, or null when the table has no stream. */
    public String getTableStreamArn() {
        return table.getTableStreamArn();
    }

    /** Read items of the table and its indexes (L2 grant; covers {@code index/*}) and decrypt. */
    public Grant grantReadData(IGrantable grantee) {
        return table.grantReadData(grantee);
    }

    /** Write items (L2 grant) and use the key. */
    public Grant grantWriteData(IGrantable grantee) {
        return table.grantWriteData(grantee);
    }

    /** Read and write items (L2 grant; covers {@code index/*}) and use the key. */
    public Grant grantReadWriteData(IGrantable grantee) {
        return table.grantReadWriteData(grantee);
    }

    /** Read the change stream and decrypt it. */
    public Grant grantStreamRead(IGrantable grantee) {
        return table.grantStreamRead(grantee);
    }

    /**
     * Exactly {@code actions} (e.g. {@code dynamodb:UpdateItem}) on the table itself, not its
     * indexes, plus the key use they need. Each must be a DynamoDB action that accepts a table ARN.
     */
    public Grant grantItemActions(IGrantable grantee, String... actions) {
        return grantWithKey(grantee, List.of(table.getTableArn()), "on a table", DynamoDbActions.TABLE, actions);
    }

    /**
     * Exactly {@code actions} (e.g. {@code dynamodb:Query}) on one named index, plus decrypt. Each must
     * be a DynamoDB action that accepts an index ARN (Query, Scan, PartiQLSelect, ...).
     */
    public Grant grantIndexActions(IGrantable grantee, String indexName, String... actions) {
        if (!indexNames.contains(indexName)) {
            throw new IllegalArgumentException("SecureTable '" + getNode().getId() + "' has no index '" + indexName
                    + "'; its indexes are " + indexNames);
        }
        return grantWithKey(grantee, List.of(table.getTableArn() + "/index/" + indexName), "on an index",
                DynamoDbActions.INDEX, actions);
    }

    private Grant grantWithKey(IGrantable grantee, List<String> resources, String where, Set<String> known, String... actions) {
        if (actions.length == 0) {
            throw new IllegalArgumentException("name at least one dynamodb: action to grant");
        }
        List<String> granted = new ArrayList<>();
        for (String action : actions) {
            if (action == null || !action.startsWith("dynamodb:") || action.contains("*")) {
                throw new IllegalArgumentException("'" + action + "' is not a single DynamoDB action like dynamodb:GetItem");
            }
            Optional<String> canonical = DynamoDbActions.canonical(action, known);
            if (canonical.isEmpty() && known == DynamoDbActions.INDEX && DynamoDbActions.canonical(action, DynamoDbActions.TABLE).isPresent()) {
                throw new IllegalArgumentException("'" + action + "' applies to the table, not to an index: grant it with "
                        + "grantItemActions; the actions IAM authorizes on an index are " + String.join(", ", DynamoDbActions.sorted(known)));
            }
            if (canonical.isEmpty()) {
                throw new IllegalArgumentException("'" + action + "' is not a DynamoDB action that can be granted " + where
                        + " (did you mean " + DynamoDbActions.closest(action, known) + "?); the actions IAM authorizes " + where
                        + " are " + String.join(", ", DynamoDbActions.sorted(known)));
            }
            granted.add(canonical.get());
        }
        if (granted.stream().anyMatch(DynamoDbActions.WRITES::contains)) {
            Grants.encryptDecrypt(key, grantee);
        } else {
            Grants.decrypt(key, grantee);
        }
        return Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
                .grantee(grantee)
                .actions(granted)
                .resourceArns(resources)
                .build());
    }

    /**
     * Requests DynamoDB throttled, over every operation on the table (a math expression over the
     * per-operation {@code ThrottledRequests}, sum over 5 minutes).
     */
    public IMetric metricThrottledRequests() {
        return table.metricThrottledRequestsForOperations();
    }

    /** Requests DynamoDB throttled, over the operations the options name. */
    public IMetric metricThrottledRequests(OperationsMetricOptions options) {
        return table.metricThrottledRequestsForOperations(options);
    }

    /** Read requests throttled on the table and its indexes ({@code ReadThrottleEvents}, sum over 5 minutes). */
    public Metric metricReadThrottleEvents() {
        return table.metric("ReadThrottleEvents", MetricOptions.builder().statistic("Sum").build());
    }

    /** Write requests throttled on the table and its indexes ({@code WriteThrottleEvents}, sum over 5 minutes). */
    public Metric metricWriteThrottleEvents() {
        return table.metric("WriteThrottleEvents", MetricOptions.builder().statistic("Sum").build());
    }

    /**
     * Requests that failed with an HTTP 500 (DynamoDB's own errors), over every operation on the table
     * (sum over 5 minutes).
     */
    public IMetric metricSystemErrors() {
        return table.metricSystemErrorsForOperations();
    }

    /** Requests that failed with an HTTP 500, over the operations the options name. */
    public IMetric metricSystemErrors(SystemErrorsForOperationsMetricOptions options) {
        return table.metricSystemErrorsForOperations(options);
    }

    /** {@code GetItem} for {@code Operation.GET_ITEM}: the dimension value CloudWatch uses (the Java enum has only the constant). */
    static String operationName(Operation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return name.toString();
    }

    /** Latency of successful {@code operation} requests (milliseconds, average over 5 minutes). */
    public Metric metricSuccessfulRequestLatency(Operation operation) {
        return metricSuccessfulRequestLatency(operation, MetricOptions.builder().build());
    }

    /** Latency of successful {@code operation} requests; the statistic defaults to average. */
    public Metric metricSuccessfulRequestLatency(Operation operation, MetricOptions options) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("TableName", table.getTableName());
        dimensions.put("Operation", operationName(operation));
        return table.metricSuccessfulRequestLatency(MetricOptions.builder()
                .dimensionsMap(dimensions)
                .statistic(options.getStatistic() != null ? options.getStatistic() : "Average")
                .period(options.getPeriod())
                .label(options.getLabel())
                .color(options.getColor())
                .unit(options.getUnit())
                .account(options.getAccount())
                .region(options.getRegion())
                .build());
    }

    /** A fluent builder in the style of {@code Table.Builder}. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final SecureTableProps.Builder props = SecureTableProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /** Starts a {@link SecureTable} named {@code id} in {@code scope}; set its props, then {@link #build()}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Sets {@link SecureTableProps#partitionKey()} (meaning and default there). */
        public Builder partitionKey(Attribute partitionKey) {
            props.partitionKey(partitionKey);
            return this;
        }

        /** Sets {@link SecureTableProps#sortKey()} (meaning and default there). */
        public Builder sortKey(Attribute sortKey) {
            props.sortKey(sortKey);
            return this;
        }

        /** Sets {@link SecureTableProps#tableName()} (meaning and default there). */
        public Builder tableName(String tableName) {
            props.tableName(tableName);
            return this;
        }

        /** Sets the prop of this name: see {@link SecureTableProps.Builder} for its meaning and default. */
        public Builder globalSecondaryIndex(GlobalSecondaryIndexProps index) {
            props.globalSecondaryIndex(index);
            return this;
        }

        /** Sets {@link SecureTableProps#stream()} (meaning and default there). */
        public Builder stream(software.amazon.awscdk.services.dynamodb.StreamViewType stream) {
            props.stream(stream);
            return this;
        }

        /** Sets {@link SecureTableProps#timeToLiveAttribute()} (meaning and default there). */
        public Builder timeToLiveAttribute(String attribute) {
            props.timeToLiveAttribute(attribute);
            return this;
        }

        /** Sets {@link SecureTableProps#encryptionKey()} (meaning and default there). */
        public Builder encryptionKey(IKey key) {
            props.encryptionKey(key);
            return this;
        }

        /** Sets {@link SecureTableProps#removalPolicy()} (meaning and default there). */
        public Builder removalPolicy(software.amazon.awscdk.RemovalPolicy removalPolicy) {
            props.removalPolicy(removalPolicy);
            return this;
        }

        /** Sets {@link SecureTableProps#deletionProtection()} (meaning and default there). */
        public Builder deletionProtection(Boolean deletionProtection) {
            props.deletionProtection(deletionProtection);
            return this;
        }

        /** @see SecureTableProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            props.alarms(alarms);
            return this;
        }

        public SecureTable build() {
            return new SecureTable(scope, id, props.build());
        }
    }
}
