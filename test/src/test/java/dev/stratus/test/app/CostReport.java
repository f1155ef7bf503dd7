package dev.stratus.test.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * docs/COST.md: what the reference app costs a month at a stated traffic, from its synthesized
 * templates (what is deployed: functions and their memory, keys, queues, alarms and their metrics,
 * dashboards, log groups and their retention, secrets, topics, archives, schedules) and a traffic
 * model written down here, priced with list prices whose source and date sit next to them.
 */
final class CostReport {
    /** A unit price: per how many units, where it was read, and the date the page states (or it was read). */
    record Price(String item, double usd, double per, String unit, String source, String date) {
        double of(double quantity) {
            return usd * quantity / per;
        }

        String row() {
            return "| " + item + " | $" + plain(usd) + " per " + (per == 1 ? "" : count(per) + " ") + unit + " | " + source + " | " + date + " |";
        }
    }

    static final String REGION = "US East (N. Virginia), us-east-1";

    static final Price LAMBDA_REQUESTS = new Price("Lambda requests", 0.20, 1_000_000, "requests",
            "aws.amazon.com/lambda/pricing (as quoted by git.mcrn.ar lambda-13-cost.md)", "2026-05-11");
    static final Price LAMBDA_ARM = new Price("Lambda duration, arm64 (first 7.5 billion GB-s)", 0.0000133334, 1, "GB-second",
            "cloudchipr.com/blog/aws-lambda-pricing, quoting aws.amazon.com/lambda/pricing", "2024");
    static final Price HTTP_API = new Price("API Gateway HTTP API (first 300 million)", 1.00, 1_000_000, "requests",
            "docs.aws.amazon.com whitepaper best-practices-api-gateway-private-apis-integration, Table 4", "2025");
    static final Price SQS = new Price("SQS standard requests (64 KB chunks)", 0.40, 1_000_000, "requests",
            "cloudburn.io/blog/amazon-sqs-pricing", "2026-03-14");
    static final Price EVENTS = new Price("EventBridge custom events published", 1.00, 1_000_000, "events",
            "cloudburn.io/blog/amazon-eventbridge-pricing", "2026-03-13");
    static final Price ARCHIVE_PROCESSED = new Price("EventBridge archive, events archived", 0.10, 1, "GB",
            "cloudburn.io/blog/amazon-eventbridge-pricing", "2026-03-13");
    static final Price ARCHIVE_STORED = new Price("EventBridge archive storage", 0.023, 1, "GB-month",
            "cloudburn.io/blog/amazon-eventbridge-pricing", "2026-03-13");
    static final Price SCHEDULER = new Price("EventBridge Scheduler invocations (after 14 million free a month)", 1.00, 1_000_000,
            "invocations", "cloudburn.io/blog/amazon-eventbridge-pricing", "2026-03-13");
    static final Price WRITES = new Price("DynamoDB on-demand write request units", 0.625, 1_000_000, "WRU",
            "airbyte.com/data-engineering-resources/dynamodb-pricing (after the November 2024 cut)", "2025-07-21");
    static final Price READS = new Price("DynamoDB on-demand read request units", 0.125, 1_000_000, "RRU",
            "airbyte.com/data-engineering-resources/dynamodb-pricing (after the November 2024 cut)", "2025-07-21");
    static final Price TABLE_STORAGE = new Price("DynamoDB storage (Standard table class)", 0.25, 1, "GB-month",
            "aws.amazon.com/dynamodb/pricing", "page undated");
    static final Price PITR = new Price("DynamoDB point-in-time recovery", 0.20, 1, "GB-month",
            "not found in the stored pages: AWS's long-published rate, unverified here", "-");
    static final Price KMS_KEY = new Price("KMS customer-managed key (+$1 for each of its first two rotations)", 1.00, 1, "key-month",
            "aws.amazon.com/kms/pricing", "2026 (cloudburn.io, 2026-03-14)");
    static final Price KMS_REQUESTS = new Price("KMS requests", 0.03, 10_000, "requests",
            "wring.co/blog/aws-kms-pricing-guide", "2026");
    static final Price ALARM = new Price("CloudWatch standard-resolution alarm metric (a math alarm pays each metric)", 0.10, 1,
            "alarm metric-month", "c3x.dev aws_cloudwatch_metric_alarm", "2026");
    static final Price DASHBOARD = new Price("CloudWatch dashboard (3 per account free)", 3.00, 1, "dashboard-month",
            "factualminds.com CloudWatch pricing", "2026-06-13");
    static final Price LOG_INGESTION = new Price("CloudWatch Logs ingestion (standard class)", 0.50, 1, "GB",
            "factualminds.com CloudWatch pricing", "2026-06-13");
    static final Price LOG_STORAGE = new Price("CloudWatch Logs storage", 0.03, 1, "GB-month",
            "not found in the stored pages: AWS's long-published rate, unverified here", "-");
    static final Price XRAY = new Price("X-Ray traces recorded (100,000 a month free)", 5.00, 1_000_000, "traces",
            "awsnegotiations.com/x-ray-pricing-strategy.html; aws.amazon.com/xray/pricing", "2026");
    static final Price STATE_TRANSITIONS = new Price("Step Functions Standard state transitions (4,000 a month free)", 0.025, 1_000,
            "state transitions", "aws.amazon.com/step-functions/pricing (US East and Frankfurt alike)", "page undated; $25 per million also in wring.co, 2026-03-14");
    static final Price SECRET = new Price("Secrets Manager secret", 0.40, 1, "secret-month", "hivebook.wiki AWS Secrets Manager",
            "2026");
    static final List<Price> PRICES = List.of(LAMBDA_REQUESTS, LAMBDA_ARM, HTTP_API, SQS, EVENTS, ARCHIVE_PROCESSED,
            ARCHIVE_STORED, SCHEDULER, WRITES, READS, TABLE_STORAGE, PITR, KMS_KEY, KMS_REQUESTS, ALARM, DASHBOARD,
            LOG_INGESTION, LOG_STORAGE, XRAY, STATE_TRANSITIONS, SECRET);

