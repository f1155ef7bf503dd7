/**
 * The Stratus test kit: stable template snapshots ({@link dev.stratus.test.TemplateSnapshot}),
 * cdk-nag compliance checks across Stages ({@link dev.stratus.test.Compliance}), IAM and resource
 * audits ({@link dev.stratus.test.IamAudit}, {@link dev.stratus.test.ResourceAudits}) and a ledger
 * of stateful resources against replacement ({@link dev.stratus.test.StatefulLedger}), for JUnit
 * tests of CDK apps.
 */
package dev.stratus.test;
