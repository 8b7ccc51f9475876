package io.platform.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Cost is additive: splitting a window anywhere and summing the halves gives the cost of the whole. */
class CostSplitPropertiesTest {

    private static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long END = Instant.parse("2028-01-01T00:00:00Z").toEpochMilli();
    private static final BigDecimal TOLERANCE = new BigDecimal("1e-25");

    @Property(tries = 500)
    void splittingAWindowInTwoSumsToTheWhole(@ForAll("windows") long[] bounds, @ForAll("lives") long[] life,
                                             @ForAll("prices") long cents) {
        long split = bounds[0] + (bounds[1] - bounds[0]) / 3 + (life[0] % 7);
        split = Math.max(bounds[0], Math.min(bounds[1], split));
        BigDecimal price = BigDecimal.valueOf(cents, 2);
        Instant aliveFrom = Instant.ofEpochMilli(life[0]);
        Instant aliveTo = Instant.ofEpochMilli(life[1]);

        BigDecimal whole = CostCalculator.cost(price, aliveFrom, aliveTo, window(bounds[0], bounds[1]));
        BigDecimal first = CostCalculator.cost(price, aliveFrom, aliveTo, window(bounds[0], split));
        BigDecimal second = CostCalculator.cost(price, aliveFrom, aliveTo, window(split, bounds[1]));

        assertThat(first.add(second).subtract(whole).abs()).isLessThan(TOLERANCE);
    }

    @Property(tries = 200)
    void costNeverExceedsThePriceOfTheMonthsTouched(@ForAll("windows") long[] bounds, @ForAll("prices") long cents) {
        CostWindow window = window(bounds[0], bounds[1]);
        long months = java.time.temporal.ChronoUnit.MONTHS.between(
                java.time.YearMonth.from(window.from().atOffset(java.time.ZoneOffset.UTC)),
                java.time.YearMonth.from(window.to().atOffset(java.time.ZoneOffset.UTC))) + 1;

        BigDecimal cost = CostCalculator.cost(BigDecimal.valueOf(cents, 2), Instant.ofEpochMilli(START),
                Instant.ofEpochMilli(END), window);

        assertThat(cost).isGreaterThanOrEqualTo(BigDecimal.ZERO)
                .isLessThanOrEqualTo(BigDecimal.valueOf(cents, 2).multiply(BigDecimal.valueOf(months)));
    }

    @Provide
    Arbitrary<long[]> windows() {
        return ordered();
    }

    @Provide
    Arbitrary<long[]> lives() {
        return ordered();
    }

    @Provide
    Arbitrary<Long> prices() {
        return Arbitraries.longs().between(0, 10_000_000);
    }

    private static Arbitrary<long[]> ordered() {
        Arbitrary<Long> instants = Arbitraries.longs().between(START, END);
        return Combinators.combine(instants, instants).as((a, b) -> new long[] {Math.min(a, b), Math.max(a, b)});
    }

    private static CostWindow window(long from, long to) {
        return new CostWindow(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to));
    }
}
