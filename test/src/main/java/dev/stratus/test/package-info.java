/**
 * The Stratus test kit: stable template snapshots ({@link dev.stratus.test.TemplateSnapshot}) and
 * cdk-nag compliance checks ({@link dev.stratus.test.Compliance}) for JUnit tests of CDK stacks.
 */
package dev.stratus.test;
