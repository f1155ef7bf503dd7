package dev.stratus.constructs.api;

import java.util.Optional;

import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;

/** What a {@link BffApi} is built on: one flavour of API Gateway, {@link HttpFlavour} or {@link RestFlavour}. */
sealed interface Gateway permits HttpFlavour, RestFlavour {

    /** Adds one validated route (with its prefix). */
    void addRoute(ApiRoute route);

    /** Lets {@code grantee} invoke {@code route}, an IAM route added before. */
    Grant grantInvoke(IGrantable grantee, String route);

    /** The JWT authorizer, once a JWT route uses it. */
    Optional<ApiAuthorizer> authorizer();

    String url();

    Metric metricServerErrors();

    Metric metricClientErrors();

    Metric metricLatency();

    Metric metricCount();

    /** {@code kind} of one route ({@link RouteMetric}), sum over 5 minutes (latency: p99). */
    Metric metricRoute(ApiRoute route, RouteMetric kind);

    /** What {@link #metricRoute} measures, with each flavour's metric name. */
    enum RouteMetric {
        COUNT("Count", "Count", "Sum"),
        CLIENT_ERRORS("4xx", "4XXError", "Sum"),
        SERVER_ERRORS("5xx", "5XXError", "Sum"),
        LATENCY("Latency", "Latency", "p99");

        final String http;
        final String rest;
        final String statistic;

        RouteMetric(String http, String rest, String statistic) {
            this.http = http;
            this.rest = rest;
            this.statistic = statistic;
        }
    }
}
