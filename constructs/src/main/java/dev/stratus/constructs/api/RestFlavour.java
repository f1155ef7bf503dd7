package dev.stratus.constructs.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.stratus.constructs.internal.NagSuppressions;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.apigateway.CfnStage;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.QuotaSettings;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.apigateway.UsagePlanProps;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;

/** The REST API flavour of a {@link BffApi}. */
final class RestFlavour implements Gateway {
    final RestApi api;
    final UsagePlan usagePlan;
    final CfnWebACL webAcl;
    private final BffApi scope;
    private final JwtAuth jwt;
    private final RequestValidator validator;
    private CognitoUserPoolsAuthorizer authorizer;
    private final Throttle stageThrottle;
    private final Map<String, LambdaIntegration> integrations = new LinkedHashMap<>();
    private final Map<String, Method> methods = new LinkedHashMap<>();
    private final Map<String, Throttle> methodThrottles = new LinkedHashMap<>();
    private final Set<Method> preflights = new HashSet<>();

    RestFlavour(BffApi scope, String name, BffApiProps props, LogGroup accessLogs) {
        this.scope = scope;
        this.jwt = props.jwt();
        this.stageThrottle = props.throttle();
        RestApi.Builder builder = RestApi.Builder.create(scope, "RestApi")
                .restApiName(name)
                .description(props.description())
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // the account-level logging role is set below without an AWS managed policy
                .cloudWatchRole(false)
                // method settings (logging, metrics, default and per-method throttling) are rendered by renderMethodSettings
                .deployOptions(StageOptions.builder()
                        .stageName(Defaults.REST_STAGE)
                        .tracingEnabled(true)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(BffApi.accessLogFormat(true))
                        .build());
        if (props.cors() != null) {
            Cors cors = props.cors();
            builder.defaultCorsPreflightOptions(CorsOptions.builder()
                    .allowOrigins(cors.origins())
                    .allowCredentials(cors.allowCredentials())
                    .allowHeaders(cors.allowHeaders())
                    .allowMethods(software.amazon.awscdk.services.apigateway.Cors.ALL_METHODS)
                    .maxAge(cors.maxAge())
                    .build());
        }
        this.api = builder.build();
        renderMethodSettings();

        this.validator = api.addRequestValidator("RequestValidator", RequestValidatorOptions.builder()
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
        // cdk-nag's APIGWStructuredLogging reads stageDescription of a Deployment and fails on an empty one
        NagSuppressions.suppress((CfnResource) api.getLatestDeployment().getNode().getDefaultChild(), "CdkNagValidationFailure",
                "Serverless-APIGWStructuredLogging cannot evaluate a Deployment without stageDescription; the JSON "
                        + "access log format is set on the Stage resource, which the rule checks and passes",
                "Serverless-APIGWStructuredLogging");
        this.usagePlan = props.usagePlan() == null ? null : addUsagePlan(props.usagePlan());
        if (props.manageAccountLogRole()) {
            addAccountLogRole(scope);
        }
        this.webAcl = props.waf() == null ? null : addWebAcl(scope, name, props.waf());
    }

    @Override
    public void addRoute(ApiRoute route) {
        IFunction function = route.function();
        LambdaIntegration integration = integrations.computeIfAbsent(function.getNode().getPath(), p -> new LambdaIntegration(function));
        IResource resource = route.path().equals("/") ? api.getRoot() : api.getRoot().resourceForPath(route.path());
        MethodOptions.Builder options = MethodOptions.builder().requestValidator(validator)
                .apiKeyRequired(route.apiKeyRequired());
        switch (route.auth()) {
            case JWT -> options.authorizationType(AuthorizationType.COGNITO).authorizer(cognitoAuthorizer())
                    .authorizationScopes(jwt.scopes());
            case IAM -> options.authorizationType(AuthorizationType.IAM);
            case NONE -> options.authorizationType(AuthorizationType.NONE);
        }
        Method method = resource.addMethod(route.method(), integration, options.build());
        methods.put(route.toString(), method);
        if (route.auth() == RouteAuth.IAM) {
            NagSuppressions.suppress((CfnResource) method.getNode().getDefaultChild(), "AwsSolutions-COG4",
                    "Authorized with AWS IAM (SigV4) instead of Cognito: a service-to-service route, declared RouteAuth.IAM");
        }
        if (route.throttle() != null) {
            methodThrottles.put(route.path() + "/" + route.method(), route.throttle());
            renderMethodSettings();
        }
        // CORS preflight methods appear with each new resource on the route's path
        for (Method m : api.getMethods()) {
            if (m.getHttpMethod().equals("OPTIONS") && preflights.add(m)) {
                CfnResource preflight = (CfnResource) m.getNode().getDefaultChild();
                String reason = "CORS preflight: browsers send OPTIONS without credentials, so it cannot be authorized";
                NagSuppressions.suppress(preflight, "AwsSolutions-APIG4", reason);
                NagSuppressions.suppress(preflight, "AwsSolutions-COG4", reason);
            }
        }
    }

    /** The Cognito authorizer, created with the first JWT route: an authorizer no method uses fails synth. */
    private CognitoUserPoolsAuthorizer cognitoAuthorizer() {
        if (authorizer == null) {
            authorizer = CognitoUserPoolsAuthorizer.Builder.create(scope, "JwtAuthorizer")
                    .cognitoUserPools(List.of(jwt.userPool()))
                    .build();
        }
        return authorizer;
    }

    /**
     * The stage's method settings: the stage default (execution logging at ERROR, metrics, no data
     * trace, the stage throttle) and one entry per throttled route, as the Stage L2 renders them; set
     * here because the L2 takes per-method options only at construction and routes come later too.
     */
    private void renderMethodSettings() {
        List<Object> settings = new ArrayList<>();
        settings.add(CfnStage.MethodSettingProperty.builder()
                .httpMethod("*").resourcePath("/*")
                .dataTraceEnabled(false).loggingLevel("ERROR").metricsEnabled(true)
                .throttlingRateLimit(stageThrottle.rateLimit()).throttlingBurstLimit(stageThrottle.burstLimit())
                .build());
        methodThrottles.forEach((key, throttle) -> {
            int slash = key.lastIndexOf('/');
            settings.add(CfnStage.MethodSettingProperty.builder()
                    .httpMethod(key.substring(slash + 1))
                    // API Gateway's escaping of a resource path in method settings: /users/{id} -> /~1users~1{id}
                    .resourcePath("/" + key.substring(0, slash).replace("/", "~1"))
                    .dataTraceEnabled(false)
                    .throttlingRateLimit(throttle.rateLimit()).throttlingBurstLimit(throttle.burstLimit())
                    .build());
        });
        ((CfnStage) api.getDeploymentStage().getNode().getDefaultChild()).setMethodSettings(settings);
    }

    @Override
    public Grant grantInvoke(IGrantable grantee, String route) {
        return methods.get(route).grantExecute(grantee);
    }

    @Override
    public Optional<ApiAuthorizer> authorizer() {
        return Optional.ofNullable(authorizer).map(ApiAuthorizer.Cognito::new);
    }

    @Override
    public String url() {
        return api.getUrl();
    }

    @Override
    public Metric metricServerErrors() {
        return api.getDeploymentStage().metricServerError();
    }

    @Override
    public Metric metricClientErrors() {
        return api.getDeploymentStage().metricClientError();
    }

    @Override
    public Metric metricLatency() {
        return api.getDeploymentStage().metricLatency();
    }

    @Override
    public Metric metricCount() {
        return api.getDeploymentStage().metricCount();
    }

    /** Method-level metrics (metricsEnabled on the stage): dimensions ApiName, Stage, Method and Resource. */
    @Override
    public Metric metricRoute(ApiRoute route, RouteMetric kind) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        dimensions.put("ApiName", api.getRestApiName());
        dimensions.put("Stage", api.getDeploymentStage().getStageName());
        dimensions.put("Method", route.method());
        dimensions.put("Resource", route.path());
        return Metric.Builder.create().namespace("AWS/ApiGateway").metricName(kind.rest).dimensionsMap(dimensions)
                .statistic(kind.statistic).label(route.toString()).build();
    }

