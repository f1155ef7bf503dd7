package dev.stratus.constructs.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.AlarmFactory.Spec;
import dev.stratus.constructs.internal.KeyPolicies;
import dev.stratus.constructs.internal.LogGroupNames;
import dev.stratus.constructs.internal.NagSuppressions;
import dev.stratus.constructs.internal.Widgets;
import dev.stratus.constructs.monitoring.AlarmPolicy;
import dev.stratus.constructs.monitoring.Monitored;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.Stage;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;
import software.constructs.IConstruct;

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
public class BffApi extends Construct implements Monitored {
    private BffApiProps props;
    private final IKey key;
    private final LogGroup accessLogs;
    private final Gateway gateway;
    private final AlarmFactory alarms;

    /**
     * Creates the BffApi and everything it owns in {@code scope} under {@code id}.
     * @param scope the parent construct
     * @param id this construct's id, part of every child's logical id
     * @param props the props; invalid ones fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range
     */
    public BffApi(Construct scope, String id, BffApiProps props) {
        super(scope, id);
        BffApiValidation.validate(id, props);
        this.props = props;
        this.key = props.encryptionKey() != null ? props.encryptionKey() : Key.Builder.create(this, "Key")
                .description("Encrypts the access logs of " + getNode().getPath())
                .enableKeyRotation(true)
                .build();
        // the key serves only the log groups named under this stack's prefix (no key <-> log group cycle)
        KeyPolicies.allowStackLogGroups(key, this);
        this.accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .logGroupName(LogGroupNames.of(this) + "/AccessLogs")
                .retention(props.logRetention())
                .encryptionKey(key)
                .build();
        String name = props.apiName() != null ? props.apiName() : getNode().getPath().replace('/', '-');
        this.gateway = props.flavour() == ApiFlavour.HTTP
                ? new HttpFlavour(this, name, props, accessLogs)
                : new RestFlavour(this, name, props, accessLogs);
        props.routes().forEach(gateway::addRoute);
        this.alarms = new AlarmFactory(this, AlarmPolicy.resolve(this, props.alarms()));
        addAlarms();
    }

    /** The API's alarms (README: "Alarms"): error rates over periods with enough requests to mean something, p99 latency. */
    private void addAlarms() {
        alarms.add(Spec.atLeast(Defaults.ALARM_SERVER_ERROR_RATE, metricServerErrorRate(), Defaults.SERVER_ERROR_RATE_PERCENT,
                TreatMissingData.NOT_BREACHING, "%", "The API answered 5xx to too many requests (a failing function, a timeout, "
                        + "a broken integration); periods with fewer than " + Defaults.MIN_REQUESTS_FOR_RATE + " requests count as 0"));
        alarms.add(Spec.atLeast(Defaults.ALARM_LATENCY, gateway.metricLatency().with(MetricOptions.builder().statistic("p99").build()),
                Defaults.LATENCY_P99_MS, TreatMissingData.NOT_BREACHING, "ms",
                "The slowest 1% of requests took too long, for 15 minutes").periods(3, 3));
        alarms.add(Spec.atLeast(Defaults.ALARM_CLIENT_ERROR_RATE, metricClientErrorRate(), Defaults.CLIENT_ERROR_RATE_PERCENT,
                TreatMissingData.NOT_BREACHING, "%", "A spike of 4xx answers for 10 minutes: a client release that sends bad "
                        + "requests, or tokens the authorizer no longer accepts; periods with fewer than "
                        + Defaults.MIN_REQUESTS_FOR_RATE + " requests count as 0").periods(2, 2));
    }

    /** 5xx answers in % of the requests (5-minute periods; 0 with fewer than 20 requests). */
    public IMetric metricServerErrorRate() {
        return rate(gateway.metricServerErrors(), "server", "5xx rate (%)");
    }

    /** 4xx answers in % of the requests (5-minute periods; 0 with fewer than 20 requests). */
    public IMetric metricClientErrorRate() {
        return rate(gateway.metricClientErrors(), "client", "4xx rate (%)");
    }

