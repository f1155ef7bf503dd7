package dev.stratus.constructs.api;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.stratus.constructs.internal.AlarmFactory;
import dev.stratus.constructs.internal.Problems;

/** Checks BffApiProps before anything is created; see {@link Problems}. */
final class BffApiValidation {
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "ANY");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(\\+?)}");
    /** RFC 6749 scope-token: printable ASCII but space, '"' and '\\'. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,256}");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?");

    private BffApiValidation() {
    }

    static void validate(String id, BffApiProps props) {
        Problems problems = new Problems("BffApi", id);
        props.declarationProblems().forEach(problems::add);
        checkThrottle(problems, "throttle", props.throttle());
        checkRoutes(problems, props);
        checkAuth(problems, props);
        checkCors(problems, props.cors());
        AlarmFactory.check(problems, props.alarms(), Defaults.ALARMS);
        if (props.waf() != null) {
            problems.check(props.flavour() == ApiFlavour.REST,
                    "waf needs the REST flavour: HTTP APIs cannot be associated with AWS WAF");
            problems.check(props.waf().rateLimit() >= 100 && props.waf().rateLimit() <= 2_000_000_000L,
                    "waf rateLimit must be between 100 and 2000000000 requests per 5 minutes, but was " + props.waf().rateLimit());
        }
        checkUsagePlan(problems, props);
        problems.throwIfAny();
    }

    private static void checkUsagePlan(Problems problems, BffApiProps props) {
        List<String> keyed = props.routes().stream().filter(r -> r != null && r.apiKeyRequired()).map(ApiRoute::toString).toList();
        if (props.flavour() == ApiFlavour.HTTP) {
            problems.check(props.usagePlan() == null, "usagePlan needs the REST flavour: HTTP APIs have no usage plans or API keys");
            problems.check(keyed.isEmpty(), "API keys are required by " + String.join(", ", keyed) + ", which needs the REST flavour");
            return;
        }
        UsagePlanOptions plan = props.usagePlan();
        if (plan == null) {
            problems.check(keyed.isEmpty(), "API keys are required by " + String.join(", ", keyed) + ": set usagePlan(...) to issue them");
            return;
        }
        problems.check(plan.name() != null && !plan.name().isBlank(), "usagePlan needs a name");
        if (plan.throttle() != null) {
            checkThrottle(problems, "usagePlan throttle", plan.throttle());
        }
        problems.check(plan.quotaLimit() >= 1, "usagePlan quotaLimit must be 1 or more, but was " + plan.quotaLimit());
        problems.check(plan.quotaPeriod() != null, "usagePlan needs a quotaPeriod (DAY, WEEK or MONTH)");
    }

    private static void checkRoutes(Problems problems, BffApiProps props) {
        problems.check(!props.routes().isEmpty(), "at least one route is required, e.g. route(ApiRoute.get(\"/users/{userId}\", users))");
        Set<String> seen = new HashSet<>();
        // for each parent path, the parameter name its variable child uses: /users -> userId
        Map<String, String> variableChild = new HashMap<>();
        Map<String, String> variableChildFrom = new HashMap<>();
        for (ApiRoute route : props.routes()) {
            if (route == null) {
                problems.add("a route is null");
                continue;
            }
            String name = "route " + route;
            if (route.method() == null || !METHODS.contains(route.method())) {
                problems.add(name + ": method must be one of " + String.join(", ", METHODS)
                        + (String.valueOf(route.method()).equals("OPTIONS") ? " (OPTIONS is answered by CORS preflight)" : ""));
            }
            if (route.function() == null) {
                problems.add(name + " has no function");
            }
            if (route.throttle() != null) {
                checkThrottle(problems, name + " throttle", route.throttle());
            }
            if (!checkPath(problems, name, route.path())) {
                continue;
            }
            if (!seen.add(route.method() + " " + route.path())) {
                problems.add(name + " is declared twice");
            }
            String parent = "";
            for (String segment : route.path().substring(1).split("/")) {
                if (segment.startsWith("{")) {
                    String previous = variableChild.putIfAbsent(parent, segment);
                    if (previous != null && !previous.equals(segment)) {
                        problems.add("paths " + variableChildFrom.get(parent) + " and " + route.path()
                                + " name the same path part differently (" + previous + " vs " + segment + "); use one name");
                    }
                    variableChildFrom.putIfAbsent(parent, route.path());
                }
                parent = parent + "/" + segment;
            }
        }
    }

    /** Returns whether the path is well-formed, adding a problem for each fault. */
    private static boolean checkPath(Problems problems, String name, String path) {
        if (path == null || !path.startsWith("/")) {
            problems.add(name + ": path must start with '/', e.g. /users");
            return false;
        }
        if (path.equals("/")) {
            return true;
        }
        if (path.endsWith("/")) {
            problems.add(name + ": path must not end with '/'");
            return false;
        }
        String[] segments = path.substring(1).split("/", -1);
        Set<String> parameters = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            var parameter = PARAMETER.matcher(segment);
            if (segment.isEmpty()) {
                problems.add(name + ": path has an empty segment ('//')");
                ok = false;
            } else if (parameter.matches()) {
                if (!parameters.add(parameter.group(1))) {
                    problems.add(name + ": path parameter {" + parameter.group(1) + "} appears twice");
                    ok = false;
                }
                if (!parameter.group(2).isEmpty() && i != segments.length - 1) {
                    problems.add(name + ": greedy parameter " + segment + " must be the last segment");
                    ok = false;
                }
            } else if (segment.contains("{") || segment.contains("}")) {
                problems.add(name + ": path parameter '" + segment + "' is malformed; a parameter is a whole "
                        + "segment like {userId} (letters, digits, '_'), or {proxy+} at the end");
                ok = false;
            } else if (!LITERAL.matcher(segment).matches()) {
                problems.add(name + ": path segment '" + segment + "' may only hold letters, digits and . _ ~ -");
                ok = false;
            }
        }
        return ok;
    }

    private static void checkThrottle(Problems problems, String name, Throttle throttle) {
        // written so that NaN fails too: every comparison with NaN is false
        if (!(throttle.rateLimit() >= 1 && throttle.rateLimit() <= Defaults.MAX_RATE)) {
            problems.add(name + " rateLimit must be between 1 and 10000 requests per second, but was " + format(throttle.rateLimit()));
        }
        if (throttle.burstLimit() < 1 || throttle.burstLimit() > Defaults.MAX_BURST) {
            problems.add(name + " burstLimit must be between 1 and 5000 requests, but was " + throttle.burstLimit());
        }
    }

    private static void checkAuth(Problems problems, BffApiProps props) {
        List<String> jwtRoutes = props.routes().stream()
                .filter(r -> r != null && r.auth() == RouteAuth.JWT).map(ApiRoute::toString).toList();
        JwtAuth jwt = props.jwt();
        if (jwt == null) {
            if (!jwtRoutes.isEmpty()) {
                problems.add("jwt is required: " + String.join(", ", jwtRoutes) + " use JWT authorization by default; "
                        + "set jwt(JwtAuth.of(issuer, audiences)) or give a route auth(RouteAuth.IAM) or auth(RouteAuth.NONE)");
            }
            return;
        }
        if (jwt.isCognito() && jwt.userPool() == null) {
            problems.add("jwt userPool is null: JwtAuth.cognito(...) and JwtAuth.cognitoScopes(...) need the Cognito user pool");
        } else if (jwt.issuer() == null || !jwt.issuer().startsWith("https://")) {
            problems.add("jwt issuer must be an https:// URL, but was '" + jwt.issuer() + "'");
        }
        checkElements(problems, "jwt audiences", jwt.audiences(), "an app client id");
        checkElements(problems, "jwt scopes", jwt.scopes(), "a scope like orders/read");
        for (String scope : jwt.scopes()) {
            if (scope != null && !scope.isBlank() && !SCOPE.matcher(scope).matches()) {
                problems.add("jwt scope '" + scope + "' must be 1 to 256 printable ASCII characters other than space, '\"' "
                        + "and '\\', e.g. orders/read");
            }
        }
        if (props.flavour() == ApiFlavour.HTTP) {
            problems.check(!jwt.audiences().isEmpty(), "jwt needs at least one audience (for Cognito: an app client id)");
            return;
        }
        if (!jwt.isCognito()) {
            problems.add("the REST flavour validates JWTs only through a Cognito user pool: use "
                    + "JwtAuth.cognitoScopes(userPool, scopes), or the HTTP flavour for another issuer");
        } else if (!jwt.audiences().isEmpty()) {
            problems.add("jwt audiences " + jwt.audiences() + " cannot be enforced by the REST flavour: API Gateway's "
                    + "Cognito authorizer accepts the tokens of every app client of the user pool; require OAuth scopes "
                    + "that only those app clients may request with JwtAuth.cognitoScopes(userPool, scopes), or use the "
                    + "HTTP flavour, whose JWT authorizer checks the audience");
        } else if (jwt.scopes().isEmpty()) {
            problems.add("jwt needs at least one scope for the REST flavour: without one, API Gateway's Cognito "
                    + "authorizer accepts the tokens of every app client of the user pool; use "
                    + "JwtAuth.cognitoScopes(userPool, List.of(\"orders/api\"))");
        }
    }

    /** Reports null and blank elements of a list prop by index. */
    private static void checkElements(Problems problems, String prop, List<String> values, String example) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null) {
                problems.add(prop + "[" + i + "] is null");
            } else if (value.isBlank()) {
                problems.add(prop + "[" + i + "] must be " + example + ", but was " + quoted(value));
            }
        }
    }

    private static void checkCors(Problems problems, Cors cors) {
        if (cors == null) {
            return;
        }
        if (cors.origins().isEmpty()) {
            problems.add("cors needs at least one origin, e.g. Cors.allowOrigins(\"https://app.example.com\")");
        }
        for (int i = 0; i < cors.origins().size(); i++) {
            String origin = cors.origins().get(i);
            if (origin == null) {
                problems.add("cors origins[" + i + "] is null");
            } else if (origin.equals("*")) {
                problems.check(!cors.allowCredentials(), "cors allows origin '*' together with credentials, which "
                        + "browsers refuse; list the origins instead, e.g. https://app.example.com");
            } else if (!ORIGIN.matcher(origin).matches()) {
                problems.add("cors origin '" + origin + "' must be scheme://host[:port] without a path, "
                        + "e.g. https://app.example.com");
            }
        }
        checkElements(problems, "cors allowHeaders", cors.allowHeaders(), "a header name like Content-Type");
    }

    /** {@code 'value'}: a blank value is shown as what it is. */
    private static String quoted(String value) {
        return "'" + value + "'";
    }

    private static String format(double value) {
        return Double.isFinite(value) && value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
