package dev.stratus.functions.orders.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one format of {@code createdAt}: UTC with exactly three fraction digits
 * ({@code 2026-11-20T01:02:03.000Z}). Fixed width makes string order equal time order, which the
 * status index's sort key and the conditional update rely on; {@code Instant.toString()} drops
 * zero fractions and would sort {@code 03.5Z} before {@code 03Z}.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
