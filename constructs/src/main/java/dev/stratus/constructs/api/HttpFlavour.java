package dev.stratus.constructs.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;

/** The HTTP API (API Gateway v2) flavour of a {@link BffApi}. */
final class HttpFlavour {
    final HttpApi api;
    final HttpStage stage;
    final HttpJwtAuthorizer authorizer;

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

        JwtAuth jwt = props.jwt();
        this.authorizer = jwt == null ? null : new HttpJwtAuthorizer("JwtAuthorizer", jwt.issuer(),
                HttpJwtAuthorizerProps.builder().jwtAudience(jwt.audiences()).build());

        Map<String, HttpLambdaIntegration> integrations = new LinkedHashMap<>();
        Map<String, Object> routeSettings = new LinkedHashMap<>();
        for (ApiRoute route : props.routes()) {
            IFunction function = route.function();
            // one integration per function; its id derives from the function's path, so reordering routes replaces nothing
            String integrationId = "Integration" + function.getNode().getPath().replaceAll("[^A-Za-z0-9]", "");
            HttpLambdaIntegration integration = integrations.computeIfAbsent(integrationId,
                    id -> new HttpLambdaIntegration(id, function));
            AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                    .path(route.path())
                    .methods(List.of(HttpMethod.valueOf(route.method())))
                    .integration(integration)
                    .authorizer(authorizerFor(route.auth()));
            if (route.auth() == RouteAuth.JWT && !jwt.scopes().isEmpty()) {
                options.authorizationScopes(jwt.scopes());
            }
            List<HttpRoute> added = api.addRoutes(options.build());
            if (route.throttle() != null) {
                routeSettings.put(route.toString(), Map.of(
                        "ThrottlingRateLimit", route.throttle().rateLimit(),
                        "ThrottlingBurstLimit", route.throttle().burstLimit()));
            }
            if (route.auth() == RouteAuth.IAM) {
                for (HttpRoute r : added) {
                    NagSuppressions.suppress((CfnResource) r.getNode().getDefaultChild(), "AwsSolutions-APIG4",
                            "Authorized with AWS IAM (SigV4): a service-to-service route, declared RouteAuth.IAM");
                }
            }
        }
        if (!routeSettings.isEmpty()) {
            ((CfnStage) stage.getNode().getDefaultChild()).addPropertyOverride("RouteSettings", routeSettings);
        }
    }

    private IHttpRouteAuthorizer authorizerFor(RouteAuth auth) {
        return switch (auth) {
            case JWT -> authorizer;
            case IAM -> new HttpIamAuthorizer();
            case NONE -> new HttpNoneAuthorizer();
        };
    }
}
