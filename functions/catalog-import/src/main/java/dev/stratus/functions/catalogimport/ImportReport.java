package dev.stratus.functions.catalogimport;

import java.util.List;

/**
 * What an import did with one object version, written as JSON under {@code reports/}.
 *
 * @param status    {@code IMPORTED} (rows read; some may be rejected), {@code REJECTED} (the file as a
 *                  whole: too large, not UTF-8, not CSV, wrong header), or {@code SUPERSEDED} (a newer
 *                  upload replaced it before it was read)
 * @param problem   why the file as a whole was rejected or skipped; null when imported
 * @param rows      data rows read (the header not counted)
 * @param imported  rows written to the products table
 * @param rejected  the rejected rows, at most {@link CatalogImport#MAX_LISTED_REJECTIONS} listed
 * @param rejectedCount every rejected row, listed or not
 */
public record ImportReport(String file, String versionId, String etag, String status, String problem, int rows, int imported,
                           List<Rejection> rejected, int rejectedCount) {

    /** A rejected row: its line in the file (the header is line 1) and why. */
    public record Rejection(int line, String reason) {
    }
}
