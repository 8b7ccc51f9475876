package io.platform.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageAndResourcesTest {

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void countsNamespacesRequestsFailuresAndLatencyPerStep() {
        List<CostInterval> intervals = List.of(
                new CostInterval("a", "payments", "production", "small", null, 10_000, at("2026-11-01T10:00:00Z"), null),
                new CostInterval("b", "search", "staging", "medium", null, 20_000, at("2026-11-01T12:00:00Z"), at("2026-11-02T12:00:00Z")));
        List<UsageStore.RequestRecord> requests = List.of(
                new UsageStore.RequestRecord("r1", "a", "CREATE", at("2026-11-01T09:59:00Z"), "READY", at("2026-11-01T10:00:00Z")),
                new UsageStore.RequestRecord("r2", "b", "CREATE", at("2026-11-01T11:57:00Z"), "READY", at("2026-11-01T12:00:00Z")),
                new UsageStore.RequestRecord("r3", "c", "CREATE", at("2026-11-02T08:00:00Z"), "FAILED", at("2026-11-02T08:01:00Z")),
                new UsageStore.RequestRecord("r4", "d", "CREATE", at("2026-11-02T09:00:00Z"), null, null));

        UsageReport report = UsageReport.of(intervals, requests,
                new CostWindow(at("2026-11-01T00:00:00Z"), at("2026-11-03T00:00:00Z")), Duration.ofDays(1), at("2026-12-01T00:00:00Z"));

        UsageReport.Step first = report.steps().get(0);
        UsageReport.Step second = report.steps().get(1);
        assertThat(first.namespaces()).isEqualTo(2);
        assertThat(first.byTier()).containsEntry("small", 1).containsEntry("medium", 1);
        assertThat(first.requests()).containsEntry("CREATE", 2).containsEntry("total", 2);
        assertThat(first.provisioningLatency().count()).isEqualTo(2);
        assertThat(first.provisioningLatency().p50()).isEqualTo(60_000L);
        assertThat(first.provisioningLatency().max()).isEqualTo(180_000L);
        assertThat(second.namespaces()).isEqualTo(1);
        assertThat(second.byEnvironment()).containsOnlyKeys("production");
        assertThat(second.failures()).containsEntry("FAILED", 1).containsEntry("total", 1);
        assertThat(second.byStatus()).containsEntry("PENDING", 1).containsEntry("READY", 1).containsEntry("FAILED", 1);
    }

    @Test
    void addsUpTheQuotaOfEachTeamsNamespacesPerTier() {
        List<NamespaceAttributes> alive = List.of(
                new NamespaceAttributes("a", "payments", "production", "small", null),
                new NamespaceAttributes("b", "payments", "staging", "small", null),
                new NamespaceAttributes("c", "search", "staging", "gold", null));

        ResourceReport report = ResourceReport.of(alive, tier -> tier.equals("small")
                ? Optional.of(new ResourceReport.TierQuota("500m", "4Gi", "20Gi", 10, 5, 3)) : Optional.empty(), Instant.EPOCH);

        assertThat(report.items()).hasSize(2);
        ResourceReport.Line payments = report.items().get(0);
        assertThat(payments.namespaces()).isEqualTo(2);
        assertThat(payments.cpu()).isEqualByComparingTo("1");
        assertThat(payments.memory()).isEqualByComparingTo(BigDecimal.valueOf(8L * 1024 * 1024 * 1024));
        assertThat(payments.pods()).isEqualTo(20);
        assertThat(report.items().get(1).quotaKnown()).isFalse();
        assertThat(report.totals().namespaces()).isEqualTo(3);
    }

    @Test
    void readsKubernetesQuantities() {
        assertThat(Quantities.parse("250m")).isEqualByComparingTo("0.25");
        assertThat(Quantities.parse("2")).isEqualByComparingTo("2");
        assertThat(Quantities.parse("1Ki")).isEqualByComparingTo("1024");
        assertThat(Quantities.parse("1G")).isEqualByComparingTo("1000000000");
        assertThat(Quantities.parse("lots")).isEqualByComparingTo("0");
    }
}
