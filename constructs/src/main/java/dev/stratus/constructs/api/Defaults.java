package dev.stratus.constructs.api;

import software.amazon.awscdk.services.logs.RetentionDays;

/** Every default of {@link BffApiProps} and its value types, written down once. */
final class Defaults {
    /** Stage-wide throttling: requests per second and burst. */
    static final Throttle THROTTLE = Throttle.of(100, 200);
    /** API Gateway's account-level quotas bound every rate and burst. */
    static final double MAX_RATE = 10_000;
    static final int MAX_BURST = 5_000;
    /** Retention of the access logs. */
    static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;
    /** Requests per IP per 5 minutes before the WAF rate rule blocks it. */
    static final long WAF_RATE_LIMIT = 2000;
    /** The REST flavour's stage name. */
    static final String REST_STAGE = "api";
    /** REST flavour: set the region's API Gateway CloudWatch Logs role. */
    static final boolean MANAGE_ACCOUNT_LOG_ROLE = true;

    private Defaults() {
    }
}
