package dev.stratus.bench;

import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnWaitConditionHandle;
import software.amazon.awscdk.Stack;

/**
 * The floor of every synthesis figure: a CDK Java app with one stack holding a wait condition handle
 * (the CLI refuses an app without a stack, and template validation a template without a resource):
 * the JVM, jsii's Node runtime, aws-cdk-lib's start and a cloud assembly.
 */
public final class EmptyApp {
    private EmptyApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new CfnWaitConditionHandle(new Stack(app, "Empty"), "Placeholder");
        app.synth();
    }
}
