package dev.stratus.constructs.events;

import software.amazon.awscdk.Duration;

/** Every default of {@link EventDrivenServiceProps} and {@link EventConsumer}, written down once. */
final class Defaults {
    /** How long the bus's archive keeps events for replay. */
    static final Duration ARCHIVE_RETENTION = Duration.days(30);
    /** EventBridge retries of a delivery to a consumer's queue. */
    static final int DELIVERY_RETRY_ATTEMPTS = 8;
    /** How long EventBridge keeps retrying a delivery. */
    static final Duration DELIVERY_MAX_EVENT_AGE = Duration.hours(24);

    /**
     * A consumer queue's retention: shorter than the DLQs' so that a message moved to a DLQ is
     * kept there for at least 10 more days (SQS keeps a message's original enqueue time when it
     * moves it to a standard DLQ, so a DLQ must keep messages longer than its source).
     */
    static final Duration QUEUE_RETENTION = Duration.days(4);
    /** The DLQs' and delivery DLQs' retention: the SQS maximum. */
    static final Duration DLQ_RETENTION = Duration.days(14);
    /** The longest a consumer queue may keep messages: a day less than its DLQ. */
    static final Duration MAX_QUEUE_RETENTION = Duration.days(13);

    /** Records per invocation. */
    static final int BATCH_SIZE = 10;
    /** Deliveries before a message moves to the consumer's DLQ. */
    static final int MAX_RECEIVE_COUNT = 5;
    /** The queue's visibility timeout, as a multiple of the function timeout (AWS's guidance). */
    static final int VISIBILITY_TIMEOUT_FACTOR = 6;
    /** Lambda's timeout when a {@code Function} sets none. */
    static final Duration LAMBDA_DEFAULT_TIMEOUT = Duration.seconds(3);

    /** The alarms of each consumer, by the names an AlarmPolicy tunes or disables. */
    static final String ALARM_OLDEST_MESSAGE_AGE = "OldestMessageAge";
    static final String ALARM_DEAD_LETTER_QUEUE = "DeadLetterQueue";
    static final String ALARM_DELIVERY_DEAD_LETTER_QUEUE = "DeliveryDeadLetterQueue";
    static final java.util.List<String> ALARMS = java.util.List.of(ALARM_OLDEST_MESSAGE_AGE, ALARM_DEAD_LETTER_QUEUE,
            ALARM_DELIVERY_DEAD_LETTER_QUEUE);
    /** The age alarm fires no earlier than this, nor before a message's retries could be over. */
    static final Duration MIN_OLDEST_MESSAGE_AGE = Duration.minutes(15);

    private Defaults() {
    }
}
