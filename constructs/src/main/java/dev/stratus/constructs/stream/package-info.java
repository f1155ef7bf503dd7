/**
 * {@link dev.stratus.constructs.stream.StreamProcessor}: a function's {@code live} alias reading a
 * SecureTable's DynamoDB stream or a Kinesis data stream (created on demand with a customer-managed
 * key, or given) with bounded retries, bisection, partial batch failures and an encrypted on-failure
 * queue; exact read grants, iterator-age, failure-queue and error alarms.
 */
package dev.stratus.constructs.stream;
