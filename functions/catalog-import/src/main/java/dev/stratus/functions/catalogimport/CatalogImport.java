package dev.stratus.functions.catalogimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Imports one uploaded object version of {@code imports/products-*.csv} into the products table and
 * writes its report to {@code reports/<file>.<version>.json}. Plain business code: S3 and DynamoDB,
 * no Lambda.
 *
 * <p>A file that cannot be imported as a whole (10 MB or more, not UTF-8, not CSV, wrong header, gone
 * or replaced meanwhile) gets a report saying why and is done with: retrying it would never help. A
 * version whose report exists is imported already and is skipped (a redelivered event writes
 * nothing). Only failures of S3 or DynamoDB themselves are thrown, to be retried.
 */
public final class CatalogImport {
    /** Uploads of this size or more are refused unread. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    /** Rejected rows listed in one report; the report counts them all. */
    public static final int MAX_LISTED_REJECTIONS = 1_000;
    static final String REPORTS_PREFIX = "reports/";
    static final Pattern FILE = Pattern.compile("imports/(products-[A-Za-z0-9._-]{1,200}\\.csv)");
    static final int BATCH = 25;
    static final int BATCH_ATTEMPTS = 8;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What became of one file event. */
    public enum Outcome {
        /** Rows read and written (some may be rejected, listed in the report). */
        IMPORTED,
        /** The file as a whole was refused or skipped, with a report saying why. */
        REPORTED,
        /** This version has a report already: nothing was written. */
        ALREADY_IMPORTED,
        /** Not a product import (another name under imports/): nothing was written. */
        IGNORED
    }

    /** The outcome, the report written (null when none was) and its key. */
    public record Result(Outcome outcome, ImportReport report, String reportKey) {
    }

    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final String productsTable;
    private final Clock clock;

    public CatalogImport(S3Client s3, DynamoDbClient dynamo, String productsTable, Clock clock) {
        this.s3 = s3;
        this.dynamo = dynamo;
        this.productsTable = productsTable;
        this.clock = clock;
    }

