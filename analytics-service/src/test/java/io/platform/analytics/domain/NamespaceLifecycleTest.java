package io.platform.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.analytics.domain.ProjectionFacts.IntervalRow;
import io.platform.analytics.domain.ProjectionFacts.RequestRow;
import io.platform.analytics.domain.ProjectionFacts.TeamDayDelta;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed in November 2026 (30 days): small $100, medium $200, an instance $30 a month. A day costs price / 30.
 * <pre>
 * 10th 12:00 ready (small)           10th: 12 h small            = 100 × 0.5 / 30          = 1.666667
 * 11th 00:00 instance deployed       11th: 12 h small + instance = 130 × 0.5 / 30 = 2.166667
 * 11th 12:00 tier → medium                 12 h medium + instance = 230 × 0.5 / 30 = 3.833333  → 6.000000
 * 12th 00:00 instance deleted        12th: 12 h medium           = 200 × 0.5 / 30          = 3.333333
 * 12th 12:00 namespace deleted       month to date                                         = 11.000000
 * </pre>
 */
class NamespaceLifecycleTest {

    static final NamespaceAttributes SMALL = new NamespaceAttributes("payments-api", "payments", "production", "small", "cc-1");
    static final NamespaceAttributes MEDIUM = new NamespaceAttributes("payments-api", "payments", "production", "medium", "cc-1");

    private final NamespaceLifecycle state = NamespaceLifecycle.of("payments-api");
    private final List<NamespaceLifecycle.Changes> changes = new ArrayList<>();

    private void apply(LifecycleEvent event) {
        changes.add(state.apply(event));
    }

    private void scenario() {
        apply(new LifecycleEvent.Requested("e0", "r1", at("2026-11-10T11:50:00Z"), LifecycleEvent.RequestKind.CREATE, SMALL));
        apply(new LifecycleEvent.Ready("e1", "r1", at("2026-11-10T12:00:00Z"), SMALL, 10_000));
        apply(new LifecycleEvent.InstanceDeployed("e2", "r2", at("2026-11-11T00:00:00Z"), "db", "postgres", "1.0.0", 3_000));
        apply(new LifecycleEvent.Updated("e3", "r3", at("2026-11-11T12:00:00Z"), MEDIUM, 20_000));
        apply(new LifecycleEvent.InstanceDeleted("e4", "r4", at("2026-11-12T00:00:00Z"), "db"));
        apply(new LifecycleEvent.Deleted("e5", "r5", at("2026-11-12T12:00:00Z")));
    }

    @Test
    void dailyTeamCostsFollowCreationInstancesTierChangeAndDeletionExactly() {
        scenario();

        Map<LocalDate, Long> byDay = new TreeMap<>();
        Map<LocalDate, Integer> namespaces = new TreeMap<>();
        for (TeamDayDelta delta : deltas()) {
            assertThat(delta.team()).isEqualTo("payments");
            byDay.merge(delta.day(), delta.costMicros(), Long::sum);
            namespaces.merge(delta.day(), delta.newNamespace() ? 1 : 0, Integer::sum);
        }
        assertThat(byDay).containsExactly(
                Map.entry(LocalDate.parse("2026-11-10"), 1_666_667L),
                Map.entry(LocalDate.parse("2026-11-11"), 6_000_000L),
                Map.entry(LocalDate.parse("2026-11-12"), 3_333_333L));
        assertThat(namespaces.values()).containsOnly(1);
        assertThat(state.monthToDateMicros()).isEqualTo(11_000_000L);
        assertThat(state.status).isEqualTo(NamespaceStatus.DELETED);
        assertThat(state.createdAt).isEqualTo(at("2026-11-10T12:00:00Z"));
        assertThat(state.deletedAt).isEqualTo(at("2026-11-12T12:00:00Z"));
    }