    /** One API route of the traffic model: its share of the requests and what one request does. */
    record Route(String route, double share, String handler, double millis, double readUnits, double writeUnits, String event) {
    }

    static final double API_REQUESTS = 1_000_000;
    static final List<Route> ROUTES = List.of(
            new Route("GET /web/dashboard", 0.30, "DashboardFunctions$Web", 60, 1.5, 0, null),
            new Route("GET /mobile/dashboard", 0.25, "DashboardFunctions$Mobile", 70, 2.0, 0, null),
            new Route("GET /orders", 0.12, "OrdersFunction", 50, 1.0, 0, null),
            new Route("GET /orders/{orderId}", 0.10, "OrdersFunction", 40, 0.5, 0, null),
            new Route("GET /users/{userId}", 0.10, "UsersFunction", 40, 0.5, 0, null),
            new Route("POST /orders", 0.05, "OrdersFunction", 150, 1.5, 7, "order.placed"),
            new Route("PUT /users/{userId}", 0.04, "UsersFunction", 120, 0.5, 4, null),
            new Route("POST /users", 0.03, "UsersFunction", 150, 0.5, 7, "user.created"),
            new Route("DELETE /users/{userId}", 0.01, "UsersFunction", 120, 0.5, 4, null));
    /** Consumers of user.created: each message one invocation (low traffic: batches of one), one PutItem. */
    static final Map<String, String> CONSUMERS = Map.of("UserEventFunctions$SendWelcomeEmail", "user.created",
            "UserEventFunctions$CreateUserProfile", "user.created");
    static final double CONSUMER_MILLIS = 40;
    static final double RELAY_RUNS = 30 * 24 * 12;
    static final double RELAY_MILLIS = 200;
    static final double RELAY_READ_UNITS = 1.0;
    static final double EXPIRY_RUNS = 30;
    static final double EXPIRY_MILLIS = 2000;
    static final double EXPIRY_READ_UNITS = 50;
    static final double EVENT_KB = 1;
    /** Lambda's SQS event source mapping long-polls each queue with 5 pollers, 3 empty receives a minute each, when idle. */
    static final double POLLS_PER_QUEUE = 5 * 3 * 60 * 24 * 30;
    static final double LAMBDA_LOG_KB = 1.2;
    static final double ACCESS_LOG_KB = 0.45;
    /** Each order.placed starts the order saga: its four steps, one Lambda invocation each (success path). */
    static final List<String> SAGA_STEPS = List.of("OrderSagaFunctions$ProcessOrder", "OrderSagaFunctions$ValidatePayment",
            "OrderSagaFunctions$UpdateInventory", "OrderSagaFunctions$ConfirmOrder");
    static final double SAGA_STEP_MILLIS = 100;
    /** The states entered on the success path: ProcessOrder, its choice, ValidatePayment, UpdateInventory, ConfirmOrder, and the start. */
    static final double SAGA_TRANSITIONS = 6;
    static final double SAGA_READ_UNITS = 2;
    /** The order, the payment, the stock (a transaction: twice the units) and the confirmation. */
    static final double SAGA_WRITE_UNITS = 8;
    /** The orders table changes three times an order (placed, processed, confirmed); the stream's batch window of 5 s gathers them. */
    static final double STATS_RECORDS_PER_ORDER = 3;
    static final double STATS_MILLIS = 80;
    /** Per record the per-user and the per-day aggregate. */
    static final double STATS_WRITE_UNITS_PER_RECORD = 2;
    static final double TABLE_GB = 1;
    static final double KMS_REQUESTS_PER_STAGE = 200_000;

