package dev.stratus.functions.bff;

import java.time.Instant;
import java.util.Map;

import dev.stratus.functions.bootstrap.Env;
import dev.stratus.functions.bootstrap.SdkClients;
import dev.stratus.functions.bootstrap.Timeouts;
import dev.stratus.functions.http.HttpFunction;
import dev.stratus.functions.http.HttpRequest;
import dev.stratus.functions.http.HttpResponse;
import dev.stratus.functions.http.Router;
import dev.stratus.functions.telemetry.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda entry points of the two BFFs, sharing one jar: {@link Web} answers
 * {@code GET /web/dashboard}, {@link Mobile} {@code GET /mobile/dashboard}, each for the caller
 * named by the verified JWT. The breakers live as long as the execution environment.
 */
public final class DashboardFunctions {
    private DashboardFunctions() {
    }

    static Dashboards fromEnvironment(Map<String, String> env) {
        DashboardSettings settings = DashboardSettings.fromEnvironment(env);
        DynamoDbClient dynamo = SdkClients.dynamo(env, sdkTimeouts(settings));
        TableReaders readers = new TableReaders(dynamo, Env.required(env, "USERS_TABLE_NAME"), Env.required(env, "ORDERS_TABLE_NAME"),
                env.getOrDefault("NOTIFICATIONS_TABLE_NAME", ""), env.getOrDefault("STATS_TABLE_NAME", ""));
        return new Dashboards(readers, readers, readers, settings, Instant::now, Metrics.toStandardOutput(Metrics.NAMESPACE));
    }

    /** The web dashboard's stats part reads the order statistics: their table is required. */
    static Map<String, String> withStatsTable(Map<String, String> env) {
        Env.required(env, "STATS_TABLE_NAME", "the order statistics the web dashboard's stats part reads");
        return env;
    }

    /**
     * The SDK stops each DynamoDB call at the dashboards' call timeout, each attempt at half of it
     * (one retry fits): the {@link Fanout} cancels the waiting thread, the SDK the HTTP request.
     */
    static Timeouts sdkTimeouts(DashboardSettings settings) {
        return Timeouts.of(settings.callTimeout(), settings.callTimeout().dividedBy(2));
    }

    /** {@code GET /web/dashboard}. */
    public static final class Web extends HttpFunction {
        private final Router router;

        public Web() {
            this(fromEnvironment(withStatsTable(System.getenv())));
        }

        Web(Dashboards dashboards) {
            this.router = new Router().on("GET", "/web/dashboard", r -> HttpResponse.ok(dashboards.web(r.requireCaller())));
        }

        @Override
        protected HttpResponse handle(HttpRequest request) {
            return router.route(request);
        }
    }

    /** {@code GET /mobile/dashboard}. */
    public static final class Mobile extends HttpFunction {
        private final Router router;

        public Mobile() {
            this(fromEnvironment(System.getenv()));
        }

        Mobile(Dashboards dashboards) {
            this.router = new Router().on("GET", "/mobile/dashboard", r -> HttpResponse.ok(dashboards.mobile(r.requireCaller())));
        }

        @Override
        protected HttpResponse handle(HttpRequest request) {
            return router.route(request);
        }
    }
}
