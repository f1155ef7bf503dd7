/**
 * {@link dev.stratus.constructs.table.SecureTable}: a DynamoDB table with on-demand billing, a
 * rotating customer-managed key, point-in-time recovery, deletion protection and retention, plus
 * grants by intent. See README.md in this folder.
 */
package dev.stratus.constructs.table;
