package dev.stratus.constructs.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.constructs.internal.KeyPolicies;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.IRestApi;
import software.amazon.awscdk.services.apigateway.IStage;
import software.amazon.awscdk.services.apigatewayv2.IHttpApi;
import software.amazon.awscdk.services.apigatewayv2.IHttpStage;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * A backend-for-frontend front door: an API Gateway (HTTP API by default, or REST) built from a
 * small route table, with a dedicated prefix per client type and shared domain routes.
 *
 * <p>Every route targets its function's {@code live} alias and uses the JWT authorizer unless it
 * asks for IAM or none; CORS allows only listed origins; the stage throttles (with per-route
 * overrides) and writes JSON access logs to a KMS-encrypted log group. The REST flavour adds
 * X-Ray, a request validator, execution logging and, on request, an AWS WAF web ACL.
 *
 * <pre>{@code
 * BffApi api = BffApi.Builder.create(this, "Api")
 *         .jwt(JwtAuth.cognito(userPool, List.of(webClientId, mobileClientId)))
 *         .cors(Cors.allowOrigins("https://app.example.com"))
 *         .route(ApiRoute.get("/users/{userId}", users), ApiRoute.post("/orders", orders))
 *         .client("web", ApiRoute.get("/dashboard", webBff))
 *         .client("mobile", ApiRoute.get("/dashboard", mobileBff))
 *         .build();
 * }</pre>
 */
public class BffApi extends Construct {
    private final BffApiProps props;
    private final IKey key;
    private final LogGroup accessLogs;
    private final HttpFlavour http;
    private final RestFlavour rest;

    public BffApi(Construct scope, String id, BffApiProps props) {
        super(scope, id);
        BffApiValidation.validate(id, props);
        this.props = props;
        this.key = props.encryptionKey() != null ? props.encryptionKey() : Key.Builder.create(this, "Key")
                .description("Encrypts the access logs of " + getNode().getPath())
                .enableKeyRotation(true)
                .build();
        KeyPolicies.allowCloudWatchLogs(key, this);
        this.accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(props.logRetention())
                .encryptionKey(key)
                .build();
        String name = props.apiName() != null ? props.apiName() : getNode().getPath().replace('/', '-');
        if (props.flavour() == ApiFlavour.HTTP) {
            this.http = new HttpFlavour(this, name, props, accessLogs);
            this.rest = null;
        } else {
            this.rest = new RestFlavour(this, name, props, accessLogs);
            this.http = null;
        }
    }

