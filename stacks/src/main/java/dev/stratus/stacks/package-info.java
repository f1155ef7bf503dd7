/**
 * The reference CDK app: a data stack (orders table) and a jobs stack (the nightly expiry of stale
 * orders, a ScheduledTask), configured from CDK context.
 */
package dev.stratus.stacks;
