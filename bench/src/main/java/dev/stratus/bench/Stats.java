package dev.stratus.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Min, median and max of a series of measurements. */
record Stats(double min, double median, double max, int n) {
    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurement");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(sorted.get(0), median, sorted.get(n - 1), n);
    }

    /** {@code min / median / max} with {@code decimals} decimals. */
    String format(int decimals) {
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " / " + f + " / " + f, min, median, max);
    }
}
