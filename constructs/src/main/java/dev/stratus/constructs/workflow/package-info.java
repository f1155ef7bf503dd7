/**
 * {@link dev.stratus.constructs.workflow.Workflow}: a saga as a Step Functions state machine: steps
 * with retries and compensations run in reverse order on failure, logging ALL to an encrypted log
 * group, X-Ray, execution data under a customer-managed key, alarms, and start by EventBridge rule or
 * grant. See README.md in this folder.
 */
package dev.stratus.constructs.workflow;