    @Test
    void projectsIntervalsThatPriceTheSameAsTheDailyDeltas() {
        scenario();

        Map<String, IntervalRow> latest = new TreeMap<>();
        changes.forEach(c -> c.facts.stream().filter(IntervalRow.class::isInstance).map(IntervalRow.class::cast)
                .forEach(row -> latest.put(row.key(), row)));
        List<CostInterval> intervals = latest.values().stream().map(row -> new CostInterval(row.namespace(), row.team(),
                row.environment(), row.tier(), row.costCenter(), row.monthlyPriceCents(), row.validFrom(), row.validTo())).toList();

        assertThat(latest.values()).extracting(IntervalRow::kind, IntervalRow::item, IntervalRow::validFrom, IntervalRow::validTo)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("tier", "small", at("2026-11-10T12:00:00Z"), at("2026-11-11T12:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("tier", "medium", at("2026-11-11T12:00:00Z"), at("2026-11-12T12:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("instance", "db", at("2026-11-11T00:00:00Z"), at("2026-11-11T12:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("instance", "db", at("2026-11-11T12:00:00Z"), at("2026-11-12T00:00:00Z")));
        CostReport november = CostReport.of(intervals, new CostWindow(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z")),
                Aggregate.TEAM, at("2026-12-01T00:00:00Z"));
        assertThat(CostCalculator.forOutput(november.total())).isEqualByComparingTo("11.0000");
        CostReport eleventh = CostReport.of(intervals, new CostWindow(at("2026-11-11T00:00:00Z"), at("2026-11-12T00:00:00Z")),
                Aggregate.TIER, at("2026-12-01T00:00:00Z"));
        assertThat(CostCalculator.forOutput(eleventh.total())).isEqualByComparingTo("6.0000");
    }

    @Test
    void recordsRequestsWithTheirOutcomeAndLatency() {
        scenario();

        RequestRow created = changes.stream().flatMap(c -> c.facts.stream()).filter(RequestRow.class::isInstance)
                .map(RequestRow.class::cast).filter(row -> row.requestId().equals("r1") && row.outcome() != null)
                .findFirst().orElseThrow();

        assertThat(created.kind()).isEqualTo("CREATE");
        assertThat(created.outcome()).isEqualTo("READY");
        assertThat(java.time.Duration.between(created.requestedAt(), created.completedAt())).hasMinutes(10);
    }

    @Test
    void anEventSeenTwiceChangesNothingTheSecondTime() {
        apply(new LifecycleEvent.Ready("e1", "r1", at("2026-11-10T12:00:00Z"), SMALL, 10_000));
        NamespaceLifecycle.Changes again = state.apply(new LifecycleEvent.Ready("e1", "r1", at("2026-11-10T12:00:00Z"), SMALL, 10_000));

        assertThat(again.duplicate).isTrue();
        assertThat(again.facts).isEmpty();
    }

    @Test
    void aRefreshAccountsALivingNamespaceUpToNowAcrossTheMonthBoundary() {
        apply(new LifecycleEvent.Ready("e1", "r1", at("2026-11-30T12:00:00Z"), SMALL, 10_000));

        NamespaceLifecycle.Changes refreshed = state.refresh(at("2026-12-01T12:00:00Z"));

        // 12 h of November (100 × 0.5 / 30) and 12 h of December (100 × 0.5 / 31)
        assertThat(refreshed.deltas).extracting(TeamDayDelta::day, TeamDayDelta::costMicros).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-11-30"), 1_666_667L),
                org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2026-12-01"), 1_612_903L));
        assertThat(state.month).isEqualTo("2026-12");
        assertThat(state.monthToDateMicros()).isEqualTo(1_612_903L);
        assertThat(refreshed.costChanged).isTrue();
    }

    @Test
    void aLateEventOlderThanTheLastChangeDoesNotMoveCost() {
        scenario();

        NamespaceLifecycle.Changes late = state.apply(new LifecycleEvent.InstanceDeployed("e9", "r9",
                at("2026-11-11T06:00:00Z"), "cache", "redis", "7", 1_000));

        assertThat(late.deltas).isEmpty();
        assertThat(state.instances).isEmpty();
    }

    @Test
    void roleAssignmentsAreCounted() {
        apply(new LifecycleEvent.Ready("e1", "r1", at("2026-11-10T12:00:00Z"), SMALL, 10_000));
        apply(new LifecycleEvent.RoleAssignment("e2", "r2", at("2026-11-10T13:00:00Z"), 1));
        apply(new LifecycleEvent.RoleAssignment("e3", "r3", at("2026-11-10T13:00:00Z"), 1));
        apply(new LifecycleEvent.RoleAssignment("e4", "r4", at("2026-11-10T14:00:00Z"), -1));

        assertThat(state.roleAssignments).isEqualTo(1);
        assertThat(state.namespaceRow().roleAssignments()).isEqualTo(1);
    }

    private List<TeamDayDelta> deltas() {
        return changes.stream().flatMap(c -> c.deltas.stream()).toList();
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
