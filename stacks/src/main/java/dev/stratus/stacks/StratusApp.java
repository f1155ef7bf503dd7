package dev.stratus.stacks;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * The reference CDK app: {@code cdk synth} runs {@link #main}, which builds one {@link StratusStage}
 * per stage of context {@code stages} (or the one {@code -c stage=...} names). {@link #compose}
 * builds the stacks of one stage; tests call it, or {@link StratusStage#compose}, without writing a
 * cloud assembly.
 */
public final class StratusApp {
    private StratusApp() {
    }

    /** The stacks of one stage. */
    public record Stacks(DataStack data, JobsStack jobs, EventsStack events, ApiStack api, StatsStack stats, CatalogStack catalog) {
    }

    public static void main(String[] args) {
        App app = new App();
        StratusStage.compose(app, System::getenv);
        app.synth();
    }

    /** The stacks of one stage, under {@code app} (a stage of the app, or the app itself). */
    public static Stacks compose(Construct app, AppConfig config) {
        Tags.of(app).add("app", "stratus");
        Tags.of(app).add("stage", config.stage());
        boolean production = config.stage().startsWith("prod");

        DataStack data = new DataStack(app, "Data", StackProps.builder()
                .stackName(config.stackName("Data"))
                .env(config.environment())
                .terminationProtection(production)
                .description("Stratus " + config.stage() + ": orders table")
                .build());
        JobsStack jobs = new JobsStack(app, "Jobs", StackProps.builder()
                .stackName(config.stackName("Jobs"))
                .env(config.environment())
                .description("Stratus " + config.stage() + ": scheduled jobs")
                .build(), config, data.getOrders());
        EventsStack events = new EventsStack(app, "Events", StackProps.builder()
                .stackName(config.stackName("Events"))
                .env(config.environment())
                .description("Stratus " + config.stage() + ": user events and their consumers")
                .build(), config, data);
        ApiStack api = new ApiStack(app, "Api", StackProps.builder()
                .stackName(config.stackName("Api"))
                .env(config.environment())
                .description("Stratus " + config.stage() + ": backend-for-frontend API")
                .build(), config, data, events);
        StatsStack stats = new StatsStack(app, "Stats", StackProps.builder()
                .stackName(config.stackName("Stats"))
                .env(config.environment())
                .description("Stratus " + config.stage() + ": order statistics from the orders table's stream")
                .build(), config, data);
        CatalogStack catalog = new CatalogStack(app, "Catalog", StackProps.builder()
                .stackName(config.stackName("Catalog"))
                .env(config.environment())
                .description("Stratus " + config.stage() + ": product catalog import from uploaded CSV files")
                .build(), config, data);
        return new Stacks(data, jobs, events, api, stats, catalog);
    }
}
