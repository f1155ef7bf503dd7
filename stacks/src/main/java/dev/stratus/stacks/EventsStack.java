package dev.stratus.stacks;

import java.util.List;

import dev.stratus.constructs.events.EventConsumer;
import dev.stratus.constructs.events.EventDrivenService;
import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.schedule.ScheduledTask;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.events.EventPattern;
import software.constructs.Construct;

/**
 * The event-driven part: the users and orders services' events on a bus with an archive, two
 * independent consumers of {@code user.created}, the relay that publishes events left in the
 * producers' outboxes, and the order saga started by {@code order.placed} ({@link OrderSaga}).
 */
public class EventsStack extends Stack {
    static final String WELCOME_HANDLER = "dev.stratus.functions.userevents.UserEventFunctions$SendWelcomeEmail::handleRequest";
    static final String PROFILE_HANDLER = "dev.stratus.functions.userevents.UserEventFunctions$CreateUserProfile::handleRequest";
    static final String RELAY_HANDLER = "dev.stratus.functions.outboxrelay.RelayOutboxesFunction::handleRequest";

    private final EventDrivenService userEvents;
    private final OrderSaga orderSaga;

    public EventsStack(Construct scope, String id, StackProps props, AppConfig config, DataStack data) {
        super(scope, id, props);
        IKey functionKey = FunctionKeys.forStack(this, config);
        String consumersJar = FunctionAssets.jar(config, "user-events");
        SecureFunction welcome = SecureFunction.Builder.create(this, "SendWelcomeEmailFunction")
                .encryptionKey(functionKey)
                .description("Writes a welcome e-mail to the outgoing-mail table for each new user")
                .handler(WELCOME_HANDLER)
                .codePath(consumersJar)
                .environment("MAIL_TABLE_NAME", data.getOutgoingMail().getTableName())
                .build();
        data.getOutgoingMail().grantItemActions(welcome, "dynamodb:PutItem");
        SecureFunction profile = SecureFunction.Builder.create(this, "CreateUserProfileFunction")
                .encryptionKey(functionKey)
                .description("Creates the profile of each new user")
                .handler(PROFILE_HANDLER)
                .codePath(consumersJar)
                .environment("PROFILES_TABLE_NAME", data.getProfiles().getTableName())
                .build();
        data.getProfiles().grantItemActions(profile, "dynamodb:PutItem");

        EventPattern userCreated = EventPattern.builder().source(List.of("stratus.users")).detailType(List.of("user.created")).build();
        this.userEvents = EventDrivenService.Builder.create(this, "UserEvents")
                .consumer(EventConsumer.of("SendWelcomeEmail", welcome).eventPattern(userCreated))
                .consumer(EventConsumer.of("CreateUserProfile", profile).eventPattern(userCreated))
                .build();

        SecureFunction relay = SecureFunction.Builder.create(this, "RelayOutboxesFunction")
                .encryptionKey(functionKey)
                .description("Publishes events the users and orders services committed but did not publish yet")
                .handler(RELAY_HANDLER)
                .codePath(FunctionAssets.jar(config, "outbox-relay"))
                .timeout(Duration.minutes(1))
                .reservedConcurrentExecutions(1)
                .environment("OUTBOX_TABLES", data.getUsers().getTableName() + ":pk," + data.getOrders().getTableName() + ":orderId")
                .environment("EVENT_BUS_NAME", getEventBusName())
                .build();
        for (var table : java.util.List.of(data.getUsers(), data.getOrders())) {
            table.grantIndexActions(relay, DataStack.OUTBOX_INDEX, "dynamodb:Query");
            // DeleteItem: a published event; UpdateItem: quarantine an unreadable one — outbox items only
            OutboxGrants.grantOutboxItemActions(table, relay, "dynamodb:DeleteItem", "dynamodb:UpdateItem");
        }
        userEvents.grantPublish(relay);
        for (String consumer : userEvents.getConsumerNames()) {
            CfnOutput.Builder.create(this, "Redrive" + consumer)
                    .description("Moves the messages of consumer " + consumer + "'s DLQ back to its queue, once the cause is fixed")
                    .value(userEvents.redriveCommand(consumer))
                    .build();
        }
        ScheduledTask.Builder.create(this, "RelayOutboxes")
                .description("Every 5 minutes: publish events left in the producers' outboxes")
                .schedule("rate(5 minutes)")
                .function(relay)
                .build();

        this.orderSaga = new OrderSaga(this, "OrderSaga", config, data, userEvents, functionKey);
        CfnOutput.Builder.create(this, "RedriveOrderSaga")
                .description("Restarts every failed execution of the order saga from its failed step (within 14 days), once the cause is fixed")
                .value(orderSaga.getWorkflow().redriveCommand())
                .build();
    }

    /** The order-fulfilment saga started by order.placed. */
    public OrderSaga getOrderSaga() {
        return orderSaga;
    }

    public EventDrivenService getUserEvents() {
        return userEvents;
    }

    /** The name of the bus the users service publishes to. */
    public String getEventBusName() {
        return userEvents.getEventBus().orElseThrow().getEventBusName();
    }
}
