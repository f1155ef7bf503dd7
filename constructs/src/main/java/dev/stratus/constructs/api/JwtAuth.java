package dev.stratus.constructs.api;

import java.util.List;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.IUserPool;

/**
 * The JWT authorizer every route uses unless it asks for IAM or none: tokens from
 * {@code issuer} whose audience is one of {@code audiences}.
 *
 * <p>The REST flavour validates JWTs only through a Cognito user pool, so it needs
 * {@link #cognito(IUserPool, List)}; the HTTP flavour takes any OIDC issuer.
 */
public final class JwtAuth {
    private final String issuer;
    private final List<String> audiences;
    private final IUserPool userPool;

    private JwtAuth(String issuer, List<String> audiences, IUserPool userPool) {
        this.issuer = issuer;
        this.audiences = audiences == null ? List.of() : List.copyOf(audiences);
        this.userPool = userPool;
    }

    /** Any OIDC issuer, e.g. {@code https://example.eu.auth0.com/}. HTTP flavour only. */
    public static JwtAuth of(String issuer, List<String> audiences) {
        return new JwtAuth(issuer, audiences, null);
    }

    /** A Cognito user pool; {@code clientIds} are the app clients whose tokens are accepted. */
    public static JwtAuth cognito(IUserPool userPool, List<String> clientIds) {
        String issuer = "https://cognito-idp." + Stack.of(userPool).getRegion() + ".amazonaws.com/" + userPool.getUserPoolId();
        return new JwtAuth(issuer, clientIds, userPool);
    }

    public String issuer() {
        return issuer;
    }

    public List<String> audiences() {
        return audiences;
    }

    /** The user pool, when built with {@link #cognito}; null otherwise. */
    public IUserPool userPool() {
        return userPool;
    }
}
