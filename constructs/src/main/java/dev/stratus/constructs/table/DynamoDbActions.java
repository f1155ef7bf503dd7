package dev.stratus.constructs.table;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The DynamoDB actions that accept a table ARN, and those that accept an index ARN, as the AWS
 * Service Authorization Reference lists them ("Actions defined by Amazon DynamoDB", resource types
 * {@code table} and {@code index}, September 2026). A grant of any other name would allow nothing:
 * {@code dynamodb:GetItems} is a typo, {@code dynamodb:TransactWriteItems} is an API operation that
 * IAM authorizes as PutItem, UpdateItem, DeleteItem and ConditionCheckItem on each item.
 */
final class DynamoDbActions {
    static final Set<String> TABLE = names("AssociateTableReplica", "BatchGetItem", "BatchWriteItem", "ConditionCheckItem",
            "CreateBackup", "CreateGlobalTable", "CreateGlobalTableWitness", "CreateTable", "CreateTableReplica",
            "DeleteGlobalTableWitness", "DeleteItem", "DeleteResourcePolicy", "DeleteTable", "DeleteTableReplica",
            "DescribeContinuousBackups", "DescribeContributorInsights", "DescribeKinesisStreamingDestination", "DescribeTable",
            "DescribeTableReplicaAutoScaling", "DescribeTimeToLive", "DisableKinesisStreamingDestination",
            "EnableKinesisStreamingDestination", "ExportTableToPointInTime", "GetItem", "GetResourcePolicy", "ImportTable",
            "ListExports", "ListImports", "ListTagsOfResource", "PartiQLDelete", "PartiQLInsert", "PartiQLSelect",
            "PartiQLUpdate", "PutItem", "PutResourcePolicy", "Query", "ReadDataForReplication", "ReplicateSettings",
            "RestoreTableFromAwsBackup", "RestoreTableFromBackup", "RestoreTableToPointInTime", "Scan", "SearchVectors",
            "StartAwsBackupJob", "TagResource", "UntagResource", "UpdateContinuousBackups", "UpdateContributorInsights",
            "UpdateGlobalTable", "UpdateGlobalTableSettings", "UpdateGlobalTableVersion", "UpdateItem",
            "UpdateKinesisStreamingDestination", "UpdateTable", "UpdateTableReplicaAutoScaling", "UpdateTimeToLive",
            "WriteDataForReplication");
    static final Set<String> INDEX = names("DescribeContributorInsights", "PartiQLSelect", "Query", "Scan", "SearchVectors",
            "UpdateContributorInsights");
    /** Actions that write items: the grantee also encrypts with the table's key. */
    static final Set<String> WRITES = names("BatchWriteItem", "DeleteItem", "PartiQLDelete", "PartiQLInsert", "PartiQLUpdate",
            "PutItem", "UpdateItem");

    private DynamoDbActions() {
    }

    private static Set<String> names(String... actions) {
        Set<String> names = new TreeSet<>();
        for (String action : actions) {
            names.add("dynamodb:" + action);
        }
        return Set.copyOf(names);
    }

    /** The action as IAM spells it (action names are case-insensitive), if {@code known} holds it. */
    static Optional<String> canonical(String action, Set<String> known) {
        return known.stream().filter(a -> a.equalsIgnoreCase(action)).findFirst();
    }

    /** The known action closest to {@code action}, for a "did you mean" hint. */
    static String closest(String action, Set<String> known) {
        String wanted = action.toLowerCase(Locale.ROOT);
        return known.stream().min(Comparator.comparingInt((String a) -> distance(wanted, a.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
    }

    /** Sorted, for messages. */
    static List<String> sorted(Set<String> known) {
        return known.stream().sorted().toList();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
