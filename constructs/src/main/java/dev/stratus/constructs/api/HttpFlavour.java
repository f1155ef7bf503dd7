package dev.stratus.constructs.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stratus.constructs.internal.NagSuppressions;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpNoneAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;

/** The HTTP API (API Gateway v2) flavour of a {@link BffApi}. */
final class HttpFlavour implements Gateway {
    final HttpApi api;
    final HttpStage stage;
    private final JwtAuth jwt;
    private final HttpJwtAuthorizer authorizer;
    private final Map<String, HttpLambdaIntegration> integrations = new LinkedHashMap<>();
    private final Map<String, HttpRoute> routes = new LinkedHashMap<>();
    private final Map<String, Object> routeSettings = new LinkedHashMap<>();

    HttpFlavour(BffApi scope, String name, BffApiProps props, LogGroup accessLogs) {
        HttpApi.Builder builder = HttpApi.Builder.create(scope, "HttpApi")
                .apiName(name)
                .description(props.description())
                .createDefaultStage(false);
        if (props.cors() != null) {
            Cors cors = props.cors();
            builder.corsPreflight(CorsPreflightOptions.builder()
                    .allowOrigins(cors.origins())
                    .allowCredentials(cors.allowCredentials())
                    .allowHeaders(cors.allowHeaders())
                    .allowMethods(List.of(CorsHttpMethod.ANY))
                    .maxAge(cors.maxAge())
                    .build());
        }
        this.api = builder.build();

        IAccessLogDestination destination = new LogGroupLogDestination(accessLogs);
        AccessLogFormat format = BffApi.accessLogFormat(false);
        this.stage = HttpStage.Builder.create(scope, "Stage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .detailedMetricsEnabled(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(props.throttle().rateLimit())
                        .burstLimit(props.throttle().burstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return destination;
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return format;
                    }
                })
                .build();

        this.jwt = props.jwt();
        // not a construct until a route binds it, so creating it without a JWT route leaves nothing behind
        this.authorizer = jwt == null ? null : new HttpJwtAuthorizer("JwtAuthorizer", jwt.issuer(),
                HttpJwtAuthorizerProps.builder().jwtAudience(jwt.audiences()).build());
    }

    @Override
    public void addRoute(ApiRoute route) {
        IFunction function = route.function();
        // one integration per function; its id derives from the function's path, so reordering routes replaces nothing
        String integrationId = "Integration" + function.getNode().getPath().replaceAll("[^A-Za-z0-9]", "");
        HttpLambdaIntegration integration = integrations.computeIfAbsent(integrationId, id -> new HttpLambdaIntegration(id, function));
        AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                .path(route.path())
                .methods(List.of(HttpMethod.valueOf(route.method())))
                .integration(integration)
                .authorizer(authorizerFor(route.auth()));
        if (route.auth() == RouteAuth.JWT && !jwt.scopes().isEmpty()) {
            options.authorizationScopes(jwt.scopes());
        }
        HttpRoute added = api.addRoutes(options.build()).get(0);
        routes.put(route.toString(), added);
        if (route.throttle() != null) {
            routeSettings.put(route.toString(), new java.util.TreeMap<>(Map.of(
                    "ThrottlingRateLimit", route.throttle().rateLimit(),
                    "ThrottlingBurstLimit", route.throttle().burstLimit())));
            ((CfnStage) stage.getNode().getDefaultChild()).setRouteSettings(new LinkedHashMap<>(routeSettings));
        }
        if (route.auth() == RouteAuth.IAM) {
            NagSuppressions.suppress((CfnResource) added.getNode().getDefaultChild(), "AwsSolutions-APIG4",
                    "Authorized with AWS IAM (SigV4): a service-to-service route, declared RouteAuth.IAM");
        }
    }

    private IHttpRouteAuthorizer authorizerFor(RouteAuth auth) {
        return switch (auth) {
            case JWT -> authorizer;
            case IAM -> new HttpIamAuthorizer();
            case NONE -> new HttpNoneAuthorizer();
        };
    }

    @Override
    public Grant grantInvoke(IGrantable grantee, String route) {
        return routes.get(route).grantInvoke(grantee);
    }

    @Override
    public Optional<ApiAuthorizer> authorizer() {
        return Optional.ofNullable(authorizer).map(ApiAuthorizer.HttpJwt::new);
    }

    @Override
    public String url() {
        return stage.getUrl();
    }

    @Override
    public Metric metricServerErrors() {
        return stage.metricServerError();
    }

    @Override
    public Metric metricClientErrors() {
        return stage.metricClientError();
    }

    @Override
    public Metric metricLatency() {
        return stage.metricLatency();
    }

    @Override
    public Metric metricCount() {
        return stage.metricCount();
    }

    /** Route-level metrics (detailed metrics are on): dimensions ApiId, Stage, Method and Resource (the route's path). */
    @Override
    public Metric metricRoute(ApiRoute route, RouteMetric kind) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("ApiId", api.getApiId());
        dimensions.put("Stage", stage.getStageName());
        dimensions.put("Method", route.method());
        dimensions.put("Resource", route.path());
        return Metric.Builder.create().namespace("AWS/ApiGateway").metricName(kind.http).dimensionsMap(dimensions)
                .statistic(kind.statistic).label(route.toString()).build();
    }
}
