package io.platform.analytics.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Namespaces and requests over time, one entry per step: namespaces alive at the step's end (by tier, environment and
 * status), requests made, requests that failed or were rejected, and how long namespace creation took (request to
 * READY) for the creations completed in the step.
 */
public record UsageReport(CostWindow window, Duration step, List<Step> steps) {

    /**
     * @param namespaces  alive at the step's end (or now, for a step reaching into the future)
     * @param byStatus    at the step's end: READY (alive), PENDING / UPDATING / DELETING (requests open); and
     *                    FAILED / REJECTED requests answered during the step
     * @param requests    requests made during the step, by kind and in total
     * @param failures    requests failed or rejected during the step, by outcome and in total
     * @param provisioningLatency creation requests that became READY during the step: count and percentiles (ms)
     */
    public record Step(Instant from, Instant to, int namespaces, Map<String, Integer> byTier,
                       Map<String, Integer> byEnvironment, Map<String, Integer> byStatus, Map<String, Integer> requests,
                       Map<String, Integer> failures, Latency provisioningLatency) {
    }

    public record Latency(int count, Long p50, Long p90, Long p99, Long max) {
    }

    public static UsageReport of(List<CostInterval> tierIntervals, List<UsageStore.RequestRecord> requests,
                                 CostWindow window, Duration step, Instant asOf) {
        List<Step> steps = new ArrayList<>();
        for (CostWindow part : CostReporting.steps(window, step)) {
            steps.add(step(tierIntervals, requests, part, asOf));
        }
        return new UsageReport(window, step, List.copyOf(steps));
    }

    private static Step step(List<CostInterval> intervals, List<UsageStore.RequestRecord> requests, CostWindow part, Instant asOf) {
        Instant end = part.to().isAfter(asOf) ? asOf : part.to();
        Instant at = end.minusMillis(1);
        Set<String> alive = new HashSet<>();
        Map<String, Integer> byTier = new TreeMap<>();
        Map<String, Integer> byEnvironment = new TreeMap<>();
        for (CostInterval interval : intervals) {
            boolean aliveAt = !interval.from().isAfter(at) && (interval.to() == null || interval.to().isAfter(at));
            if (aliveAt && alive.add(interval.namespace())) {
                byTier.merge(key(interval.tier()), 1, Integer::sum);
                byEnvironment.merge(key(interval.environment()), 1, Integer::sum);
            }
        }
        Map<String, Integer> byStatus = new TreeMap<>();
        byStatus.put(NamespaceStatus.READY.name(), alive.size());
        Map<String, Integer> made = new TreeMap<>();
        Map<String, Integer> failures = new TreeMap<>();
        List<Long> latencies = new ArrayList<>();
        int madeTotal = 0;
        int failedTotal = 0;
        for (UsageStore.RequestRecord request : requests) {
            if (inside(request.requestedAt(), part)) {
                made.merge(request.kind(), 1, Integer::sum);
                madeTotal++;
            }
            boolean openAt = !request.requestedAt().isAfter(at)
                    && (request.completedAt() == null || request.completedAt().isAfter(at));
            if (openAt) {
                byStatus.merge(openStatus(request.kind()), 1, Integer::sum);
            }
            if (request.completedAt() != null && inside(request.completedAt(), part)) {
                if ("FAILED".equals(request.outcome()) || "REJECTED".equals(request.outcome())) {
                    failures.merge(request.outcome(), 1, Integer::sum);
                    byStatus.merge(request.outcome(), 1, Integer::sum);
                    failedTotal++;
                } else if ("CREATE".equals(request.kind()) && "READY".equals(request.outcome())) {
                    latencies.add(Math.max(0, Duration.between(request.requestedAt(), request.completedAt()).toMillis()));
                }
            }
        }
        made.put("total", madeTotal);
        failures.put("total", failedTotal);
        return new Step(part.from(), part.to(), alive.size(), byTier, byEnvironment, byStatus, made, failures,
                latency(latencies));
    }

    private static String openStatus(String kind) {
        return switch (kind) {
            case "UPDATE" -> NamespaceStatus.UPDATING.name();
            case "DELETE" -> NamespaceStatus.DELETING.name();
            default -> NamespaceStatus.PENDING.name();
        };
    }

    /** Nearest-rank percentiles. */
    static Latency latency(List<Long> values) {
        if (values.isEmpty()) {
            return new Latency(0, null, null, null, null);
        }
        List<Long> sorted = values.stream().sorted().toList();
        return new Latency(sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static boolean inside(Instant instant, CostWindow window) {
        return !instant.isBefore(window.from()) && instant.isBefore(window.to());
    }

    private static String key(String value) {
        return value == null || value.isBlank() ? Aggregate.UNASSIGNED : value;
    }
}
