package dev.stratus.constructs.files;

import software.amazon.awscdk.Duration;

/** Every default of {@link FileIngestProps}, written down once. */
final class Defaults {
    /** An overwritten or deleted object's old version is kept this long, then expires. */
    static final Duration NONCURRENT_VERSION_EXPIRATION = Duration.days(30);
    /** Parts of a multipart upload never completed are removed after this long. */
    static final Duration ABORT_INCOMPLETE_UPLOADS_AFTER = Duration.days(7);
    /** Server access logs are kept this long. */
    static final Duration ACCESS_LOGS_EXPIRATION = Duration.days(365);
    /** Messages (file events) per invocation. */
    static final int BATCH_SIZE = 1;
    /** Deliveries of one file event before it moves to the DLQ. */
    static final int MAX_RECEIVE_COUNT = 3;
    /** The queue's visibility timeout as a multiple of the function timeout (AWS's guidance). */
    static final int VISIBILITY_TIMEOUT_FACTOR = 6;
    /** How long the queue keeps a file event: shorter than the DLQ's 14 days (SQS keeps the first enqueue time). */
    static final Duration QUEUE_RETENTION = Duration.days(4);
    static final Duration DLQ_RETENTION = Duration.days(14);
    /** EventBridge retries of a delivery to the queue, and for how long. */
    static final int DELIVERY_RETRY_ATTEMPTS = 8;
    static final Duration DELIVERY_MAX_EVENT_AGE = Duration.hours(24);
    /** Oldest file event age at which the queue-age alarm fires. */
    static final Duration QUEUE_AGE_ALARM_THRESHOLD = Duration.minutes(15);
    /** The alarms of an ingest, by the names an AlarmPolicy tunes or disables (EventDrivenService's names). */
    static final String ALARM_OLDEST_MESSAGE_AGE = "OldestMessageAge";
    static final String ALARM_DEAD_LETTER_QUEUE = "DeadLetterQueue";
    static final String ALARM_DELIVERY_DEAD_LETTER_QUEUE = "DeliveryDeadLetterQueue";
    static final java.util.List<String> ALARMS = java.util.List.of(ALARM_OLDEST_MESSAGE_AGE, ALARM_DEAD_LETTER_QUEUE,
            ALARM_DELIVERY_DEAD_LETTER_QUEUE);
    /** Lambda's timeout when a function sets none. */
    static final Duration LAMBDA_DEFAULT_TIMEOUT = Duration.seconds(3);

    private Defaults() {
    }
}
