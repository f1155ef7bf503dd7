package dev.stratus.stacks;

import java.util.Map;

import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.schedule.ScheduledTask;
import dev.stratus.constructs.table.SecureTable;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/** Scheduled jobs: the nightly expiry of stale orders. */
public class JobsStack extends Stack {
    static final String EXPIRE_ORDERS_HANDLER = "dev.stratus.functions.expireorders.ExpireStaleOrdersHandler::handleRequest";

    private final ScheduledTask expireStaleOrders;

    public JobsStack(Construct scope, String id, StackProps props, AppConfig config, SecureTable orders) {
        super(scope, id, props);
        IKey functionKey = FunctionKeys.forStack(this, config);
        SecureFunction function = SecureFunction.Builder.create(this, "ExpireStaleOrdersFunction")
                .encryptionKey(functionKey)
                .description("Marks orders PENDING for longer than maxPendingAge as EXPIRED")
                .handler(EXPIRE_ORDERS_HANDLER)
                .codePath(FunctionAssets.jar(config, "expire-orders"))
                .timeout(Duration.minutes(5))
                .memorySize(1024)
                // one run at a time is enough for a nightly job, and bounds its DynamoDB load
                .reservedConcurrentExecutions(1)
                .environment("ORDERS_TABLE_NAME", orders.getTableName())
                .environment("ORDERS_STATUS_INDEX", DataStack.ORDERS_STATUS_INDEX)
                .build();
        orders.grantIndexActions(function, DataStack.ORDERS_STATUS_INDEX, "dynamodb:Query");
        orders.grantItemActions(function, "dynamodb:UpdateItem");

        this.expireStaleOrders = ScheduledTask.Builder.create(this, "ExpireStaleOrders")
                .description("Every night at 02:00: expire orders left PENDING too long")
                .schedule("cron(0 2 * * ? *)")
                .timeZone(config.scheduleTimeZone())
                .input(Map.of("maxPendingAge", config.maxPendingAge()))
                .function(function)
                .build();
    }

    public ScheduledTask getExpireStaleOrders() {
        return expireStaleOrders;
    }
}
