package dev.stratus.functions.users;

import dev.stratus.functions.events.publish.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;

import dev.stratus.functions.events.publish.EventBridgePublisher;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.http.HttpFunction;
import dev.stratus.functions.http.HttpRequest;
import dev.stratus.functions.http.HttpResponse;
import dev.stratus.functions.http.Router;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the users service:
 * {@code POST /users}, {@code GET|PUT|DELETE /users/{userId}}. JSON bodies up to 4 KB. POST and PUT
 * take the e-mail address from the ID token's verified {@code email} claim. A created user is
 * announced as {@code user.created} on the bus {@code EVENT_BUS_NAME}, through the {@link Outbox}.
 */
public final class UsersFunction extends HttpFunction {
    static final int MAX_BODY_BYTES = 4096;

    private final UsersService users;
    private final Router router;

    /** On the request path: every DynamoDB call bounded, retries included. */
    static final Timeouts TIMEOUTS = Timeouts.of(Duration.ofSeconds(2), Duration.ofMillis(800));

    /** Used by Lambda: the clients are built once per execution environment. */
    public UsersFunction() {
        this(SdkClients.dynamo(System.getenv(), TIMEOUTS), System.getenv(), Clock.systemUTC(),
                EventBridgePublisher.fromEnvironment(System.getenv()), LambdaRuntime.getLogger());
    }

    UsersFunction(DynamoDbClient dynamo, Map<String, String> env, Clock clock, EventPublisher publisher, LambdaLogger log) {
        String table = Env.required(env, "USERS_TABLE_NAME");
        this.users = new UsersService(new UserStore(dynamo, table, new Outbox(dynamo, table, "pk", publisher, log)), clock);
        this.router = new Router()
                .on("POST", "/users", r -> {
                    User user = users.create(r.requireCaller(), r.verifiedEmail(), r.jsonBody(UserInput.class), r.correlationId());
                    return HttpResponse.created(user, "/users/" + user.id());
                })
                .on("GET", "/users/{userId}", r -> HttpResponse.ok(users.get(r.requireCaller(), r.pathParameter("userId"))))
                .on("PUT", "/users/{userId}", r -> HttpResponse.ok(users.update(r.requireCaller(), r.pathParameter("userId"),
                        r.verifiedEmail(), r.jsonBody(UserInput.class))))
                .on("DELETE", "/users/{userId}", r -> {
                    users.delete(r.requireCaller(), r.pathParameter("userId"));
                    return HttpResponse.noContent();
                });
    }

    @Override
    protected int maxBodyBytes() {
        return MAX_BODY_BYTES;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return router.route(request);
    }
}
