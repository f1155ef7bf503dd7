package com.example.orders;

import java.util.List;
import java.util.Map;

import dev.stratus.constructs.api.ApiRoute;
import dev.stratus.constructs.api.BffApi;
import dev.stratus.constructs.api.JwtAuth;
import dev.stratus.constructs.events.EventConsumer;
import dev.stratus.constructs.events.EventDrivenService;
import dev.stratus.constructs.files.FileIngest;
import dev.stratus.constructs.function.SecureFunction;
import dev.stratus.constructs.schedule.ScheduledTask;
import dev.stratus.constructs.stream.StreamProcessor;
import dev.stratus.constructs.table.SecureTable;
import dev.stratus.constructs.workflow.Workflow;
import dev.stratus.constructs.workflow.WorkflowStep;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.events.EventPattern;
import software.constructs.Construct;

/**
 * Every Stratus construct once: the orders table and its API, a nightly job, events with a consumer,
 * the table's stream, a file import and the order workflow started by each {@code order.placed}.
 */
public final class OrdersStack extends Stack {
    /** The stand-in deployment asset (lambda/README.txt); a real app names its function jars. */
    static final String CODE = "lambda";

    OrdersStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        SecureTable orders = SecureTable.Builder.create(this, "Orders")
                .partitionKey(Attribute.builder().name("orderId").type(AttributeType.STRING).build())
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .build();

        SecureFunction api = function("Api");
        orders.grantItemActions(api, "dynamodb:GetItem", "dynamodb:PutItem");
        BffApi.Builder.create(this, "Http")
                .jwt(JwtAuth.of("https://auth.example.com/", List.of("orders-web")))
                .route(ApiRoute.get("/orders/{orderId}", api), ApiRoute.post("/orders", api))
                .build();

        SecureFunction expire = function("ExpireOrders");
        orders.grantItemActions(expire, "dynamodb:UpdateItem");
        ScheduledTask.Builder.create(this, "Nightly")
                .schedule("cron(0 2 * * ? *)")
                .input(Map.of("maxPendingAge", "PT48H"))
                .function(expire)
                .build();

        EventDrivenService events = EventDrivenService.Builder.create(this, "Events")
                .consumer(EventConsumer.of("SendReceipt", function("SendReceipt")).eventPattern(orderPlaced()))
                .build();
        events.grantPublish(api);

        StreamProcessor.Builder.create(this, "Stats")
                .table(orders)
                .function(function("Stats"))
                .build();

        SecureFunction importer = function("Import");
        FileIngest imports = FileIngest.Builder.create(this, "Imports")
                .function(importer)
                .prefix("imports/")
                .suffix(".csv")
                .build();
        imports.grantRead(importer, "imports/");
        orders.grantItemActions(importer, "dynamodb:BatchWriteItem");

        Workflow fulfil = Workflow.Builder.create(this, "Fulfil")
                .step(WorkflowStep.of("Reserve", function("Reserve")).compensation(function("Release")))
                .step(WorkflowStep.of("Confirm", function("Confirm")))
                .build();
        fulfil.startOnEvent(events.getEventBus().orElseThrow(), orderPlaced());
    }

    private static EventPattern orderPlaced() {
        return EventPattern.builder().source(List.of("orders")).detailType(List.of("order.placed")).build();
    }

    private SecureFunction function(String name) {
        return SecureFunction.Builder.create(this, name + "Function")
                .handler("com.example.orders." + name + "Handler::handleRequest")
                .codePath(CODE)
                .build();
    }
}
