/**
 * {@link dev.stratus.constructs.function.SecureFunction}: a Java Lambda function with its own
 * least-privilege role, a KMS key (its own or shared), encrypted DLQ, JSON logs named under the
 * stack's prefix with retention, X-Ray, SnapStart and a {@code live} alias for triggers. See
 * README.md in this folder.
 */
package dev.stratus.constructs.function;
