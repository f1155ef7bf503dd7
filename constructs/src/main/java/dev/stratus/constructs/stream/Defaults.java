package dev.stratus.constructs.stream;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.StartingPosition;

/** Every default of {@link StreamProcessorProps}, written down once. */
final class Defaults {
    /** Read from the oldest record the stream still holds: nothing written before the mapping existed is skipped. */
    static final StartingPosition STARTING_POSITION = StartingPosition.TRIM_HORIZON;
    /** Records per invocation. */
    static final int BATCH_SIZE = 100;
    /** Lambda retries of a failed batch (or of its failed half, with bisection) before it goes to the failure queue. */
    static final int RETRY_ATTEMPTS = 10;
    /** Records older than this go to the failure queue unprocessed: a DynamoDB stream keeps records 24 hours. */
    static final Duration MAX_RECORD_AGE = Duration.hours(24);
    /** Concurrent batches per shard: 1 keeps the records of one key in order. */
    static final int PARALLELIZATION_FACTOR = 1;
    /** How long the failure queue keeps what Lambda gave up on: the SQS maximum. */
    static final Duration FAILURE_QUEUE_RETENTION = Duration.days(14);
    /** Iterator age above which the processor is said to fall behind. */
    static final Duration ITERATOR_AGE_ALARM_THRESHOLD = Duration.minutes(5);
    /** Minutes (periods of 1 minute) the iterator age must stay above its threshold. */
    static final int ITERATOR_AGE_ALARM_PERIODS = 3;
    /** The alarms of a processor, by the names an AlarmPolicy tunes or disables. */
    static final String ALARM_ITERATOR_AGE = "IteratorAge";
    static final String ALARM_FAILURE_QUEUE = "FailureQueue";
    static final String ALARM_ERRORS = "Errors";
    static final java.util.List<String> ALARMS = java.util.List.of(ALARM_ITERATOR_AGE, ALARM_FAILURE_QUEUE, ALARM_ERRORS);

    /** DynamoDB Streams keeps a record 24 hours: an older record age can never be reached. */
    static final long DYNAMODB_MAX_RECORD_AGE_SECONDS = 86_400;
    /** Lambda's bound for Kinesis sources (7 days). */
    static final long KINESIS_MAX_RECORD_AGE_SECONDS = 604_800;
    /** Readers a DynamoDB stream's shard serves at once without throttling. */
    static final int MAX_PROCESSORS_PER_DYNAMODB_STREAM = 2;
    /** Filters per event source mapping (Lambda's default quota). */
    static final int MAX_FILTERS = 5;

    private Defaults() {
    }
}
