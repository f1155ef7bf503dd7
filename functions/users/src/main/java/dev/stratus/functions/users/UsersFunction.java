package dev.stratus.functions.users;

import dev.stratus.functions.events.publish.Outbox;
import java.time.Clock;
import java.util.Map;

import dev.stratus.functions.events.publish.EventBridgePublisher;
import dev.stratus.functions.events.publish.EventPublisher;
import dev.stratus.functions.http.HttpFunction;
import dev.stratus.functions.http.HttpRequest;
import dev.stratus.functions.http.HttpResponse;
import dev.stratus.functions.http.Json;
import dev.stratus.functions.http.Router;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the users service:
 * {@code POST /users}, {@code GET|PUT|DELETE /users/{userId}}. Bodies up to 4 KB. A created user is
 * announced as {@code user.created} on the bus {@code EVENT_BUS_NAME}, through the {@link Outbox}.
 */
public final class UsersFunction extends HttpFunction {
    static final int MAX_BODY_BYTES = 4096;

    private final UsersService users;
    private final Router router;

    /** Used by Lambda: the clients are built once per execution environment. */
    public UsersFunction() {
        this(dynamo(System.getenv()), System.getenv(), Clock.systemUTC(), EventBridgePublisher.fromEnvironment(System.getenv()));
    }

    UsersFunction(DynamoDbClient dynamo, Map<String, String> env, Clock clock, EventPublisher publisher) {
        String table = required(env, "USERS_TABLE_NAME");
        this.users = new UsersService(new UserStore(dynamo, table, new Outbox(dynamo, table, "pk", publisher)), clock);
        this.router = new Router()
                .on("POST", "/users", r -> {
                    User user = users.create(r.requireCaller(), Json.read(r.body(), UserInput.class));
                    return HttpResponse.created(user, "/users/" + user.id());
                })
                .on("GET", "/users/{userId}", r -> HttpResponse.ok(users.get(r.requireCaller(), r.pathParameter("userId"))))
                .on("PUT", "/users/{userId}", r -> HttpResponse.ok(users.update(r.requireCaller(), r.pathParameter("userId"),
                        Json.read(r.body(), UserInput.class))))
                .on("DELETE", "/users/{userId}", r -> {
                    users.delete(r.requireCaller(), r.pathParameter("userId"));
                    return HttpResponse.noContent();
                });
    }

    static DynamoDbClient dynamo(Map<String, String> env) {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.get("AWS_REGION")))
                .build();
    }

    static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required");
        }
        return value;
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
