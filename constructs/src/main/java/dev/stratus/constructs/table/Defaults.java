package dev.stratus.constructs.table;

import software.amazon.awscdk.RemovalPolicy;

/** The one place that holds SecureTable's default values; the Javadoc of each prop cites them. */
final class Defaults {
    static final RemovalPolicy REMOVAL_POLICY = RemovalPolicy.RETAIN;
    static final boolean DELETION_PROTECTION = true;

    private Defaults() {
    }
}
