package dev.stratus.bench;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;

/**
 * The floor of every synthesis figure: a CDK Java app with one empty stack (the CLI refuses an app
 * without any): the JVM, jsii's Node runtime, aws-cdk-lib's start and a cloud assembly.
 */
public final class EmptyApp {
    private EmptyApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new Stack(app, "Empty");
        app.synth();
    }
}
