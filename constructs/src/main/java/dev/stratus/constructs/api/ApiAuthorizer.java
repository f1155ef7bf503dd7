package dev.stratus.constructs.api;

import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;

/**
 * The JWT authorizer a {@link BffApi} built, typed by flavour:
 *
 * <pre>{@code
 * if (api.getAuthorizer().orElseThrow() instanceof ApiAuthorizer.HttpJwt jwt) {
 *     HttpJwtAuthorizer authorizer = jwt.authorizer();   // e.g. for routes you add to getHttpApi() yourself
 * }
 * }</pre>
 */
public sealed interface ApiAuthorizer permits ApiAuthorizer.HttpJwt, ApiAuthorizer.Cognito {

    /** The HTTP flavour's JWT authorizer (issuer and audience). */
    record HttpJwt(HttpJwtAuthorizer authorizer) implements ApiAuthorizer {
    }

    /** The REST flavour's Cognito user pool authorizer (pool; scopes are required per method). */
    record Cognito(CognitoUserPoolsAuthorizer authorizer) implements ApiAuthorizer {
    }
}
