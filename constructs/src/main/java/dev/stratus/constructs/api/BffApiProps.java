package dev.stratus.constructs.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;

import dev.stratus.constructs.monitoring.AlarmPolicy;

/**
 * Props of a {@link BffApi}: an immutable value built with {@link #builder()}. Routes are declared
 * shared ({@link Builder#route}) or per client ({@link Builder#client}, prefixing {@code /web},
 * {@code /mobile}, ...).
 */
public final class BffApiProps {
    private final ApiFlavour flavour;
    private final String apiName;
    private final String description;
    private final JwtAuth jwt;
    private final Cors cors;
    private final Throttle throttle;
    private final RetentionDays logRetention;
    private final IKey encryptionKey;
    private final WafOptions waf;
    private final UsagePlanOptions usagePlan;
    private final Boolean manageAccountLogRole;
    private final AlarmPolicy alarms;
    private final List<ApiRoute> routes;
    private final List<String> problems;

    private BffApiProps(Builder b) {
        this.flavour = b.flavour;
        this.apiName = b.apiName;
        this.description = b.description;
        this.jwt = b.jwt;
        this.cors = b.cors;
        this.throttle = b.throttle;
        this.logRetention = b.logRetention;
        this.encryptionKey = b.encryptionKey;
        this.waf = b.waf;
        this.usagePlan = b.usagePlan;
        this.manageAccountLogRole = b.manageAccountLogRole;
        this.alarms = b.alarms;
        // not List.copyOf: a null route must reach validation ("a route is null"), not end in a NullPointerException
        this.routes = Collections.unmodifiableList(new ArrayList<>(b.routes));
        this.problems = List.copyOf(b.problems);
    }

    /** Starts a builder; every prop not set keeps the default its getter documents. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these props, to change some of them or add routes. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.flavour = flavour;
        b.apiName = apiName;
        b.description = description;
        b.jwt = jwt;
        b.cors = cors;
        b.throttle = throttle;
        b.logRetention = logRetention;
        b.encryptionKey = encryptionKey;
        b.waf = waf;
        b.usagePlan = usagePlan;
        b.manageAccountLogRole = manageAccountLogRole;
        b.alarms = alarms;
        b.routes.addAll(routes);
        b.problems.addAll(problems);
        return b;
    }

    /** Default: {@link ApiFlavour#HTTP}. */
    public ApiFlavour flavour() {
        return flavour != null ? flavour : ApiFlavour.HTTP;
    }

    /** Default: the construct's path. */
    public String apiName() {
        return apiName;
    }

    /** Default: none. */
    public String description() {
        return description;
    }

    /** The JWT authorizer. Required when any route uses {@link RouteAuth#JWT} (the default). */
    public JwtAuth jwt() {
        return jwt;
    }

    /** Default: no CORS (same-origin or non-browser clients). */
    public Cors cors() {
        return cors;
    }

    /** Stage-wide throttling. Default: 100 requests per second, burst 200. */
    public Throttle throttle() {
        return throttle != null ? throttle : Defaults.THROTTLE;
    }

    /** Retention of the access logs. Default: one month. */
    public RetentionDays logRetention() {
        return logRetention != null ? logRetention : Defaults.LOG_RETENTION;
    }

    /** Encrypts the access logs. Default: a new customer-managed key with rotation on. */
    public IKey encryptionKey() {
        return encryptionKey;
    }

    /** AWS WAF for the REST flavour. Default: none. */
    public WafOptions waf() {
        return waf;
    }

    /** A usage plan for API keys (REST flavour). Default: none. */
    public UsagePlanOptions usagePlan() {
        return usagePlan;
    }

    /**
     * The API's alarms: {@code ServerErrorRate}, {@code Latency} and {@code ClientErrorRate} (README:
     * "Alarms"). Default: the policy set on a scope above ({@link AlarmPolicy#setDefault}), else
     * {@link AlarmPolicy#defaults()}.
     */
    public AlarmPolicy alarms() {
        return alarms;
    }

