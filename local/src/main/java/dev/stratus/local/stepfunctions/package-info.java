/**
 * An offline executor for Amazon States Language: {@link dev.stratus.local.stepfunctions.StateMachineDefinition}
 * reads a definition as synthesized (JSON, or a CloudFormation template's state machine with CDK's
 * {@code Fn::Join} and references), {@link dev.stratus.local.stepfunctions.StateMachineExecutor} runs it
 * against in-process handlers on a virtual clock, and {@link dev.stratus.local.stepfunctions.Execution}
 * reports status, output and the history as Step Functions names its events.
 */
package dev.stratus.local.stepfunctions;
