package io.platform.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Costs of a window grouped by an aggregate, one line per key, sorted by key. Amounts are at full precision; round
 * with {@link CostCalculator#forOutput} when showing them (the total is the rounded exact sum, not the sum of the
 * rounded lines).
 */
public record CostReport(CostWindow window, Aggregate aggregate, List<Line> lines, BigDecimal total) {

    /**
     * @param namespaces how many distinct namespaces were alive under this key during the window
     */
    public record Line(String key, BigDecimal cost, int namespaces) {
    }

    public static CostReport of(Collection<CostInterval> intervals, CostWindow window, Aggregate aggregate, Instant asOf) {
        Map<String, BigDecimal> costs = new TreeMap<>();
        Map<String, Set<String>> namespaces = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        for (CostInterval interval : intervals) {
            if (!alive(interval, window, asOf)) {
                continue;
            }
            BigDecimal cost = CostCalculator.cost(interval, window, asOf);
            String key = aggregate.keyOf(interval);
            costs.merge(key, cost, (a, b) -> a.add(b, CostCalculator.PRECISION));
            namespaces.computeIfAbsent(key, k -> new HashSet<>()).add(interval.namespace());
            total = total.add(cost, CostCalculator.PRECISION);
        }
        List<Line> lines = new ArrayList<>();
        costs.forEach((key, cost) -> lines.add(new Line(key, cost, namespaces.get(key).size())));
        return new CostReport(window, aggregate, List.copyOf(lines), total);
    }

    /** Whether any instant of the interval lies in the window (and before asOf). */
    private static boolean alive(CostInterval interval, CostWindow window, Instant asOf) {
        Instant end = interval.endOr(asOf);
        Instant start = interval.from();
        return start.isBefore(window.to()) && end.isAfter(window.from()) && start.isBefore(end);
    }
}
