package dev.stratus.stacks;

import dev.stratus.constructs.table.SecureTable;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.constructs.Construct;

/**
 * The stateful part of the app: orders (with a change stream), order statistics, users, products,
 * notifications, outgoing mail, profiles and payments tables. Deployed first, changed rarely.
 */
public class DataStack extends Stack {
    /** Orders by status, oldest first: the expiry job pages through the PENDING ones. */
    public static final String ORDERS_STATUS_INDEX = "status-createdAt-index";
    /** A user's orders by time: the orders service and the BFFs list them newest first. */
    public static final String ORDERS_USER_INDEX = "userId-createdAt-index";
    /** Events a producer (users, orders) committed to its table but has not published yet. */
    public static final String OUTBOX_INDEX = "outbox-index";
    /** The orders table's time-to-live attribute: only the orders service's Idempotency-Key records carry it. */
    public static final String ORDERS_TTL_ATTRIBUTE = "expiresAt";
    /** The order statistics' time-to-live attribute: the stream records applied expire after two days. */
    public static final String ORDER_STATS_TTL_ATTRIBUTE = "expiresAt";

    private final SecureTable orders;
    private final SecureTable users;
    private final SecureTable products;
    private final SecureTable notifications;
    private final SecureTable outgoingMail;
    private final SecureTable profiles;
    private final SecureTable payments;
    private final SecureTable orderStats;

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
                .globalSecondaryIndex(outboxIndex())
                // the orders service's Idempotency-Key records expire after a day (epoch seconds)
                .timeToLiveAttribute(ORDERS_TTL_ATTRIBUTE)
                // old and new image of every change, for the order statistics (StatsStack)
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .build();
        // per-user and per-day aggregates, what is counted per order, and the stream records applied (issue 12)
        this.orderStats = SecureTable.Builder.create(this, "OrderStats")
                .partitionKey(string("pk"))
                .timeToLiveAttribute(ORDER_STATS_TTL_ATTRIBUTE)
                .build();
        // users at USER#<id>, one lock item per e-mail address at EMAIL#<address>, and the outbox of
        // events not yet published at EVENT#<id>, found through the sparse outbox index (orders has one too)
        this.users = SecureTable.Builder.create(this, "Users")
                .partitionKey(string("pk"))
                .globalSecondaryIndex(outboxIndex())
                .build();
        // welcome e-mails for the mail adapter; the construct id predates the name and stays, as renaming
        // it would replace the table ("outbox" alone means the producers' event outbox)
        this.outgoingMail = SecureTable.Builder.create(this, "MailOutbox").partitionKey(string("messageId")).build();
        this.profiles = SecureTable.Builder.create(this, "Profiles").partitionKey(string("userId")).build();
        this.products = SecureTable.Builder.create(this, "Products").partitionKey(string("productId")).build();
        // the order saga's payment authorizations (AUTH#<orderId>) and users' available credit (ACCOUNT#<userId>)
        this.payments = SecureTable.Builder.create(this, "Payments").partitionKey(string("pk")).build();
        this.notifications = SecureTable.Builder.create(this, "Notifications")
                .partitionKey(string("userId"))
                .sortKey(string("notificationId"))
                .build();
    }

    /** The sparse index of a producer's outbox: only pending event items carry {@code outbox}. */
    private static GlobalSecondaryIndexProps outboxIndex() {
        return GlobalSecondaryIndexProps.builder()
                .indexName(OUTBOX_INDEX)
                .partitionKey(string("outbox"))
                .sortKey(string("eventTime"))
                .projectionType(ProjectionType.ALL)
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

    /** Welcome e-mails waiting for the mail adapter (key {@code messageId}). */
    public SecureTable getOutgoingMail() {
        return outgoingMail;
    }

    public SecureTable getProfiles() {
        return profiles;
    }

    /** The order saga's payments: authorizations by order ({@code AUTH#<orderId>}), credit by user ({@code ACCOUNT#<userId>}). */
    public SecureTable getPayments() {
        return payments;
    }

    /** The order statistics the order-stats stream processor keeps and the web dashboard reads (key {@code pk}). */
    public SecureTable getOrderStats() {
        return orderStats;
    }
}
