/**
 * {@link dev.stratus.constructs.api.BffApi}: an API Gateway front door (HTTP API, or REST with WAF)
 * built from a route table with per-client prefixes, JWT authorization by default, explicit CORS,
 * throttling and KMS-encrypted JSON access logs. See README.md in this folder.
 */
package dev.stratus.constructs.api;
