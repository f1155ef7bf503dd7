/**
 * {@link dev.stratus.constructs.files.FileIngest}: file upload → function. A KMS-encrypted, versioned,
 * SSL-only bucket with access logs and lifecycle rules, whose EventBridge notifications reach a
 * function's {@code live} alias through a rule (prefix/suffix filter) and an encrypted queue with DLQ.
 */
package dev.stratus.constructs.files;
