package dev.stratus.functions.expireorders;

/**
 * What one run did.
 *
 * @param scanned       stale candidates read from the status index
 * @param expired       orders this run changed from PENDING to EXPIRED
 * @param skipped       candidates that were no longer stale PENDING orders when updated (paid,
 *                      cancelled or expired meanwhile, e.g. by a concurrent run)
 * @param complete      false when the run stopped early to stay within the function's timeout; the
 *                      next run carries on
 * @param cutoff        orders created before this instant were stale
 * @param maxPendingAge the age limit applied (ISO-8601)
 */
public record ExpiryResult(int scanned, int expired, int skipped, boolean complete, String cutoff, String maxPendingAge) {
}