    /** JSON access log fields shared by both flavours ({@code $context} variables). */
    static AccessLogFormat accessLogFormat(boolean restFlavour) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("requestId", "$context.requestId");
        fields.put("requestTime", "$context.requestTime");
        fields.put("ip", "$context.identity.sourceIp");
        fields.put("method", "$context.httpMethod");
        fields.put("path", restFlavour ? "$context.resourcePath" : "$context.routeKey");
        fields.put("status", "$context.status");
        fields.put("protocol", "$context.protocol");
        fields.put("responseLength", "$context.responseLength");
        fields.put("integrationLatency", "$context.integrationLatency");
        fields.put("integrationError", "$context.integrationErrorMessage");
        fields.put("authorizerError", "$context.authorizer.error");
        fields.put("user", "$context.authorizer.claims.sub");
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"").append(v).append('"'));
        return AccessLogFormat.custom(json.append('}').toString());
    }

    public ApiFlavour getFlavour() {
        return props.flavour();
    }

    /** The HTTP API, for the HTTP flavour. */
    public Optional<IHttpApi> getHttpApi() {
        return Optional.ofNullable(http).map(h -> h.api);
    }

    /** The HTTP API's {@code $default} stage, for the HTTP flavour. */
    public Optional<IHttpStage> getHttpStage() {
        return Optional.ofNullable(http).map(h -> h.stage);
    }

    /** The REST API, for the REST flavour. */
    public Optional<IRestApi> getRestApi() {
        return Optional.ofNullable(rest).map(r -> r.api);
    }

    /** The REST API's deployment stage, for the REST flavour. */
    public Optional<IStage> getRestStage() {
        return Optional.ofNullable(rest).map(r -> r.api.getDeploymentStage());
    }

    /** The usage plan, for the REST flavour with {@code usagePlan} set. */
    public Optional<software.amazon.awscdk.services.apigateway.UsagePlan> getUsagePlan() {
        return Optional.ofNullable(rest).map(r -> r.usagePlan);
    }

    /** The JWT authorizer (HTTP: {@code HttpJwtAuthorizer}; REST: {@code CognitoUserPoolsAuthorizer}), when configured. */
    public Optional<Object> getAuthorizer() {
        return Optional.ofNullable(http != null ? http.authorizer : rest.authorizer);
    }

    /** The invoke URL of the stage, ending with '/'. */
    public String getUrl() {
        return http != null ? http.stage.getUrl() : rest.api.getUrl();
    }

    /** The access log group. */
    public ILogGroup getAccessLogs() {
        return accessLogs;
    }

    /** The key encrypting the access logs. */
    public IKey getKey() {
        return key;
    }

    /** Every route, e.g. {@code GET /web/dashboard}. */
    public List<String> getRoutes() {
        return props.routes().stream().map(ApiRoute::toString).toList();
    }

    /** The routes declared {@link RouteAuth#NONE}: list them in your compliance documentation. */
    public List<String> getPublicRoutes() {
        List<String> open = new ArrayList<>();
        props.routes().stream().filter(r -> r.auth() == RouteAuth.NONE).forEach(r -> open.add(r.toString()));
        return open;
    }

    /** Requests answered 5xx (sum over 5 minutes). */
    public Metric metricServerErrors() {
        return http != null ? http.stage.metricServerError() : rest.api.getDeploymentStage().metricServerError();
    }

    /** Requests answered 4xx (sum over 5 minutes). */
    public Metric metricClientErrors() {
        return http != null ? http.stage.metricClientError() : rest.api.getDeploymentStage().metricClientError();
    }

    /** Latency from request to response (average over 5 minutes). */
    public Metric metricLatency() {
        return http != null ? http.stage.metricLatency() : rest.api.getDeploymentStage().metricLatency();
    }

    /** A fluent builder in the style of the CDK's own constructs. */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final BffApiProps.Builder props = BffApiProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        public Builder flavour(ApiFlavour flavour) {
            props.flavour(flavour);
            return this;
        }

        public Builder apiName(String apiName) {
            props.apiName(apiName);
            return this;
        }

        public Builder description(String description) {
            props.description(description);
            return this;
        }

        public Builder jwt(JwtAuth jwt) {
            props.jwt(jwt);
            return this;
        }

        public Builder cors(Cors cors) {
            props.cors(cors);
            return this;
        }

        public Builder throttle(Throttle throttle) {
            props.throttle(throttle);
            return this;
        }

        public Builder logRetention(software.amazon.awscdk.services.logs.RetentionDays retention) {
            props.logRetention(retention);
            return this;
        }

        public Builder encryptionKey(IKey key) {
            props.encryptionKey(key);
            return this;
        }

        public Builder waf(WafOptions waf) {
            props.waf(waf);
            return this;
        }

        public Builder usagePlan(UsagePlanOptions usagePlan) {
            props.usagePlan(usagePlan);
            return this;
        }

        public Builder manageAccountLogRole(boolean manage) {
            props.manageAccountLogRole(manage);
            return this;
        }

        public Builder route(ApiRoute... routes) {
            props.route(routes);
            return this;
        }

        public Builder client(String name, ApiRoute... routes) {
            props.client(name, routes);
            return this;
        }

        public BffApi build() {
            return new BffApi(scope, id, props.build());
        }
    }
}
