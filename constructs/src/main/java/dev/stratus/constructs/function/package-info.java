/**
 * {@link dev.stratus.constructs.function.SecureFunction}: a Java Lambda function with its own
 * least-privilege role, KMS key, encrypted DLQ, JSON logs with retention, X-Ray, SnapStart and a
 * {@code live} alias for triggers. See README.md in this folder.
 */
package dev.stratus.constructs.function;
