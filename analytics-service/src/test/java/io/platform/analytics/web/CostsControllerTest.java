package io.platform.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.platform.analytics.domain.CostInterval;
import io.platform.analytics.domain.CostIntervalStore;
import io.platform.analytics.domain.CostReporting;
import io.platform.analytics.domain.CostWindow;
import io.platform.common.web.FieldError;
import io.platform.common.web.ValidationProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostsControllerTest {

    private static final Instant NOW = Instant.parse("2026-11-16T00:00:00Z");

    private final List<CostInterval> intervals = List.of(
            new CostInterval("payments-api", "payments", "production", "small", null, 10_000, Instant.parse("2026-11-01T00:00:00Z"), null));
    private final CostsController controller = new CostsController(new CostReporting(new FixedStore(intervals),
            Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void answersTheCurrentMonthByNamespaceByDefault() {
        CostsController.CostsResponse response = controller.costs(null, null, null, null);

        assertThat(response.window()).isEqualTo(new CostsController.WindowView(Instant.parse("2026-11-01T00:00:00Z"), NOW));
        assertThat(response.aggregate()).isEqualTo("namespace");
        assertThat(response.currency()).isEqualTo("USD");
        assertThat(response.items()).containsExactly(new CostsController.Item("payments-api", new BigDecimal("50.0000"), 1));
        assertThat(response.total()).isEqualTo(new BigDecimal("50.0000"));
    }

    @Test
    void groupByIsAnAliasOfAggregate() {
        assertThat(controller.costs("month", null, "team", null)).isEqualTo(controller.costs("month", "team", null, null));
        assertThat(controller.costs("month", "team", "team", null).items()).extracting(CostsController.Item::key).containsExactly("payments");
    }

    @Test
    void namesEveryInvalidParameter() {
        ValidationProblem problem = catchThrowableOfType(ValidationProblem.class,
                () -> controller.costs("fortnight", "owner", null, "week"));

        assertThat(problem.errors()).extracting(FieldError::field).containsExactly("window", "aggregate", "step");
    }

    @Test
    void refusesAGroupByThatContradictsTheAggregate() {
        ValidationProblem problem = catchThrowableOfType(ValidationProblem.class, () -> controller.costs(null, "team", "tier", null));

        assertThat(problem.errors()).extracting(FieldError::field, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("groupBy", "conflict"));
    }

    @Test
    void addsOneEntryPerStepAndKeepsTheWholeWindowsItems() {
        CostsController.CostsResponse response = controller.costs("2026-11-01,2026-11-04", "team", null, "1d");

        assertThat(response.step()).isEqualTo("1d");
        assertThat(response.steps()).hasSize(3);
        assertThat(response.steps()).extracting(step -> step.items().get(0).cost())
                .containsOnly(new BigDecimal("3.3333"));
        assertThat(response.total()).isEqualTo(new BigDecimal("10.0000"));
        assertThat(controller.costsCsv("2026-11-01,2026-11-04", "team", null, "1d").lines().toList())
                .hasSize(4).first().isEqualTo("from,to,aggregate,key,cost_usd,namespaces");
    }

    /** Read-only store returning fixed intervals. */
    private record FixedStore(List<CostInterval> intervals) implements CostIntervalStore {
        @Override
        public List<CostInterval> overlapping(CostWindow window) {
            return intervals;
        }
    }
}
