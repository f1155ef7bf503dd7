package dev.stratus.functions.catalogimport;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** One valid row of a product import: {@code id,name,price_cents,stock}. */
record ProductRow(String productId, String name, long priceCents, long stock) {
    static final List<String> HEADER = List.of("id", "name", "price_cents", "stock");
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    static final int MAX_NAME = 200;
    static final long MAX_PRICE_CENTS = 100_000_000;   // one million in the currency
    static final long MAX_STOCK = 10_000_000;

    /** The row, or the reason it is rejected (first problem found). */
    static Result of(List<String> fields) {
        if (fields.size() != HEADER.size()) {
            return Result.rejected("expected 4 fields (id,name,price_cents,stock), got " + fields.size());
        }
        String id = fields.get(0).strip();
        String name = fields.get(1).strip();
        if (!ID.matcher(id).matches()) {
            return Result.rejected("id '" + shorten(id) + "' must be 1 to 64 letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return Result.rejected("name must be 1 to " + MAX_NAME + " characters, but has " + name.length());
        }
        int hidden = name.codePoints().filter(cp -> Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.FORMAT)
                .findFirst().orElse(-1);
        if (hidden >= 0) {
            return Result.rejected(String.format("name holds the control or format character U+%04X", hidden));
        }
        Optional<Long> price = whole(fields.get(2).strip(), MAX_PRICE_CENTS);
        if (price.isEmpty()) {
            return Result.rejected("price_cents '" + shorten(fields.get(2).strip()) + "' must be a whole number of cents from 0 to " + MAX_PRICE_CENTS);
        }
        Optional<Long> stock = whole(fields.get(3).strip(), MAX_STOCK);
        if (stock.isEmpty()) {
            return Result.rejected("stock '" + shorten(fields.get(3).strip()) + "' must be a whole number from 0 to " + MAX_STOCK);
        }
        return new Result(new ProductRow(id, name, price.get(), stock.get()), null);
    }

    private static Optional<Long> whole(String text, long max) {
        if (!text.matches("\\d{1,12}")) {
            return Optional.empty();
        }
        long value = Long.parseLong(text);
        return value <= max ? Optional.of(value) : Optional.empty();
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** A valid row, or the reason for rejecting it. */
    record Result(ProductRow row, String reason) {
        static Result rejected(String reason) {
            return new Result(null, reason);
        }
    }
}
