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

    /** The API's alarms, by the names an AlarmPolicy tunes or disables. */
    static final String ALARM_SERVER_ERROR_RATE = "ServerErrorRate";
    static final String ALARM_LATENCY = "Latency";
    static final String ALARM_CLIENT_ERROR_RATE = "ClientErrorRate";
    static final java.util.List<String> ALARMS = java.util.List.of(ALARM_SERVER_ERROR_RATE, ALARM_LATENCY, ALARM_CLIENT_ERROR_RATE);
    /** The error-rate alarms count only periods with at least this many requests: 1 of 3 is no trend. */
    static final int MIN_REQUESTS_FOR_RATE = 20;
    /** 5xx answers, in % of the requests of a 5-minute period. */
    static final double SERVER_ERROR_RATE_PERCENT = 1;
    /** 4xx answers, in % of the requests, for two 5-minute periods in a row: a client release or the authorizer broke. */
    static final double CLIENT_ERROR_RATE_PERCENT = 20;
    /** p99 latency in ms, for three 5-minute periods in a row. */
    static final double LATENCY_P99_MS = 3000;

    private Defaults() {
    }
}
