/**
 * The reference CDK app: the data stack (the tables), the jobs stack (the nightly expiry of stale
 * orders, a ScheduledTask), the events stack (the bus, its consumers, the outbox relay and the order saga) and the API
 * stack (the backend-for-frontend), configured from CDK context ({@link dev.stratus.stacks.AppConfig}).
 */
package dev.stratus.stacks;
