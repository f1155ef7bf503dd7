package dev.stratus.constructs.table;

import software.amazon.awscdk.RemovalPolicy;

/** The one place that holds SecureTable's default values; the Javadoc of each prop cites them. */
final class Defaults {
    static final RemovalPolicy REMOVAL_POLICY = RemovalPolicy.RETAIN;
    static final boolean DELETION_PROTECTION = true;
    /** DynamoDB's limit of global secondary indexes per table. */
    static final int MAX_GLOBAL_SECONDARY_INDEXES = 20;

    private Defaults() {
    }
}