    /**
     * REST flavour: set the region's API Gateway CloudWatch Logs role (one per account and region),
     * which execution logging needs. Default: true; false when your organization manages it.
     */
    public boolean manageAccountLogRole() {
        return manageAccountLogRole != null ? manageAccountLogRole : Defaults.MANAGE_ACCOUNT_LOG_ROLE;
    }

    /** Every route declared with the props, client routes with their prefix. */
    public List<ApiRoute> routes() {
        return routes;
    }

    /** Problems found while declaring routes (bad client names), reported with the others. */
    List<String> declarationProblems() {
        return problems;
    }

    /** Builds {@link BffApiProps}; every setter returns the builder. */
    public static final class Builder {
        private ApiFlavour flavour;
        private String apiName;
        private String description;
        private JwtAuth jwt;
        private Cors cors;
        private Throttle throttle;
        private RetentionDays logRetention;
        private IKey encryptionKey;
        private WafOptions waf;
        private UsagePlanOptions usagePlan;
        private Boolean manageAccountLogRole;
        private AlarmPolicy alarms;
        private final List<ApiRoute> routes = new ArrayList<>();
        private final List<String> problems = new ArrayList<>();

        private Builder() {
        }

        /** @see BffApiProps#flavour() */
        public Builder flavour(ApiFlavour flavour) {
            this.flavour = flavour;
            return this;
        }

        /** @see BffApiProps#apiName() */
        public Builder apiName(String apiName) {
            this.apiName = apiName;
            return this;
        }

        /** @see BffApiProps#description() */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** @see BffApiProps#jwt() */
        public Builder jwt(JwtAuth jwt) {
            this.jwt = jwt;
            return this;
        }

        /** @see BffApiProps#cors() */
        public Builder cors(Cors cors) {
            this.cors = cors;
            return this;
        }

        /** @see BffApiProps#throttle() */
        public Builder throttle(Throttle throttle) {
            this.throttle = throttle;
            return this;
        }

        /** @see BffApiProps#logRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /** @see BffApiProps#encryptionKey() */
        public Builder encryptionKey(IKey encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /** @see BffApiProps#waf() */
        public Builder waf(WafOptions waf) {
            this.waf = waf;
            return this;
        }

        /** @see BffApiProps#usagePlan() */
        public Builder usagePlan(UsagePlanOptions usagePlan) {
            this.usagePlan = usagePlan;
            return this;
        }

        /** @see BffApiProps#manageAccountLogRole() */
        public Builder manageAccountLogRole(Boolean manage) {
            this.manageAccountLogRole = manage;
            return this;
        }

        /** @see BffApiProps#alarms() */
        public Builder alarms(AlarmPolicy alarms) {
            this.alarms = alarms;
            return this;
        }

        /** Adds shared (domain) routes, e.g. {@code /users/{userId}}. */
        public Builder route(ApiRoute... routes) {
            // a null array or element reaches validation ("a route is null"), not a NullPointerException
            this.routes.addAll(routes == null ? Collections.singletonList(null) : Arrays.asList(routes));
            return this;
        }

        /** Adds the routes of one client type under {@code /name}, e.g. {@code client("web", ...)}. */
        public Builder client(String name, ApiRoute... routes) {
            if (name == null || !name.matches("[a-z][a-z0-9-]{0,29}")) {
                problems.add("client name '" + name + "' must be 1 to 30 lower-case letters, digits or '-', "
                        + "starting with a letter (it becomes the path prefix, e.g. web -> /web/...)");
                return this;
            }
            for (ApiRoute route : routes == null ? Collections.<ApiRoute>singletonList(null) : Arrays.asList(routes)) {
                this.routes.add(route == null ? null : route.under("/" + name));
            }
            return this;
        }

        /** Builds the immutable {@link BffApiProps}; the construct that receives them validates them. */
        public BffApiProps build() {
            return new BffApiProps(this);
        }
    }
}
