package dev.stratus.stacks;

import dev.stratus.constructs.table.SecureTable;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.constructs.Construct;

/** The stateful part of the app: the orders table. Deployed first, changed rarely. */
public class DataStack extends Stack {
    /** Orders by status, oldest first: the expiry job pages through the PENDING ones. */
    public static final String ORDERS_STATUS_INDEX = "status-createdAt-index";

    private final SecureTable orders;

    public DataStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        this.orders = SecureTable.Builder.create(this, "Orders")
                .partitionKey(string("orderId"))
                .globalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                        .indexName(ORDERS_STATUS_INDEX)
                        .partitionKey(string("status"))
                        .sortKey(string("createdAt"))
                        .projectionType(ProjectionType.KEYS_ONLY)
                        .build())
                .build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public SecureTable getOrders() {
        return orders;
    }
}
