package io.platform.analytics.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Quota allocated per team and tier: how many namespaces each team has alive in each tier and what their
 * ResourceQuotas add up to (the tier's quota from the catalog × namespaces).
 */
public record ResourceReport(Instant asOf, List<Line> items, Totals totals) {

    /**
     * @param quotaKnown false when the catalog does not define the tier (its quantities are then zero)
     * @param cpu        cores
     * @param memory     bytes
     * @param storage    bytes
     */
    public record Line(String team, String tier, int namespaces, boolean quotaKnown, BigDecimal cpu, BigDecimal memory,
                       BigDecimal storage, long pods, long services, long persistentVolumeClaims) {
    }

    public record Totals(int namespaces, BigDecimal cpu, BigDecimal memory, BigDecimal storage, long pods, long services,
                         long persistentVolumeClaims) {
    }

    /** One tier's ResourceQuota. */
    public record TierQuota(String cpu, String memory, String storage, int pods, int services, int persistentVolumeClaims) {
    }

    public static ResourceReport of(List<NamespaceAttributes> alive, Function<String, Optional<TierQuota>> quotas, Instant asOf) {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (NamespaceAttributes namespace : alive) {
            counts.computeIfAbsent(key(namespace.team()), team -> new TreeMap<>()).merge(key(namespace.tier()), 1, Integer::sum);
        }
        List<Line> lines = new ArrayList<>();
        counts.forEach((team, tiers) -> tiers.forEach((tier, count) -> {
            Optional<TierQuota> quota = quotas.apply(tier);
            BigDecimal n = BigDecimal.valueOf(count);
            lines.add(new Line(team, tier, count, quota.isPresent(),
                    quota.map(q -> Quantities.parse(q.cpu()).multiply(n)).orElse(BigDecimal.ZERO),
                    quota.map(q -> Quantities.parse(q.memory()).multiply(n)).orElse(BigDecimal.ZERO),
                    quota.map(q -> Quantities.parse(q.storage()).multiply(n)).orElse(BigDecimal.ZERO),
                    quota.map(q -> (long) q.pods() * count).orElse(0L),
                    quota.map(q -> (long) q.services() * count).orElse(0L),
                    quota.map(q -> (long) q.persistentVolumeClaims() * count).orElse(0L)));
        }));
        Totals totals = new Totals(lines.stream().mapToInt(Line::namespaces).sum(),
                lines.stream().map(Line::cpu).reduce(BigDecimal.ZERO, BigDecimal::add),
                lines.stream().map(Line::memory).reduce(BigDecimal.ZERO, BigDecimal::add),
                lines.stream().map(Line::storage).reduce(BigDecimal.ZERO, BigDecimal::add),
                lines.stream().mapToLong(Line::pods).sum(), lines.stream().mapToLong(Line::services).sum(),
                lines.stream().mapToLong(Line::persistentVolumeClaims).sum());
        return new ResourceReport(asOf, List.copyOf(lines), totals);
    }

    private static String key(String value) {
        return value == null || value.isBlank() ? Aggregate.UNASSIGNED : value;
    }
}