    /** What one stage costs: items in order, each with its quantity and monthly dollars. */
    record Line(String item, String quantity, double usd) {
    }

    private CostReport() {
    }

    /** The report over the templates of each stage ({@code Dev/Data} ...), and the key count with isolated function keys. */
    static String render(Map<String, Map<String, Object>> templates, Map<String, Integer> isolatedKeysByStage) {
        Map<String, List<Line>> stages = new LinkedHashMap<>();
        for (String stage : List.of("Dev", "Prod")) {
            Map<String, Map<String, Object>> ofStage = new LinkedHashMap<>();
            templates.forEach((stack, template) -> {
                if (stack.startsWith(stage + "/")) {
                    ofStage.put(stack, template);
                }
            });
            stages.put(stage, lines(new Inventory(ofStage)));
        }
        StringBuilder out = new StringBuilder();
        out.append("# What the reference app costs\n\n")
                .append("Generated by `CostReportTest` from the synthesized templates of both stages (what they deploy: functions and ")
                .append("their memory, keys, queues, alarms and their metrics, dashboards, log groups and their retention, secrets, ")
                .append("topics, the event archive and schedules) and the traffic model below; checked like a snapshot, regenerated ")
                .append("with `mvn -B verify -Dsnapshot.update=true`. List prices of ").append(REGION).append(", without free tiers ")
                .append("(they are noted where they are permanent); other regions differ (Frankfurt, the app's default, is dearer ")
                .append("for several of these). An estimate of a model, not a bill: check the assumptions against your traffic.\n\n");
        out.append("## Unit prices\n\n| item | price | source | date stated |\n|---|---|---|---|\n");
        PRICES.forEach(p -> out.append(p.row()).append('\n'));
        out.append("\nCodeDeploy deployments to Lambda and SnapStart of Java functions cost nothing extra; data transfer out ")
                .append("(about 2 GB of responses) is left out.\n\n");
        out.append("## Traffic model (a month)\n\n")
                .append(count(API_REQUESTS)).append(" API requests, each one Lambda invocation of the route's function at the memory ")
                .append("its template sets; warm invocations of the stated average duration; DynamoDB units per request (reads ")
                .append("eventually consistent, transactions at twice the units):\n\n")
                .append("| route | share | requests | function | ms | read units | write units | event |\n|---|---|---|---|---|---|---|---|\n");
        for (Route r : ROUTES) {
            out.append("| `").append(r.route()).append("` | ").append(Math.round(r.share() * 100)).append("% | ")
                    .append(count(r.share() * API_REQUESTS)).append(" | ").append(r.handler()).append(" | ").append(plain(r.millis()))
                    .append(" | ").append(plain(r.readUnits())).append(" | ").append(plain(r.writeUnits())).append(" | ")
                    .append(r.event() == null ? "" : r.event()).append(" |\n");
        }
        out.append("\nEach event: one PutEvents, ").append(plain(EVENT_KB)).append(" KB in the archive, one outbox delete (1 WRU). Each `user.created` ")
                .append("reaches two consumers (one invocation of ").append(plain(CONSUMER_MILLIS)).append(" ms and one PutItem each; ")
                .append("SQS send, receive and delete). Lambda polls each consumer queue ").append(count(POLLS_PER_QUEUE))
                .append(" times a month when it is idle (5 pollers, 3 long polls a minute each). The outbox relay runs ")
                .append(count(RELAY_RUNS)).append(" times (").append(plain(RELAY_MILLIS)).append(" ms, ").append(plain(RELAY_READ_UNITS))
                .append(" read unit), the expiry job ").append(count(EXPIRY_RUNS)).append(" times (").append(plain(EXPIRY_MILLIS))
                .append(" ms, ").append(plain(EXPIRY_READ_UNITS)).append(" read units). Every invocation is traced by X-Ray (at this rate ")
                .append("the sampling rule's 1 request a second keeps nearly all) and logs ").append(plain(LAMBDA_LOG_KB))
                .append(" KB (platform and application JSON lines); each API request writes ").append(plain(ACCESS_LOG_KB))
                .append(" KB of access log. Stored logs: a month of ingestion per month of retention, uncompressed (an upper bound). ")
                .append(plain(TABLE_GB)).append(" GB of table data, backed up by point-in-time recovery. About ")
                .append(count(KMS_REQUESTS_PER_STAGE)).append(" KMS requests a stage (data keys of the tables, queues, logs and ")
                .append("function environments, cached by the services for minutes). Each `order.placed` starts one execution of ")
                .append("the order saga: ").append(plain(SAGA_TRANSITIONS)).append(" state transitions and its ").append(SAGA_STEPS.size())
                .append(" steps of ").append(plain(SAGA_STEP_MILLIS)).append(" ms (").append(plain(SAGA_READ_UNITS)).append(" read and ")
                .append(plain(SAGA_WRITE_UNITS)).append(" write units, the stock's transaction at twice the units); the orders table changes ")
                .append(plain(STATS_RECORDS_PER_ORDER)).append(" times an order, which the order statistics read from its stream in one ")
                .append("invocation of ").append(plain(STATS_MILLIS)).append(" ms (Lambda's reads of a DynamoDB stream are free), ")
                .append(plain(STATS_WRITE_UNITS_PER_RECORD)).append(" write units a record. Catalog imports (a few files a month: S3 ")
                .append("requests and storage of cents) and failure paths (compensations, retries, redrives) are left out.\n\n");
        out.append("## A month of each stage\n\n| item | Dev | Dev $ | Prod | Prod $ |\n|---|---|---|---|---|\n");
        List<Line> dev = stages.get("Dev");
        List<Line> prod = stages.get("Prod");
        for (int i = 0; i < dev.size(); i++) {
            out.append("| ").append(dev.get(i).item()).append(" | ").append(dev.get(i).quantity()).append(" | ").append(money(dev.get(i).usd()))
                    .append(" | ").append(prod.get(i).quantity()).append(" | ").append(money(prod.get(i).usd())).append(" |\n");
        }
        out.append("| **total** | | **").append(money(total(dev))).append("** | | **").append(money(total(prod))).append("** |\n\n");
        out.append(defaults(templates, isolatedKeysByStage));
        return out.toString();
    }

