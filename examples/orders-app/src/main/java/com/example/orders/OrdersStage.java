package com.example.orders;

import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.constructs.Construct;

/** One stage: the orders stack in the stage's account and region, under the same stack name everywhere. */
public final class OrdersStage extends Stage {
    /** The stage's one stack. */
    public final OrdersStack orders;

    OrdersStage(Construct scope, String id, Environment env) {
        super(scope, id, StageProps.builder().env(env).build());
        this.orders = new OrdersStack(this, "Orders", StackProps.builder().stackName("Orders")
                .terminationProtection(id.equals("Prod")).build());
    }
}