    /** {@code errors} (named {@code id}: both rates may share a graph) in % of the requests. */
    private IMetric rate(Metric errors, String id, String label) {
        return MathExpression.Builder.create()
                .expression("IF(requests >= " + Defaults.MIN_REQUESTS_FOR_RATE + ", 100 * FILL(" + id + ", 0) / requests, 0)")
                // sorted: Map.of iterates in an order that changes from JVM to JVM, and so would the template
                .usingMetrics(new java.util.TreeMap<>(new java.util.TreeMap<>(Map.of("requests", metricCount(), id, errors))))
                .label(label)
                .period(software.amazon.awscdk.Duration.minutes(5))
                .build();
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

    /**
     * Adds shared routes after construction, as {@code HttpApi.addRoutes} does. They are validated
     * with the routes already there (a route declared twice, a path part named differently, a JWT
     * route without {@code jwt}, ...); when one is refused, none is added.
     */
    public void addRoute(ApiRoute... routes) {
        add(props.toBuilder().route(routes).build());
    }

    /** Adds routes of client {@code name} under {@code /name} after construction; see {@link #addRoute}. */
    public void addClientRoute(String name, ApiRoute... routes) {
        add(props.toBuilder().client(name, routes).build());
    }

    private void add(BffApiProps next) {
        BffApiValidation.validate(getNode().getId(), next);
        List<ApiRoute> added = next.routes().subList(props.routes().size(), next.routes().size());
        props = next;
        added.forEach(gateway::addRoute);
    }

    /**
     * Lets {@code grantee} call {@code routes} ({@code "GET /internal/users/{userId}"}, as
     * {@link #getRoutes()} lists them), which must be {@link RouteAuth#IAM} routes: {@code
     * execute-api:Invoke} on each, a path parameter becoming {@code *} (HTTP: everything from the
     * first parameter on, as {@code HttpRoute.grantInvoke} does).
     */
    public Grant grantInvoke(IGrantable grantee, String... routes) {
        List<String> iamRoutes = props.routes().stream().filter(r -> r.auth() == RouteAuth.IAM).map(ApiRoute::toString).toList();
        if (routes == null || routes.length == 0) {
            throw new IllegalArgumentException("grantInvoke needs at least one route of BffApi '" + getNode().getId()
                    + "', e.g. \"GET /internal/users/{userId}\"; its IAM routes are " + iamRoutes);
        }
        Grant grant = null;
        for (String route : routes) {
            ApiRoute declared = props.routes().stream().filter(r -> r.toString().equals(route)).findFirst().orElse(null);
            if (declared == null) {
                throw new IllegalArgumentException("grantInvoke: BffApi '" + getNode().getId() + "' has no route '" + route
                        + "'; its IAM routes are " + iamRoutes);
            }
            if (declared.auth() != RouteAuth.IAM) {
                throw new IllegalArgumentException("grantInvoke: route " + route + " of BffApi '" + getNode().getId()
                        + "' uses " + declared.auth() + " authorization, and IAM permissions only open RouteAuth.IAM routes; "
                        + "its IAM routes are " + iamRoutes);
            }
            Grant one = gateway.grantInvoke(grantee, route);
            suppressWildcards(grantee, one, route);
            grant = grant == null ? one : grant.combine(one);
        }
        return grant;
    }

    /**
     * The {@code *} of an invoke grant stands for this route only (its path parameters; the HTTP
     * flavour's only stage, {@code $default}): recorded on the grantee role's policy, limited to
     * those ARNs, so that cdk-nag's wildcard rule does not report the wiring this construct chose.
     */
    private void suppressWildcards(IGrantable grantee, Grant grant, String route) {
        IConstruct policy = grantee.getGrantPrincipal() instanceof IRole role ? role.getNode().tryFindChild("DefaultPolicy") : null;
        if (policy == null || !(policy.getNode().getDefaultChild() instanceof CfnResource resource)) {
            return;
        }
        String[] findings = grant.getPrincipalStatements().stream().flatMap(st -> st.getResources().stream())
                .filter(arn -> arn.contains("*")).map(arn -> NagSuppressions.resourceFinding(resource, arn)).toArray(String[]::new);
        if (findings.length > 0) {
            NagSuppressions.suppress(resource, "AwsSolutions-IAM5", "execute-api:Invoke on " + route + " of " + getNode().getPath()
                    + ", a RouteAuth.IAM route granted by grantInvoke: '*' stands for the route's path parameters (HTTP: the "
                    + "path from its first parameter on, as HttpRoute.grantInvoke writes it) and, HTTP flavour, for its one "
                    + "stage $default", findings);
        }
    }

    /** The flavour built: HTTP API or REST API with WAF. */
    public ApiFlavour getFlavour() {
        return props.flavour();
    }

    /** The HTTP API, for the HTTP flavour: add routes of your own, CORS, domain mappings. */
    public Optional<HttpApi> getHttpApi() {
        return gateway instanceof HttpFlavour http ? Optional.of(http.api) : Optional.empty();
    }

    /** The HTTP API's {@code $default} stage, for the HTTP flavour. */
    public Optional<HttpStage> getHttpStage() {
        return gateway instanceof HttpFlavour http ? Optional.of(http.stage) : Optional.empty();
    }

    /** The REST API, for the REST flavour. */
    public Optional<RestApi> getRestApi() {
        return gateway instanceof RestFlavour rest ? Optional.of(rest.api) : Optional.empty();
    }

    /** The REST API's deployment stage ({@code api}), for the REST flavour. */
    public Optional<Stage> getRestStage() {
        return gateway instanceof RestFlavour rest ? Optional.of(rest.api.getDeploymentStage()) : Optional.empty();
    }

    /** The usage plan, for the REST flavour with {@code usagePlan} set: issue keys with {@code addApiKey}. */
    public Optional<UsagePlan> getUsagePlan() {
        return gateway instanceof RestFlavour rest ? Optional.ofNullable(rest.usagePlan) : Optional.empty();
    }

    /** The AWS WAF web ACL, for the REST flavour with {@code waf} set: add rules with {@code addPropertyOverride}. */
    public Optional<CfnWebACL> getWebAcl() {
        return gateway instanceof RestFlavour rest ? Optional.ofNullable(rest.webAcl) : Optional.empty();
    }

    /**
     * The JWT authorizer: {@link ApiAuthorizer.HttpJwt} (HTTP flavour, when {@code jwt} is set) or
     * {@link ApiAuthorizer.Cognito} (REST flavour, once a JWT route uses it).
     */
    public Optional<ApiAuthorizer> getAuthorizer() {
        return gateway.authorizer();
    }

    /** The invoke URL of the stage, ending with '/'. */
    public String getUrl() {
        return gateway.url();
    }

    /** The access log group. */
    public LogGroup getAccessLogs() {
        return accessLogs;
    }

    /** The key encrypting the access logs: the one created, or {@code encryptionKey}. */
    public IKey getKey() {
        return key;
    }

    /** Every route, e.g. {@code GET /web/dashboard}. */
    public List<String> getRoutes() {
        return props.routes().stream().map(ApiRoute::toString).toList();
    }

    /** The routes declared {@link RouteAuth#NONE}: list them in your compliance documentation. */
    public List<String> getPublicRoutes() {
        return props.routes().stream().filter(r -> r.auth() == RouteAuth.NONE).map(ApiRoute::toString).toList();
    }

    /** Requests answered 5xx (sum over 5 minutes). */
    public Metric metricServerErrors() {
        return gateway.metricServerErrors();
    }

    /** Requests answered 4xx (sum over 5 minutes). */
    public Metric metricClientErrors() {
        return gateway.metricClientErrors();
    }

    /** Latency from request to response (average over 5 minutes). */
    public Metric metricLatency() {
        return gateway.metricLatency();
    }

    /** Requests (sum over 5 minutes). */
    public Metric metricCount() {
        return gateway.metricCount().with(MetricOptions.builder().statistic("Sum").build());
    }

    /** The API's alarms (README: "Alarms"). */
    @Override
    public List<Alarm> getAlarms() {
        return alarms.alarms();
    }

    /** Requests and errors, latency and error rates; then per route its requests, 4xx, 5xx and p99 latency. */
    @Override
    public List<IWidget> dashboardWidgets() {
        List<ApiRoute> routes = props.routes();
        java.util.function.Function<Gateway.RouteMetric, List<IMetric>> perRoute =
                kind -> routes.stream().<IMetric>map(r -> gateway.metricRoute(r, kind)).toList();
        return List.of(
                Widgets.heading("API", this),
                Widgets.graph("Requests, 4xx, 5xx", 8, List.of(metricCount(), metricClientErrors(), metricServerErrors())),
                Widgets.graph("Latency (ms)", 8, List.of(
                        gateway.metricLatency().with(MetricOptions.builder().statistic("p50").label("p50").build()),
                        gateway.metricLatency().with(MetricOptions.builder().statistic("p99").label("p99").build()))),
                Widgets.graph("Error rates (%)", 8, List.of(metricClientErrorRate(), metricServerErrorRate())),
                Widgets.graph("Requests per route", 6, perRoute.apply(Gateway.RouteMetric.COUNT)),
                Widgets.graph("4xx per route", 6, perRoute.apply(Gateway.RouteMetric.CLIENT_ERRORS)),
                Widgets.graph("5xx per route", 6, perRoute.apply(Gateway.RouteMetric.SERVER_ERRORS)),
                Widgets.graph("p99 latency per route (ms)", 6, perRoute.apply(Gateway.RouteMetric.LATENCY)));
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

        /** Starts a {@link BffApi} named {@code id} in {@code scope}; set its props, then {@link #build()}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** Sets {@link BffApiProps#flavour()} (meaning and default there). */
        public Builder flavour(ApiFlavour flavour) {
            props.flavour(flavour);
            return this;
        }

        /** Sets {@link BffApiProps#apiName()} (meaning and default there). */
        public Builder apiName(String apiName) {
            props.apiName(apiName);
            return this;
        }

        /** Sets {@link BffApiProps#description()} (meaning and default there). */
        public Builder description(String description) {
            props.description(description);
            return this;
        }

        /** Sets {@link BffApiProps#jwt()} (meaning and default there). */
        public Builder jwt(JwtAuth jwt) {
            props.jwt(jwt);
            return this;
        }

        /** Sets {@link BffApiProps#cors()} (meaning and default there). */
        public Builder cors(Cors cors) {
            props.cors(cors);
            return this;
        }

        /** Sets {@link BffApiProps#throttle()} (meaning and default there). */
        public Builder throttle(Throttle throttle) {
            props.throttle(throttle);
            return this;
        }

        /** Sets {@link BffApiProps#logRetention()} (meaning and default there). */
        public Builder logRetention(RetentionDays retention) {
            props.logRetention(retention);
            return this;
        }

        /** Sets {@link BffApiProps#encryptionKey()} (meaning and default there). */
        public Builder encryptionKey(IKey key) {
            props.encryptionKey(key);
            return this;
        }

        /** Sets {@link BffApiProps#waf()} (meaning and default there). */
        public Builder waf(WafOptions waf) {
            props.waf(waf);
            return this;
        }

        /** Sets {@link BffApiProps#usagePlan()} (meaning and default there). */
        public Builder usagePlan(UsagePlanOptions usagePlan) {
            props.usagePlan(usagePlan);
            return this;
        }

        /** Sets {@link BffApiProps#manageAccountLogRole()} (meaning and default there). */
        public Builder manageAccountLogRole(Boolean manage) {
            props.manageAccountLogRole(manage);
            return this;
        }

        /** Sets the prop of this name: see {@link BffApiProps.Builder} for its meaning and default. */
        public Builder route(ApiRoute... routes) {
            props.route(routes);
            return this;
        }

        /** @see BffApiProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            props.alarms(alarms);
            return this;
        }

        public Builder client(String name, ApiRoute... routes) {
            props.client(name, routes);
            return this;
        }

        /** Creates the {@link BffApi}; invalid props fail with one {@link IllegalArgumentException} naming each prop, its value and the allowed range. */
        public BffApi build() {
            return new BffApi(scope, id, props.build());
        }
    }
}
