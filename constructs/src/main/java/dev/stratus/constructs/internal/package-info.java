/**
 * Helpers shared by the Stratus constructs: prop validation, cdk-nag metadata, exact grants, log
 * group names under the stack's prefix and the key policy statements that name that prefix.
 * Not part of the public API; may change without notice.
 */
package dev.stratus.constructs.internal;
