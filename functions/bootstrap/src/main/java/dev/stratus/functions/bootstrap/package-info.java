/**
 * What every function's entry point does once: required environment variables ({@link
 * dev.stratus.functions.bootstrap.Env}) and SDK clients with the URL-connection HTTP client, the
 * function's region and bounded timeouts ({@link dev.stratus.functions.bootstrap.SdkClients}).
 */
package dev.stratus.functions.bootstrap;
