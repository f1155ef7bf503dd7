package dev.stratus.constructs.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cognito.IUserPool;

/**
 * The JWT authorizer every route uses unless it asks for IAM or none: tokens from {@code issuer}
 * whose audience is one of {@code audiences} and, when {@link #withScopes scopes} are set, that
 * carry one of them.
 *
 * <ul>
 * <li>HTTP flavour: any OIDC issuer ({@link #of}) or a Cognito user pool ({@link #cognito}); API
 * Gateway checks the issuer, the signature, the expiry and the audience (the {@code aud} claim of an
 * ID token, or the {@code client_id} claim of a Cognito access token), and the scopes if set.</li>
 * <li>REST flavour: a Cognito user pool only, and API Gateway's Cognito authorizer does not check the
 * audience: it accepts the tokens of every app client of the pool. So the REST flavour takes no
 * audiences and requires scopes instead ({@link #cognitoScopes}): only access tokens carrying one of
 * them pass, and only the app clients the pool allows those scopes can get such tokens.</li>
 * </ul>
 */
public final class JwtAuth {
    private final String issuer;
    private final List<String> audiences;
    private final IUserPool userPool;
    private final List<String> scopes;
    private final boolean cognito;

    private JwtAuth(String issuer, List<String> audiences, IUserPool userPool, List<String> scopes, boolean cognito) {
        this.issuer = issuer;
        this.audiences = copy(audiences);
        this.userPool = userPool;
        this.scopes = copy(scopes);
        this.cognito = cognito;
    }

    /** Any OIDC issuer, e.g. {@code https://example.eu.auth0.com/}, and the audiences it accepts. HTTP flavour only. */
    public static JwtAuth of(String issuer, List<String> audiences) {
        return new JwtAuth(issuer, audiences, null, List.of(), false);
    }

    /** A Cognito user pool; {@code clientIds} are the app clients whose tokens are accepted. HTTP flavour only. */
    public static JwtAuth cognito(IUserPool userPool, List<String> clientIds) {
        return new JwtAuth(issuer(userPool), clientIds, userPool, List.of(), true);
    }

    /**
     * A Cognito user pool whose access tokens must carry one of {@code scopes} (e.g. a resource
     * server's {@code orders/api}): what the REST flavour needs, as its authorizer cannot check the
     * audience. Give those scopes only to the app clients that may call the API.
     */
    public static JwtAuth cognitoScopes(IUserPool userPool, List<String> scopes) {
        return new JwtAuth(issuer(userPool), List.of(), userPool, scopes, true);
    }

    /** The same authorizer, requiring one of {@code scopes} on every JWT route. Default: no scope is required. */
    public JwtAuth withScopes(String... scopes) {
        return new JwtAuth(issuer, audiences, userPool, scopes == null ? null : Arrays.asList(scopes), cognito);
    }

    private static String issuer(IUserPool userPool) {
        // a null pool is reported by validation ("jwt userPool is null"), not as a NullPointerException here
        return userPool == null ? null
                : "https://cognito-idp." + Stack.of(userPool).getRegion() + ".amazonaws.com/" + userPool.getUserPoolId();
    }

    /** An unmodifiable copy that keeps null elements, so that validation can name them. */
    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** The issuer URL the authorizer trusts (the token's {@code iss}). */
    public String issuer() {
        return issuer;
    }

    /** The accepted audiences (client ids; the token's {@code aud} or {@code client_id}). */
    public List<String> audiences() {
        return audiences;
    }

    /** The user pool, when built with {@link #cognito} or {@link #cognitoScopes}; null otherwise. */
    public IUserPool userPool() {
        return userPool;
    }

    /** The OAuth scopes a JWT route requires, one of them; empty when none is required. */
    public List<String> scopes() {
        return scopes;
    }

    /** Whether this was built with {@link #cognito} or {@link #cognitoScopes} (with a null pool, too). */
    boolean isCognito() {
        return cognito;
    }
}
