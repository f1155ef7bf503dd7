package dev.stratus.stacks;


import dev.stratus.constructs.api.ApiRoute;
import dev.stratus.constructs.api.BffApi;
import dev.stratus.constructs.api.Cors;
import dev.stratus.constructs.api.JwtAuth;
import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The backend-for-frontend API: the users and orders services as shared routes, the web and mobile
 * dashboards under their client prefixes. Each function is granted exactly the table actions it uses.
 */
public class ApiStack extends Stack {
    static final String USERS_HANDLER = "dev.stratus.functions.users.UsersFunction::handleRequest";
    static final String ORDERS_HANDLER = "dev.stratus.functions.orders.OrdersFunction::handleRequest";
    static final String WEB_HANDLER = "dev.stratus.functions.bff.DashboardFunctions$Web::handleRequest";
    static final String MOBILE_HANDLER = "dev.stratus.functions.bff.DashboardFunctions$Mobile::handleRequest";

    private final BffApi api;

    public ApiStack(Construct scope, String id, StackProps props, AppConfig config, DataStack data, EventsStack events) {
        super(scope, id, props);
        IKey functionKey = FunctionKeys.forStack(this, config);
        String bffJar = FunctionAssets.jar(config, "bff");

        SecureFunction users = SecureFunction.Builder.create(this, "UsersFunction")
                .encryptionKey(functionKey)
                .description("Users service: the caller's own user, unique e-mail")
                .handler(USERS_HANDLER)
                .codePath(FunctionAssets.jar(config, "users"))
                .environment("USERS_TABLE_NAME", data.getUsers().getTableName())
                .environment("EVENT_BUS_NAME", events.getEventBusName())
                .build();
        // TransactWriteItems is authorized per action on each item it writes (user, e-mail lock, outbox event)
        data.getUsers().grantItemActions(users, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem");
        events.getUserEvents().grantPublish(users);

        SecureFunction orders = SecureFunction.Builder.create(this, "OrdersFunction")
                .encryptionKey(functionKey)
                .description("Orders service: place, read, list the caller's orders")
                .handler(ORDERS_HANDLER)
                .codePath(FunctionAssets.jar(config, "orders"))
                .environment("ORDERS_TABLE_NAME", data.getOrders().getTableName())
                .environment("PRODUCTS_TABLE_NAME", data.getProducts().getTableName())
                .environment("EVENT_BUS_NAME", events.getEventBusName())
                .build();
        // PutItem: the order and its outbox event (one transaction); DeleteItem: the event once published
        data.getOrders().grantItemActions(orders, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem");
        events.getUserEvents().grantPublish(orders);
        data.getOrders().grantIndexActions(orders, DataStack.ORDERS_USER_INDEX, "dynamodb:Query");
        data.getProducts().grantItemActions(orders, "dynamodb:BatchGetItem");

        SecureFunction web = SecureFunction.Builder.create(this, "WebBffFunction")
                .encryptionKey(functionKey)
                .description("Web BFF: GET /web/dashboard")
                .handler(WEB_HANDLER)
                .codePath(bffJar)
                .environment("USERS_TABLE_NAME", data.getUsers().getTableName())
                .environment("ORDERS_TABLE_NAME", data.getOrders().getTableName())
                .build();
        grantDashboardReads(data, web);

        SecureFunction mobile = SecureFunction.Builder.create(this, "MobileBffFunction")
                .encryptionKey(functionKey)
                .description("Mobile BFF: GET /mobile/dashboard")
                .handler(MOBILE_HANDLER)
                .codePath(bffJar)
                .environment("USERS_TABLE_NAME", data.getUsers().getTableName())
                .environment("ORDERS_TABLE_NAME", data.getOrders().getTableName())
                .environment("NOTIFICATIONS_TABLE_NAME", data.getNotifications().getTableName())
                .build();
        grantDashboardReads(data, mobile);
        data.getNotifications().grantItemActions(mobile, "dynamodb:Query");

        this.api = BffApi.Builder.create(this, "Api")
                .description("Stratus " + config.stage() + " backend-for-frontend API")
                .jwt(JwtAuth.of(config.jwtIssuer(), config.jwtAudiences()))
                .cors(Cors.allowOrigins(config.corsOrigins().toArray(String[]::new)).withCredentials())
                .route(ApiRoute.post("/users", users),
                        ApiRoute.get("/users/{userId}", users),
                        ApiRoute.put("/users/{userId}", users),
                        ApiRoute.delete("/users/{userId}", users),
                        ApiRoute.post("/orders", orders),
                        ApiRoute.get("/orders", orders),
                        ApiRoute.get("/orders/{orderId}", orders))
                .client("web", ApiRoute.get("/dashboard", web))
                .client("mobile", ApiRoute.get("/dashboard", mobile))
                .build();
        CfnOutput.Builder.create(this, "ApiUrl").value(api.getUrl()).description("Invoke URL of the API").build();
    }

    /** The dashboards only read: the user item, and a user's orders through the user index. */
    private static void grantDashboardReads(DataStack data, SecureFunction bff) {
        data.getUsers().grantItemActions(bff, "dynamodb:GetItem");
        data.getOrders().grantIndexActions(bff, DataStack.ORDERS_USER_INDEX, "dynamodb:Query");
    }

    public BffApi getApi() {
        return api;
    }
}
