package dev.stratus.stacks;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.stream.StreamProcessor;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * Data stream → function → aggregation → storage: the orders table's DynamoDB stream, read by the
 * order-stats function through a {@link StreamProcessor}, kept as per-user and per-day aggregates in
 * the order statistics table that the web dashboard reads with one GetItem.
 */
public class StatsStack extends Stack {
    static final String ORDER_STATS_HANDLER = "dev.stratus.functions.orderstats.OrderStatsFunction::handleRequest";

    private final StreamProcessor orderStats;

    public StatsStack(Construct scope, String id, StackProps props, AppConfig config, DataStack data) {
        super(scope, id, props);
        IKey functionKey = FunctionKeys.forStack(this, config);
        SecureFunction function = SecureFunction.Builder.create(this, "OrderStatsFunction")
                .encryptionKey(functionKey)
                .description("Keeps per-user and per-day order statistics from the orders table's stream")
                .handler(ORDER_STATS_HANDLER)
                .codePath(FunctionAssets.jar(config, "order-stats"))
                .timeout(Duration.seconds(60))
                .memorySize(1024)
                .environment("STATS_TABLE_NAME", data.getOrderStats().getTableName())
                .build();
        // GetItem: what is counted for an order (and a record's marker); TransactWriteItems is authorized per
        // item as PutItem (ORDER#, RECORD#) and UpdateItem (the aggregates' ADD)
        data.getOrderStats().grantItemActions(function, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");

        this.orderStats = StreamProcessor.Builder.create(this, "OrderStats")
                .table(data.getOrders())
                .function(function)
                .encryptionKey(functionKey)
                .batchSize(100)
                .maxBatchingWindow(Duration.seconds(5))
                .build();

        // what the backfill command takes (functions/order-stats/README.md)
        CfnOutput.Builder.create(this, "OrdersTableName").value(data.getOrders().getTableName())
                .description("The orders table: --orders-table of the order statistics backfill").build();
        CfnOutput.Builder.create(this, "OrderStatsTableName").value(data.getOrderStats().getTableName())
                .description("The order statistics table: --stats-table of the backfill").build();
    }

    public StreamProcessor getOrderStats() {
        return orderStats;
    }
}
