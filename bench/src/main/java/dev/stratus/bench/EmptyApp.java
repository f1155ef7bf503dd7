package dev.stratus.bench;

import software.amazon.awscdk.App;

/** The floor of every synthesis figure: a CDK Java app without a stack (JVM, jsii's Node runtime, aws-cdk-lib, the CLI). */
public final class EmptyApp {
    private EmptyApp() {
    }

    public static void main(String[] args) {
        new App().synth();
    }
}
