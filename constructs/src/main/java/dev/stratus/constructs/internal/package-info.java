/**
 * Helpers shared by the Stratus constructs: prop validation and cdk-nag metadata.
 * Not part of the public API; may change without notice.
 */
package dev.stratus.constructs.internal;