    /**
     * @param versionId the version the event names (null in an unversioned bucket)
     * @param etag      the ETag the event names, to tell a replaced object in an unversioned bucket
     */
    public Result importFile(String bucket, String key, String versionId, String etag) {
        Matcher file = FILE.matcher(key);
        if (!file.matches()) {
            return new Result(Outcome.IGNORED, null, null);
        }
        String version = versionId != null ? versionId : etag != null ? unquote(etag) : "unversioned";
        String reportKey = REPORTS_PREFIX + file.group(1) + "." + version + ".json";
        if (exists(bucket, reportKey)) {
            return new Result(Outcome.ALREADY_IMPORTED, null, reportKey);
        }
        HeadObjectResponse current;
        try {
            current = s3.headObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            return report(bucket, reportKey, whole(key, versionId, etag, "REJECTED", "the object no longer exists: it was deleted before it was read"));
        }
        boolean replaced = versionId != null ? !versionId.equals(current.versionId())
                : etag != null && !unquote(etag).equals(unquote(current.eTag()));
        if (replaced) {
            return report(bucket, reportKey, whole(key, versionId, etag, "SUPERSEDED",
                    "a newer upload replaced this one before it was read; the newer one is imported on its own event"));
        }
        if (current.contentLength() != null && current.contentLength() >= MAX_BYTES) {
            return report(bucket, reportKey, whole(key, versionId, etag, "REJECTED", "the file has " + current.contentLength()
                    + " bytes; an import must be smaller than 10 MB (" + MAX_BYTES + " bytes)"));
        }
        byte[] bytes = read(bucket, key, versionId);
        if (bytes.length >= MAX_BYTES) {
            return report(bucket, reportKey, whole(key, versionId, etag, "REJECTED", "the file has " + bytes.length
                    + " bytes or more; an import must be smaller than 10 MB (" + MAX_BYTES + " bytes)"));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (MalformedInputException e) {
            return report(bucket, reportKey, whole(key, versionId, etag, "REJECTED", "the file is not UTF-8 text: malformed bytes at offset "
                    + offsetOf(bytes) + "; save it as UTF-8 CSV"));
        } catch (CharacterCodingException e) {
            return report(bucket, reportKey, whole(key, versionId, etag, "REJECTED", "the file is not UTF-8 text; save it as UTF-8 CSV"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);   // a byte order mark, as spreadsheet programs write it
        }
        if (text.indexOf('\0') >= 0) {
            return report(bucket, reportKey, whole(key, versionId, etag, "REJECTED", "the file holds NUL characters: it is not a CSV text file"));
        }
        List<CsvLines.Row> rows = CsvLines.parse(text);
        if (rows.isEmpty()) {
            return report(bucket, reportKey, whole(key, versionId, etag, "REJECTED", "the file is empty: the first line must be the header "
                    + String.join(",", ProductRow.HEADER)));
        }
        List<String> header = rows.get(0).fields().stream().map(f -> f.strip().toLowerCase(Locale.ROOT)).toList();
        if (!header.equals(ProductRow.HEADER)) {
            String seen = String.join(",", rows.get(0).fields());
            return report(bucket, reportKey, whole(key, versionId, etag, "REJECTED", "the first line must be the header "
                    + String.join(",", ProductRow.HEADER) + ", but was '" + (seen.length() > 80 ? seen.substring(0, 80) + "…" : seen) + "'"));
        }
        List<ImportReport.Rejection> rejected = new ArrayList<>();
        int rejectedCount = 0;
        Map<String, Integer> lineOfId = new HashMap<>();
        List<ProductRow> valid = new ArrayList<>();
        for (CsvLines.Row row : rows.subList(1, rows.size())) {
            String reason = row.problem();
            ProductRow product = null;
            if (reason == null) {
                ProductRow.Result result = ProductRow.of(row.fields());
                reason = result.reason();
                product = result.row();
            }
            if (product != null) {
                Integer earlier = lineOfId.putIfAbsent(product.productId(), row.line());
                if (earlier != null) {
                    reason = "id " + product.productId() + " is already on line " + earlier;
                }
            }
            if (reason != null) {
                rejectedCount++;
                if (rejected.size() < MAX_LISTED_REJECTIONS) {
                    rejected.add(new ImportReport.Rejection(row.line(), reason));
                }
            } else {
                valid.add(product);
            }
        }
        upsert(valid, key, version);
        ImportReport report = new ImportReport(key, versionId, unquote(etag), "IMPORTED", null, rows.size() - 1, valid.size(),
                List.copyOf(rejected), rejectedCount);
        putReport(bucket, reportKey, report);
        return new Result(Outcome.IMPORTED, report, reportKey);
    }

    private Result report(String bucket, String reportKey, ImportReport report) {
        putReport(bucket, reportKey, report);
        return new Result(Outcome.REPORTED, report, reportKey);
    }

    private static ImportReport whole(String key, String versionId, String etag, String status, String problem) {
        return new ImportReport(key, versionId, unquote(etag), status, problem, 0, 0, List.of(), 0);
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** At most {@link #MAX_BYTES} bytes of the object version: enough to know it is too large. */
    private byte[] read(String bucket, String key, String versionId) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key).versionId(versionId))) {
            return in.readNBytes((int) MAX_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key + " failed", e);
        }
    }

    /** The offset of the first byte that is not part of valid UTF-8. */
    private static int offsetOf(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : bytes.length;
    }

    private void upsert(List<ProductRow> rows, String key, String version) {
        String now = clock.instant().toString();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<WriteRequest> writes = new ArrayList<>();
            for (ProductRow row : rows.subList(from, Math.min(from + BATCH, rows.size()))) {
                Map<String, AttributeValue> item = new LinkedHashMap<>();
                item.put("productId", s(row.productId()));
                item.put("name", s(row.name()));
                item.put("priceCents", n(row.priceCents()));
                item.put("stock", n(row.stock()));
                item.put("importedFrom", s(key + "#" + version));
                item.put("importedAt", s(now));
                writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(productsTable, writes);
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > BATCH_ATTEMPTS) {
                    throw new IllegalStateException("the products table left writes unprocessed after " + BATCH_ATTEMPTS + " attempts");
                }
                if (attempt > 1) {
                    sleep(Math.min(1_000L, 25L << attempt));
                }
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private void putReport(String bucket, String reportKey, ImportReport report) {
        byte[] json;
        try {
            json = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        s3.putObject(b -> b.bucket(bucket).key(reportKey).contentType("application/json"), RequestBody.fromBytes(json));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed writes", e);
        }
    }

    static String unquote(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
