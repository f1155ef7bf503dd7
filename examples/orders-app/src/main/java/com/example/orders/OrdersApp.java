package com.example.orders;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;

/** The app: the same orders service in two stages, Dev and Prod, in their own accounts. */
public final class OrdersApp {
    /** Dev's account and region. */
    public static final Environment DEV = Environment.builder().account("111111111111").region("eu-central-1").build();
    /** Prod's account and region. */
    public static final Environment PROD = Environment.builder().account("222222222222").region("eu-west-1").build();

    private OrdersApp() {
    }

    /**
     * Builds both stages into {@code app}.
     *
     * @param app the app
     * @return the stages, Dev first
     */
    public static OrdersStage[] build(App app) {
        return new OrdersStage[] {new OrdersStage(app, "Dev", DEV), new OrdersStage(app, "Prod", PROD)};
    }

    /**
     * {@code cdk synth} runs this.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }
}
