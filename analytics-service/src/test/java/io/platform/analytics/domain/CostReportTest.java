package io.platform.analytics.domain;

import static io.platform.analytics.domain.CostCalculatorTest.at;
import static io.platform.analytics.domain.CostCalculatorTest.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostReportTest {

    private static final CostWindow NOVEMBER = window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");

    private final List<CostInterval> intervals = List.of(
            // payments: two namespaces, each half of November at $100 → $50 each
            new CostInterval("payments-api", "payments", "production", "small", "cc-7", 10_000, at("2026-11-16T00:00:00Z"), null),
            new CostInterval("payments-db", "payments", "staging", "small", null, 10_000, at("2026-10-01T00:00:00Z"), at("2026-11-16T00:00:00Z")),
            // search: the whole month at $200
            new CostInterval("search", "search", "production", "medium", "cc-7", 20_000, at("2026-10-01T00:00:00Z"), null),
            // gone before the window: not part of the report
            new CostInterval("old", "data", "development", "micro", null, 5_000, at("2026-09-01T00:00:00Z"), at("2026-10-01T00:00:00Z")));

    @Test
    void groupsByTeamSortedByKeyWithTheNamespacesCounted() {
        CostReport report = CostReport.of(intervals, NOVEMBER, Aggregate.TEAM, at("2026-12-01T00:00:00Z"));

        assertThat(report.lines()).extracting(CostReport.Line::key).containsExactly("payments", "search");
        assertThat(report.lines()).extracting(line -> CostCalculator.forOutput(line.cost()))
                .containsExactly(new java.math.BigDecimal("100.0000"), new java.math.BigDecimal("200.0000"));
        assertThat(report.lines()).extracting(CostReport.Line::namespaces).containsExactly(2, 1);
        assertThat(CostCalculator.forOutput(report.total())).isEqualByComparingTo("300.0000");
    }

    @Test
    void namespacesWithoutCostCenterAreUnassigned() {
        CostReport report = CostReport.of(intervals, NOVEMBER, Aggregate.COST_CENTER, at("2026-12-01T00:00:00Z"));

        assertThat(report.lines()).extracting(CostReport.Line::key).containsExactly("cc-7", "unassigned");
        assertThat(CostCalculator.forOutput(report.lines().get(0).cost())).isEqualByComparingTo("250.0000");
    }

    @Test
    void groupsByEnvironmentTierAndNamespace() {
        CostReport byEnvironment = CostReport.of(intervals, NOVEMBER, Aggregate.ENVIRONMENT, at("2026-12-01T00:00:00Z"));
        CostReport byTier = CostReport.of(intervals, NOVEMBER, Aggregate.TIER, at("2026-12-01T00:00:00Z"));
        CostReport byNamespace = CostReport.of(intervals, NOVEMBER, Aggregate.NAMESPACE, at("2026-12-01T00:00:00Z"));

        assertThat(byEnvironment.lines()).extracting(CostReport.Line::key).containsExactly("production", "staging");
        assertThat(byTier.lines()).extracting(CostReport.Line::key).containsExactly("medium", "small");
        assertThat(byNamespace.lines()).extracting(CostReport.Line::key).containsExactly("payments-api", "payments-db", "search");
    }

    @Test
    void parsesAggregatesByTheirApiNames() {
        assertThat(Aggregate.parse("costCenter")).contains(Aggregate.COST_CENTER);
        assertThat(Aggregate.parse("TEAM")).contains(Aggregate.TEAM);
        assertThat(Aggregate.parse("owner")).isEmpty();
    }
}
