package dev.stratus.stacks;

import dev.stratus.constructs.table.SecureTable;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.constructs.Construct;

/** The stateful part of the app: orders, users, products and notifications tables. Deployed first, changed rarely. */
public class DataStack extends Stack {
    /** Orders by status, oldest first: the expiry job pages through the PENDING ones. */
    public static final String ORDERS_STATUS_INDEX = "status-createdAt-index";
    /** A user's orders by time: the orders service and the BFFs list them newest first. */
    public static final String ORDERS_USER_INDEX = "userId-createdAt-index";

    private final SecureTable orders;
    private final SecureTable users;
    private final SecureTable products;
    private final SecureTable notifications;

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
                .globalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                        .indexName(ORDERS_USER_INDEX)
                        .partitionKey(string("userId"))
                        .sortKey(string("createdAt"))
                        .projectionType(ProjectionType.ALL)
                        .build())
                .build();
        // users at USER#<id> and one lock item per e-mail address at EMAIL#<address>
        this.users = SecureTable.Builder.create(this, "Users").partitionKey(string("pk")).build();
        this.products = SecureTable.Builder.create(this, "Products").partitionKey(string("productId")).build();
        this.notifications = SecureTable.Builder.create(this, "Notifications")
                .partitionKey(string("userId"))
                .sortKey(string("notificationId"))
                .build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public SecureTable getOrders() {
        return orders;
    }

    public SecureTable getUsers() {
        return users;
    }

    public SecureTable getProducts() {
        return products;
    }

    public SecureTable getNotifications() {
        return notifications;
    }
}
