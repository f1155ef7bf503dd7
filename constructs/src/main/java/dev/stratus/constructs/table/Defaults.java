package dev.stratus.constructs.table;

import software.amazon.awscdk.RemovalPolicy;

/** The one place that holds SecureTable's default values; the Javadoc of each prop cites them. */
final class Defaults {
    static final RemovalPolicy REMOVAL_POLICY = RemovalPolicy.RETAIN;
    static final boolean DELETION_PROTECTION = true;
    /** DynamoDB's limit of global secondary indexes per table. */
    static final int MAX_GLOBAL_SECONDARY_INDEXES = 20;

    /** The alarms of a table, by the names an AlarmPolicy tunes or disables. */
    static final String ALARM_THROTTLES = "Throttles";
    static final String ALARM_SYSTEM_ERRORS = "SystemErrors";
    static final java.util.List<String> ALARMS = java.util.List.of(ALARM_THROTTLES, ALARM_SYSTEM_ERRORS);
    /**
     * The operations whose SystemErrors the alarm sums: CloudWatch reports them per operation only, and
     * an alarm may use at most 10 metrics (each costs as one alarm metric).
     */
    static final java.util.List<software.amazon.awscdk.services.dynamodb.Operation> SYSTEM_ERROR_OPERATIONS = java.util.List.of(
            software.amazon.awscdk.services.dynamodb.Operation.GET_ITEM, software.amazon.awscdk.services.dynamodb.Operation.PUT_ITEM,
            software.amazon.awscdk.services.dynamodb.Operation.UPDATE_ITEM, software.amazon.awscdk.services.dynamodb.Operation.DELETE_ITEM,
            software.amazon.awscdk.services.dynamodb.Operation.QUERY, software.amazon.awscdk.services.dynamodb.Operation.SCAN,
            software.amazon.awscdk.services.dynamodb.Operation.BATCH_GET_ITEM, software.amazon.awscdk.services.dynamodb.Operation.BATCH_WRITE_ITEM,
            software.amazon.awscdk.services.dynamodb.Operation.TRANSACT_GET_ITEMS,
            software.amazon.awscdk.services.dynamodb.Operation.TRANSACT_WRITE_ITEMS);

    private Defaults() {
    }
}
