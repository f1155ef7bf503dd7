package dev.stratus.constructs.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.stratus.constructs.internal.NagSuppressions;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CfnAccount;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.CorsOptions;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.MethodDeploymentOptions;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
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
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;

/** The REST API flavour of a {@link BffApi}. */
final class RestFlavour {
    static final String STAGE = "api";

    final RestApi api;
    final CognitoUserPoolsAuthorizer authorizer;
    final UsagePlan usagePlan;

    RestFlavour(BffApi scope, String name, BffApiProps props, LogGroup accessLogs) {
        Map<String, MethodDeploymentOptions> methodOptions = new LinkedHashMap<>();
        for (ApiRoute route : props.routes()) {
            if (route.throttle() != null) {
                methodOptions.put(route.path() + "/" + route.method(), MethodDeploymentOptions.builder()
                        .throttlingRateLimit(route.throttle().rateLimit())
                        .throttlingBurstLimit(route.throttle().burstLimit())
                        .build());
            }
        }
        RestApi.Builder builder = RestApi.Builder.create(scope, "RestApi")
                .restApiName(name)
                .description(props.description())
                .endpointTypes(List.of(EndpointType.REGIONAL))
                // the account-level logging role is set below without an AWS managed policy
                .cloudWatchRole(false)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE)
                        .tracingEnabled(true)
                        .metricsEnabled(true)
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(BffApi.accessLogFormat(true))
                        .throttlingRateLimit(props.throttle().rateLimit())
                        .throttlingBurstLimit(props.throttle().burstLimit())
                        .methodOptions(methodOptions)
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

        RequestValidator validator = api.addRequestValidator("RequestValidator", RequestValidatorOptions.builder()
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build());
        JwtAuth jwt = props.jwt();
        this.authorizer = jwt == null ? null : CognitoUserPoolsAuthorizer.Builder.create(scope, "JwtAuthorizer")
                .cognitoUserPools(List.of(jwt.userPool()))
                .build();

        Map<String, LambdaIntegration> integrations = new LinkedHashMap<>();
        for (ApiRoute route : props.routes()) {
            IFunction function = route.function();
            LambdaIntegration integration = integrations.computeIfAbsent(function.getNode().getPath(),
                    p -> new LambdaIntegration(function));
            IResource resource = route.path().equals("/") ? api.getRoot() : api.getRoot().resourceForPath(route.path());
            MethodOptions.Builder options = MethodOptions.builder().requestValidator(validator)
                    .apiKeyRequired(route.apiKeyRequired());
            switch (route.auth()) {
                case JWT -> options.authorizationType(AuthorizationType.COGNITO).authorizer(authorizer)
                        .authorizationScopes(jwt.scopes());
                case IAM -> options.authorizationType(AuthorizationType.IAM);
                case NONE -> options.authorizationType(AuthorizationType.NONE);
            }
            Method method = resource.addMethod(route.method(), integration, options.build());
            if (route.auth() == RouteAuth.IAM) {
                NagSuppressions.suppress((CfnResource) method.getNode().getDefaultChild(), "AwsSolutions-COG4",
                        "Authorized with AWS IAM (SigV4) instead of Cognito: a service-to-service route, declared RouteAuth.IAM");
            }
        }
        for (Method method : api.getMethods()) {
            if (method.getHttpMethod().equals("OPTIONS")) {
                CfnResource preflight = (CfnResource) method.getNode().getDefaultChild();
                String reason = "CORS preflight: browsers send OPTIONS without credentials, so it cannot be authorized";
                NagSuppressions.suppress(preflight, "AwsSolutions-APIG4", reason);
                NagSuppressions.suppress(preflight, "AwsSolutions-COG4", reason);
            }
        }
        // cdk-nag's APIGWStructuredLogging reads stageDescription of a Deployment and fails on an empty one
        NagSuppressions.suppress((CfnResource) api.getLatestDeployment().getNode().getDefaultChild(), "CdkNagValidationFailure",
                "Serverless-APIGWStructuredLogging cannot evaluate a Deployment without stageDescription; the JSON "
                        + "access log format is set on the Stage resource, which the rule checks and passes",
                "Serverless-APIGWStructuredLogging");
        this.usagePlan = props.usagePlan() == null ? null : addUsagePlan(props.usagePlan());
        if (props.manageAccountLogRole()) {
            addAccountLogRole(scope);
        }
        if (props.waf() != null) {
            addWebAcl(scope, name, props.waf());
        }
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

    private void addWebAcl(BffApi scope, String name, WafOptions waf) {
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
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metricName) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .sampledRequestsEnabled(true)
                .metricName(metricName)
                .build();
    }
}
