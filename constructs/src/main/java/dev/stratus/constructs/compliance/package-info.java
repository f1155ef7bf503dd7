/**
 * {@link dev.stratus.constructs.compliance.Suppressions}: record, on one CloudFormation resource,
 * that a cdk-nag rule (or one finding of it) does not apply and why, without depending on cdk-nag.
 * See README.md in this folder.
 */
package dev.stratus.constructs.compliance;
