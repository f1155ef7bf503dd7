package dev.stratus.local.dynamodb.internal.ops;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.stratus.local.dynamodb.internal.ApiException;
import dev.stratus.local.dynamodb.internal.engine.Engine;

/** The operations the engine serves, by X-Amz-Target. */
public final class Operations {
    /** One operation: reads the request, answers the response body or throws an {@link ApiException}. */
    @FunctionalInterface
    public interface Operation {
        JsonNode handle(Engine engine, Request request);
    }

    private static final Map<String, Operation> DYNAMODB = new HashMap<>();
    private static final Map<String, Operation> STREAMS = new HashMap<>();

    /** Every operation of DynamoDB's API (2012-08-10), to tell "not implemented here" from "no such operation". */
    private static final Set<String> DYNAMODB_API = Set.of(
            "BatchExecuteStatement", "BatchGetItem", "BatchWriteItem", "CreateBackup", "CreateGlobalTable", "CreateTable",
            "DeleteBackup", "DeleteItem", "DeleteResourcePolicy", "DeleteTable", "DescribeBackup",
            "DescribeContinuousBackups", "DescribeContributorInsights", "DescribeEndpoints", "DescribeExport",
            "DescribeGlobalTable", "DescribeGlobalTableSettings", "DescribeImport", "DescribeKinesisStreamingDestination",
            "DescribeLimits", "DescribeTable", "DescribeTableReplicaAutoScaling", "DescribeTimeToLive",
            "DisableKinesisStreamingDestination", "EnableKinesisStreamingDestination", "ExecuteStatement",
            "ExecuteTransaction", "ExportTableToPointInTime", "GetItem", "GetResourcePolicy", "ImportTable", "ListBackups",
            "ListContributorInsights", "ListExports", "ListGlobalTables", "ListImports", "ListTables", "ListTagsOfResource",
            "PutItem", "PutResourcePolicy", "Query", "RestoreTableFromBackup", "RestoreTableToPointInTime", "Scan",
            "TagResource", "TransactGetItems", "TransactWriteItems", "UntagResource", "UpdateContinuousBackups",
            "UpdateContributorInsights", "UpdateGlobalTable", "UpdateGlobalTableSettings", "UpdateItem",
            "UpdateKinesisStreamingDestination", "UpdateTable", "UpdateTableReplicaAutoScaling", "UpdateTimeToLive");

    static {
        DYNAMODB.put("CreateTable", TableOperations::createTable);
        DYNAMODB.put("DescribeTable", TableOperations::describeTable);
        DYNAMODB.put("ListTables", TableOperations::listTables);
        DYNAMODB.put("DeleteTable", TableOperations::deleteTable);
        DYNAMODB.put("UpdateTable", TableOperations::updateTable);
        DYNAMODB.put("UpdateTimeToLive", TableOperations::updateTimeToLive);
        DYNAMODB.put("DescribeTimeToLive", TableOperations::describeTimeToLive);
        DYNAMODB.put("TagResource", TableOperations::tagResource);
        DYNAMODB.put("UntagResource", TableOperations::untagResource);
        DYNAMODB.put("ListTagsOfResource", TableOperations::listTagsOfResource);
        DYNAMODB.put("PutItem", ItemOperations::putItem);
        DYNAMODB.put("GetItem", ItemOperations::getItem);
        DYNAMODB.put("UpdateItem", ItemOperations::updateItem);
        DYNAMODB.put("DeleteItem", ItemOperations::deleteItem);
        DYNAMODB.put("Query", ReadOperations::query);
        DYNAMODB.put("Scan", ReadOperations::scan);
        DYNAMODB.put("BatchGetItem", BatchOperations::batchGetItem);
        DYNAMODB.put("BatchWriteItem", BatchOperations::batchWriteItem);
        DYNAMODB.put("TransactWriteItems", TransactOperations::transactWriteItems);
        DYNAMODB.put("TransactGetItems", TransactOperations::transactGetItems);
        STREAMS.put("ListStreams", StreamOperations::listStreams);
        STREAMS.put("DescribeStream", StreamOperations::describeStream);
        STREAMS.put("GetShardIterator", StreamOperations::getShardIterator);
        STREAMS.put("GetRecords", StreamOperations::getRecords);
    }

    private Operations() {
    }

    /** The operation's name from the target, e.g. {@code PutItem}. */
    public static String name(String target) {
        if (target == null) {
            return "";
        }
        int dot = target.indexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }

    /** The operation for an X-Amz-Target, or the error DynamoDB gives for the target. */
    public static Operation find(String target) {
        if (target == null) {
            throw new ApiException("UnknownOperationException", 400, "Missing the X-Amz-Target header");
        }
        String name = name(target);
        Operation operation = null;
        if (target.startsWith(Engine.DYNAMODB_PREFIX)) {
            operation = DYNAMODB.get(name);
            if (operation == null && DYNAMODB_API.contains(name)) {
                throw ApiException.unsupported("The operation " + name);
            }
        } else if (target.startsWith(Engine.STREAMS_PREFIX)) {
            operation = STREAMS.get(name);
        }
        if (operation == null) {
            throw new ApiException("UnknownOperationException", 400, "Unknown operation " + target);
        }
        return operation;
    }
}