    static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::usd).sum();
    }

    /** The monthly lines of one stage. */
    static List<Line> lines(Inventory inv) {
        List<Line> lines = new ArrayList<>();
        double apiInvocations = 0;
        double gbSeconds = 0;
        double reads = 0;
        double writes = 0;
        double events = 0;
        double userCreated = 0;
        for (Route r : ROUTES) {
            double requests = r.share() * API_REQUESTS;
            apiInvocations += requests;
            gbSeconds += requests * r.millis() / 1000 * inv.memoryGb(r.handler());
            reads += requests * r.readUnits();
            writes += requests * r.writeUnits();
            if (r.event() != null) {
                events += requests;
                writes += requests; // the outbox item, deleted once published
            }
            if ("user.created".equals(r.event())) {
                userCreated += requests;
            }
        }
        double consumerInvocations = 0;
        for (String consumer : CONSUMERS.keySet()) {
            consumerInvocations += userCreated;
            gbSeconds += userCreated * CONSUMER_MILLIS / 1000 * inv.memoryGb(consumer);
            writes += userCreated;
        }
        gbSeconds += RELAY_RUNS * RELAY_MILLIS / 1000 * inv.memoryGb("RelayOutboxesFunction");
        gbSeconds += EXPIRY_RUNS * EXPIRY_MILLIS / 1000 * inv.memoryGb("ExpireStaleOrdersHandler");
        reads += RELAY_RUNS * RELAY_READ_UNITS + EXPIRY_RUNS * EXPIRY_READ_UNITS;
        double orders = ROUTES.stream().filter(r -> "order.placed".equals(r.event())).mapToDouble(r -> r.share() * API_REQUESTS).sum();
        for (String step : SAGA_STEPS) {
            gbSeconds += orders * SAGA_STEP_MILLIS / 1000 * inv.memoryGb(step);
        }
        reads += orders * SAGA_READ_UNITS;
        writes += orders * SAGA_WRITE_UNITS + orders * STATS_RECORDS_PER_ORDER * STATS_WRITE_UNITS_PER_RECORD;
        gbSeconds += orders * STATS_MILLIS / 1000 * inv.memoryGb("OrderStatsFunction");
        double invocations = apiInvocations + consumerInvocations + RELAY_RUNS + EXPIRY_RUNS + orders * (SAGA_STEPS.size() + 1);

        lines.add(new Line("Lambda requests (" + inv.functions + " functions, arm64)", count(invocations), LAMBDA_REQUESTS.of(invocations)));
        lines.add(new Line("Lambda duration", count(gbSeconds) + " GB-s", LAMBDA_ARM.of(gbSeconds)));
        lines.add(new Line("API Gateway (" + inv.httpApis + " HTTP API)", count(API_REQUESTS * inv.httpApis), HTTP_API.of(API_REQUESTS * inv.httpApis)));
        double sqs = inv.consumerQueues * POLLS_PER_QUEUE + userCreated * CONSUMERS.size() * 3;
        lines.add(new Line("SQS (" + inv.queues + " queues, " + inv.consumerQueues + " polled)", count(sqs), SQS.of(sqs)));
        lines.add(new Line("EventBridge events", count(events), EVENTS.of(events)));
        double transitions = orders * SAGA_TRANSITIONS * inv.workflows;
        lines.add(new Line("Step Functions (the order saga, Standard)", count(transitions) + " transitions", STATE_TRANSITIONS.of(transitions)));
        double archivedGb = inv.archives * events * EVENT_KB / 1_000_000;
        lines.add(new Line("EventBridge archive (" + inv.archives + ", " + inv.archiveRetentionDays + " days)",
                plain2(archivedGb) + " GB", ARCHIVE_PROCESSED.of(archivedGb) + ARCHIVE_STORED.of(archivedGb * inv.archiveRetentionDays / 30.0)));
        double schedulerRuns = RELAY_RUNS + EXPIRY_RUNS;
        lines.add(new Line("EventBridge Scheduler (" + inv.schedules + " schedules, 14 million free)", count(schedulerRuns), 0));
        lines.add(new Line("DynamoDB writes (" + inv.tables + " tables)", count(writes) + " WRU", WRITES.of(writes)));
        lines.add(new Line("DynamoDB reads", count(reads) + " RRU", READS.of(reads)));
        lines.add(new Line("DynamoDB storage and point-in-time recovery", plain(TABLE_GB) + " GB", TABLE_STORAGE.of(TABLE_GB) + PITR.of(TABLE_GB)));
        lines.add(new Line("KMS keys", inv.keys + " keys", KMS_KEY.of(inv.keys)));
        lines.add(new Line("KMS requests", count(KMS_REQUESTS_PER_STAGE), KMS_REQUESTS.of(KMS_REQUESTS_PER_STAGE)));
        lines.add(new Line("CloudWatch alarms", inv.alarms + " alarms, " + inv.alarmMetrics + " metrics", ALARM.of(inv.alarmMetrics)));
        lines.add(new Line("CloudWatch dashboards", inv.dashboards + "", DASHBOARD.of(inv.dashboards)));
        double logGb = (invocations * LAMBDA_LOG_KB + API_REQUESTS * inv.httpApis * ACCESS_LOG_KB) / 1_000_000;
        lines.add(new Line("CloudWatch Logs ingestion (" + inv.logGroups + " log groups)", plain2(logGb) + " GB", LOG_INGESTION.of(logGb)));
        double storedGb = logGb * inv.retentionDays / 30.0;
        lines.add(new Line("CloudWatch Logs storage (the stage's retention)", plain2(storedGb) + " GB, " + inv.retentionDays + " days",
                LOG_STORAGE.of(storedGb)));
        lines.add(new Line("X-Ray traces", count(invocations), XRAY.of(invocations)));
        lines.add(new Line("Secrets Manager", inv.secrets + " secret", SECRET.of(inv.secrets)));
        lines.add(new Line("SNS alarm topics (a few notifications), CodeDeploy to Lambda", inv.topics + " topics, " + inv.deploymentGroups
                + " deployment groups", 0));
        return lines;
    }

    /** The default choices and what each costs a stage, with the alternative. */
    static String defaults(Map<String, Map<String, Object>> templates, Map<String, Integer> isolatedKeysByStage) {
        Map<String, Map<String, Object>> prod = new LinkedHashMap<>();
        templates.forEach((stack, t) -> {
            if (stack.startsWith("Prod/")) {
                prod.put(stack, t);
            }
        });
        Inventory inv = new Inventory(prod);
        StringBuilder out = new StringBuilder("## What the defaults cost, and the choices (Prod)\n\n")
                .append("| default | what it costs a month | the choice |\n|---|---|---|\n");
        int shared = inv.functionKeys;
        int isolated = isolatedKeysByStage.get("Prod") - (inv.keys - shared);
        out.append("| one KMS key per stack for its functions (`FunctionKey`) | ").append(shared).append(" keys: ").append(money(KMS_KEY.of(shared)))
                .append(" | `-c isolatedFunctionKeys=true`: a key per function, ").append(isolated).append(" keys: ")
                .append(money(KMS_KEY.of(isolated))).append(" (a grant of one key then reads one function's data only) |\n");
        out.append("| a KMS key per table (`SecureTable`) | ").append(inv.tables).append(" keys: ").append(money(KMS_KEY.of(inv.tables)))
                .append(" | `encryptionKey(shared)`: one key, ").append(money(KMS_KEY.of(1))).append(" (any reader of one table could decrypt all) |\n");
        out.append("| an encrypted alarm topic per stack (`AlarmTopic`, prod) | ").append(inv.topics).append(" keys: ")
                .append(money(KMS_KEY.of(inv.topics))).append(" | `AlarmPolicy.notifying(topic)`: one topic for the app, ")
                .append(money(KMS_KEY.of(1))).append("; dev notifies nobody and has none |\n");
        inv.alarmMetricsByKind.forEach((kind, metrics) -> out.append("| alarm `").append(kind).append("` (")
                .append(inv.alarmsByKind.get(kind)).append(" alarms, ").append(metrics).append(" metrics) | ")
                .append(money(ALARM.of(metrics))).append(" | `AlarmPolicy.disable(\"").append(kind).append("\")` |\n"));
        out.append("| a dashboard per stack | ").append(inv.dashboards).append(" dashboards: ").append(money(DASHBOARD.of(inv.dashboards)))
                .append(" | the first 3 of an account are free; dev and prod in one account pay for ")
                .append(inv.dashboards * 2 - 3).append(" |\n");
        out.append("| X-Ray active tracing on every function | ").append(money(XRAY.of(invocations()))).append(" at this traffic")
                .append(" | a sampling rule of your own; tracing off is a change to `SecureFunction` |\n");
        out.append("| prod keeps logs 365 days, dev 30 (`stages` in cdk.json) | see \"CloudWatch Logs storage\" above | ")
                .append("`logRetentionDays` per stage |\n");
        out.append("| CodeDeploy canary on every prod function | nothing | `deployment: none` per stage |\n");
        return out.toString();
    }

    static double invocations() {
        double userCreated = ROUTES.stream().filter(r -> "user.created".equals(r.event())).mapToDouble(r -> r.share() * API_REQUESTS).sum();
        double orders = ROUTES.stream().filter(r -> "order.placed".equals(r.event())).mapToDouble(r -> r.share() * API_REQUESTS).sum();
        return API_REQUESTS + userCreated * CONSUMERS.size() + RELAY_RUNS + EXPIRY_RUNS + orders * (SAGA_STEPS.size() + 1);
    }

    /** What the templates of one stage deploy, counted. */
    static final class Inventory {
        int functions;
        int httpApis;
        int queues;
        int consumerQueues;
        int archives;
        int archiveRetentionDays;
        int schedules;
        int tables;
        int keys;
        int functionKeys;
        int alarms;
        int alarmMetrics;
        int dashboards;
        int logGroups;
        int retentionDays;
        int secrets;
        int topics;
        int deploymentGroups;
        int workflows;
        final Map<String, Double> memoryGbByHandler = new TreeMap<>();
        final Map<String, Integer> alarmsByKind = new TreeMap<>();
        final Map<String, Integer> alarmMetricsByKind = new TreeMap<>();

        @SuppressWarnings("unchecked")
        Inventory(Map<String, Map<String, Object>> templates) {
            for (Map<String, Object> template : templates.values()) {
                Map<String, Object> resources = (Map<String, Object>) template.getOrDefault("Resources", Map.of());
                resources.forEach((id, value) -> {
                    Map<String, Object> resource = (Map<String, Object>) value;
                    Map<String, Object> props = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
                    switch (String.valueOf(resource.get("Type"))) {
                        case "AWS::Lambda::Function" -> {
                            functions++;
                            String handler = String.valueOf(props.get("Handler"));
                            String name = handler.substring(handler.lastIndexOf('.') + 1).replace("::handleRequest", "");
                            memoryGbByHandler.put(name, ((Number) props.getOrDefault("MemorySize", 128)).doubleValue() / 1024);
                        }
                        case "AWS::ApiGatewayV2::Api" -> httpApis++;
                        case "AWS::SQS::Queue" -> queues++;
                        case "AWS::Lambda::EventSourceMapping" -> consumerQueues++;
                        case "AWS::Events::Archive" -> {
                            archives++;
                            archiveRetentionDays = ((Number) props.getOrDefault("RetentionDays", 0)).intValue();
                        }
                        case "AWS::Scheduler::Schedule" -> schedules++;
                        case "AWS::DynamoDB::Table" -> tables++;
                        case "AWS::KMS::Key" -> {
                            keys++;
                            if (id.startsWith("FunctionKey")) {
                                functionKeys++;
                            }
                        }
                        case "AWS::CloudWatch::Alarm" -> {
                            alarms++;
                            int metrics = props.containsKey("MetricName") ? 1 : (int) ((List<Object>) props.get("Metrics")).stream()
                                    .filter(m -> ((Map<String, Object>) m).containsKey("MetricStat")).count();
                            alarmMetrics += metrics;
                            String description = String.valueOf(props.get("AlarmDescription"));
                            String kind = description.substring(description.lastIndexOf('(') + 1, description.length() - 1);
                            alarmsByKind.merge(kind, 1, Integer::sum);
                            alarmMetricsByKind.merge(kind, metrics, Integer::sum);
                        }
                        case "AWS::CloudWatch::Dashboard" -> dashboards++;
                        case "AWS::Logs::LogGroup" -> {
                            logGroups++;
                            retentionDays = Math.max(retentionDays, ((Number) props.getOrDefault("RetentionInDays", 0)).intValue());
                        }
                        case "AWS::SecretsManager::Secret" -> secrets++;
                        case "AWS::SNS::Topic" -> topics++;
                        case "AWS::CodeDeploy::DeploymentGroup" -> deploymentGroups++;
                        case "AWS::StepFunctions::StateMachine" -> workflows++;
                        default -> {
                        }
                    }
                });
            }
        }

        /** The memory of the function whose handler class ends with {@code handler}, in GB. */
        double memoryGb(String handler) {
            return memoryGbByHandler.entrySet().stream().filter(e -> e.getKey().endsWith(handler)).map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no function with handler " + handler + " in "
                            + memoryGbByHandler.keySet()));
        }
    }

    static String money(double usd) {
        return "$" + BigDecimal.valueOf(usd).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String count(double value) {
        return String.format(java.util.Locale.ROOT, "%,d", Math.round(value));
    }

    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String plain2(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
