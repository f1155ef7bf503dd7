package dev.stratus.constructs.stream;

import java.util.List;
import java.util.Map;

import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.Problems;
import dev.stratus.constructs.monitoring.AlarmTuning;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.sqs.IQueue;

/** Checks StreamProcessorProps before anything is created; see {@link Problems}. */
final class StreamProcessorValidation {
    private StreamProcessorValidation() {
    }

    /**
     * @param readersOfTheTable the processors already reading {@code props.table()}'s stream, by path
     */
    static void validate(String id, StreamProcessorProps props, List<String> readersOfTheTable) {
        Problems problems = new Problems("StreamProcessor", id);
        boolean dynamo = props.table() != null;
        problems.check(props.function() != null, "function is required: the SecureFunction (its live alias) or IFunction "
                + "that processes the records");
        if (dynamo && props.kinesisStream() != null) {
            problems.add("Either provide table (its DynamoDB stream) or kinesisStream, but not both");
        }
        if (dynamo && props.table().getTableStreamArn() == null) {
            problems.add("table " + props.table().getNode().getPath() + " has no stream: build the SecureTable with "
                    + "stream(StreamViewType.NEW_AND_OLD_IMAGES) (or the view the function needs)");
        }
        if (dynamo && readersOfTheTable.size() >= Defaults.MAX_PROCESSORS_PER_DYNAMODB_STREAM) {
            problems.add("table " + props.table().getNode().getPath() + " already has " + readersOfTheTable.size()
                    + " stream processors " + readersOfTheTable + ": a DynamoDB stream's shards serve at most "
                    + Defaults.MAX_PROCESSORS_PER_DYNAMODB_STREAM + " readers at once (more are throttled); fan out from "
                    + "one processor, or stream the table to Kinesis for more consumers");
        }
        boolean givenSource = dynamo || props.kinesisStream() != null;
        if (givenSource && props.encryptionKey() != null && props.onFailureQueue() != null) {
            problems.add("encryptionKey encrypts only what the processor creates (a Kinesis stream, the failure queue), and with "
                    + "a given source and onFailureQueue it creates neither: leave encryptionKey out");
        }
        checkStartingPosition(problems, props, dynamo);
        problems.checkRange("batchSize", props.batchSize(), 1, 10_000, "");
        problems.checkSeconds("maxBatchingWindow", props.maxBatchingWindow(), 0, 300, " (up to 5 minutes)");
        problems.checkRange("retryAttempts", props.retryAttempts(), 0, 10_000,
                "(bounded: -1, retry until the record expires, would stop the shard behind a poison record)");
        long maxAge = dynamo ? Defaults.DYNAMODB_MAX_RECORD_AGE_SECONDS : Defaults.KINESIS_MAX_RECORD_AGE_SECONDS;
        problems.checkSeconds("maxRecordAge", props.maxRecordAge(), 60, maxAge, dynamo
                ? " (1 minute to 24 hours: a DynamoDB stream keeps records 24 hours)" : " (1 minute to 7 days)");
        problems.checkRange("parallelizationFactor", props.parallelizationFactor(), 1, 10, "");
        List<Map<String, Object>> filters = props.filters();
        for (int i = 0; i < filters.size(); i++) {
            problems.check(filters.get(i) != null, "filters[" + i + "] is null; build each with FilterCriteria.filter(...)");
        }
        problems.check(filters.size() <= Defaults.MAX_FILTERS, "at most " + Defaults.MAX_FILTERS
                + " filters are allowed on one event source mapping (Lambda's quota), but " + filters.size() + " were given");
        IQueue queue = props.onFailureQueue();
        if (queue != null && Boolean.TRUE.equals(queue.getFifo())) {
            problems.add("onFailureQueue must be a standard queue: Lambda sends no stream failure to a FIFO queue, but "
                    + queue.getNode().getPath() + " is FIFO");
        }
        AlarmFactory.check(problems, props.alarms(), Defaults.ALARMS);
        AlarmTuning iteratorAge = props.alarms() == null ? null : props.alarms().tunings().get(Defaults.ALARM_ITERATOR_AGE);
        if (iteratorAge != null && iteratorAge.threshold() != null && iteratorAge.threshold() > maxAge * 1000.0) {
            problems.add("alarms tuning of '" + Defaults.ALARM_ITERATOR_AGE + "': threshold must be at most " + maxAge * 1000
                    + " ms (the stream's retention" + (dynamo ? ", 24 hours" : "") + "), but was "
                    + AlarmFactory.format(iteratorAge.threshold()));
        }
        problems.throwIfAny();
    }

    private static void checkStartingPosition(Problems problems, StreamProcessorProps props, boolean dynamo) {
        StartingPosition position = props.startingPosition();
        Number timestamp = props.startingPositionTimestamp();
        if (position == StartingPosition.AT_TIMESTAMP) {
            if (dynamo) {
                problems.add("startingPosition AT_TIMESTAMP is for Kinesis sources only; a DynamoDB stream starts at "
                        + "TRIM_HORIZON or LATEST");
            } else if (timestamp == null) {
                problems.add("startingPosition AT_TIMESTAMP needs startingPositionTimestamp (epoch seconds)");
            }
        } else if (timestamp != null) {
            problems.add("startingPositionTimestamp is used only with startingPosition AT_TIMESTAMP, but the position is " + position);
        }
        if (timestamp != null && !Token.isUnresolved(timestamp)) {
            problems.check(timestamp.doubleValue() >= 0, "startingPositionTimestamp must be epoch seconds, 0 or more, but was "
                    + timestamp);
        }
    }
}
