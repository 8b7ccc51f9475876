package io.platform.e2e.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a set of durations in milliseconds. */
public final class Percentiles {

    private final List<Double> sorted;

    public Percentiles(Collection<Double> values) {
        this.sorted = new ArrayList<>(values);
        Collections.sort(sorted);
    }

    public int count() {
        return sorted.size();
    }

    public double at(double percentile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    public double max() {
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1);
    }
}
