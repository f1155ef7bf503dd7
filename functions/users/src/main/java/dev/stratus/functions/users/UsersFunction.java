package dev.stratus.functions.users;

import java.time.Clock;
import java.util.Map;

import dev.stratus.functions.http.HttpFunction;
import dev.stratus.functions.http.HttpRequest;
import dev.stratus.functions.http.HttpResponse;
import dev.stratus.functions.http.Json;
import dev.stratus.functions.http.Router;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the users service:
 * {@code POST /users}, {@code GET|PUT|DELETE /users/{userId}}. Bodies up to 4 KB.
 */
public final class UsersFunction extends HttpFunction {
    static final int MAX_BODY_BYTES = 4096;

    private final UsersService users;
    private final Router router;

    /** Used by Lambda: the client is built once per execution environment. */
    public UsersFunction() {
        this(DynamoDbClient.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .region(Region.of(System.getenv("AWS_REGION")))
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                        .build(),
                System.getenv(), Clock.systemUTC());
    }

    UsersFunction(DynamoDbClient dynamo, Map<String, String> env, Clock clock) {
        String table = env.get("USERS_TABLE_NAME");
        if (table == null || table.isBlank()) {
            throw new IllegalStateException("environment variable USERS_TABLE_NAME is required (the users table's name)");
        }
        this.users = new UsersService(new UserStore(dynamo, table), clock);
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

    @Override
    protected int maxBodyBytes() {
        return MAX_BODY_BYTES;
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return router.route(request);
    }
}