    /**
     * Execution logging needs the region's API Gateway account to name a CloudWatch Logs role. The
     * CDK's own {@code cloudWatchRole} attaches an AWS managed policy; this role has an inline
     * policy limited to the log groups API Gateway names {@code API-Gateway-Execution-Logs_*}.
     */
    private void addAccountLogRole(BffApi scope) {
        Stack stack = Stack.of(scope);
        String logGroups = stack.formatArn(ArnComponents.builder().service("logs").resource("log-group")
                .resourceName("API-Gateway-Execution-Logs_*").arnFormat(ArnFormat.COLON_RESOURCE_NAME).build());
        Role role = Role.Builder.create(scope, "AccountLogRole")
                .assumedBy(new ServicePrincipal("apigateway.amazonaws.com"))
                .description("Lets API Gateway write execution logs (account-level setting of this region)")
                .inlinePolicies(Map.of("WriteExecutionLogs", PolicyDocument.Builder.create()
                        .statements(List.of(PolicyStatement.Builder.create()
                                .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                                        "logs:DescribeLogStreams", "logs:PutRetentionPolicy"))
                                .resources(List.of(logGroups, logGroups + ":log-stream:*"))
                                .build()))
                        .build()))
                .build();
        NagSuppressions.suppress((CfnResource) role.getNode().getDefaultChild(), "AwsSolutions-IAM5",
                "API Gateway creates and names its execution log groups API-Gateway-Execution-Logs_{apiId}/{stage} "
                        + "itself, and this account-level role serves every REST API of the region, so it cannot name one",
                // as the ARNs resolve here: with placeholders, or an env-bound stack's region and account
                NagSuppressions.resourceFinding(scope, logGroups),
                NagSuppressions.resourceFinding(scope, logGroups + ":log-stream:*"));
        NagSuppressions.suppressInlinePolicies(role);
        CfnAccount account = CfnAccount.Builder.create(scope, "Account").cloudWatchRoleArn(role.getRoleArn()).build();
        api.getDeploymentStage().getNode().addDependency(account);
    }

    private UsagePlan addUsagePlan(UsagePlanOptions options) {
        UsagePlanProps.Builder plan = UsagePlanProps.builder()
                .name(options.name())
                .quota(QuotaSettings.builder().limit(options.quotaLimit()).period(options.quotaPeriod()).build())
                .apiStages(List.of(UsagePlanPerApiStage.builder().api(api).stage(api.getDeploymentStage()).build()));
        if (options.throttle() != null) {
            plan.throttle(ThrottleSettings.builder()
                    .rateLimit(options.throttle().rateLimit())
                    .burstLimit(options.throttle().burstLimit())
                    .build());
        }
        return api.addUsagePlan("UsagePlan", plan.build());
    }

    private CfnWebACL addWebAcl(BffApi scope, String name, WafOptions waf) {
        String metricPrefix = name.replaceAll("[^A-Za-z0-9]", "");
        CfnWebACL acl = CfnWebACL.Builder.create(scope, "WebAcl")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder().allow(CfnWebACL.AllowActionProperty.builder().build()).build())
                .visibilityConfig(visibility(metricPrefix))
                .rules(List.of(
                        CfnWebACL.RuleProperty.builder()
                                .name("AWSManagedRulesCommonRuleSet")
                                .priority(0)
                                .overrideAction(CfnWebACL.OverrideActionProperty.builder().none(Map.of()).build())
                                .statement(CfnWebACL.StatementProperty.builder()
                                        .managedRuleGroupStatement(CfnWebACL.ManagedRuleGroupStatementProperty.builder()
                                                .vendorName("AWS").name("AWSManagedRulesCommonRuleSet").build())
                                        .build())
                                .visibilityConfig(visibility(metricPrefix + "Common"))
                                .build(),
                        CfnWebACL.RuleProperty.builder()
                                .name("RateLimitPerIp")
                                .priority(1)
                                .action(CfnWebACL.RuleActionProperty.builder().block(CfnWebACL.BlockActionProperty.builder().build()).build())
                                .statement(CfnWebACL.StatementProperty.builder()
                                        .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                                .limit(waf.rateLimit()).aggregateKeyType("IP").build())
                                        .build())
                                .visibilityConfig(visibility(metricPrefix + "RateLimit"))
                                .build()))
                .build();
        CfnWebACLAssociation.Builder.create(scope, "WebAclAssociation")
                .resourceArn(api.getDeploymentStage().getStageArn())
                .webAclArn(acl.getAttrArn())
                .build();
        return acl;
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .sampledRequestsEnabled(true)
                .metricName(metricName)
                .build();
    }
}
