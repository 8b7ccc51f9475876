package io.platform.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases: cost = monthly price × minutes alive in (month ∩ window) ÷ minutes in that month. */
class CostCalculatorTest {

    private static final BigDecimal HUNDRED = new BigDecimal("100.00");
    private static final CostWindow NOVEMBER = window("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"); // 43200 minutes

    @Test
    void aNamespaceCreatedMidMonthCostsTheShareOfTheMonthItLived() {
        // 15 of November's 30 days: 21600 / 43200 minutes
        BigDecimal cost = CostCalculator.cost(HUNDRED, at("2026-11-16T00:00:00Z"), at("2026-12-01T00:00:00Z"), NOVEMBER);

        assertThat(CostCalculator.forOutput(cost)).isEqualByComparingTo("50.0000");
    }

    @Test
    void aLifeSpanningTwoMonthsOfDifferentLengthsIsProRatedPerMonth() {
        // 1 day of January (1440 / 44640 minutes) + 2 days of February 2026 (2880 / 40320 minutes)
        // = 3.225806451... + 7.142857142... = 10.368663594...
        CostWindow window = window("2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z");

        BigDecimal cost = CostCalculator.cost(HUNDRED, at("2026-01-31T00:00:00Z"), at("2026-02-03T00:00:00Z"), window);

        assertThat(CostCalculator.forOutput(cost)).isEqualByComparingTo("10.3687");
        assertThat(cost).isCloseTo(new BigDecimal("10.36866359447004608294930875576037"), within("1e-30"));
    }

    @Test
    void aTierChangeMidWindowPricesEachSideAtItsTier() {
        // small ($100) for 10 days, then medium ($200) for 10 days of a 30-day month: 33.33 + 66.67
        CostInterval small = interval("payments-api", "small", 10_000, "2026-11-01T00:00:00Z", "2026-11-11T00:00:00Z");
        CostInterval medium = interval("payments-api", "medium", 20_000, "2026-11-11T00:00:00Z", null);
        CostWindow window = window("2026-11-01T00:00:00Z", "2026-11-21T00:00:00Z");

        CostReport report = CostReport.of(List.of(small, medium), window, Aggregate.NAMESPACE, at("2026-11-30T00:00:00Z"));

        assertThat(CostCalculator.forOutput(CostCalculator.cost(small, window, at("2026-11-30T00:00:00Z")))).isEqualByComparingTo("33.3333");
        assertThat(CostCalculator.forOutput(CostCalculator.cost(medium, window, at("2026-11-30T00:00:00Z")))).isEqualByComparingTo("66.6667");
        assertThat(report.lines()).singleElement().satisfies(line -> {
            assertThat(line.key()).isEqualTo("payments-api");
            assertThat(CostCalculator.forOutput(line.cost())).isEqualByComparingTo("100.0000");
            assertThat(line.namespaces()).isEqualTo(1);
        });
    }

    @Test
    void aNamespaceDeletedBeforeTheWindowEndsStopsCostingAtDeletion() {
        // 3 days 6 hours = 4680 of 43200 minutes
        BigDecimal cost = CostCalculator.cost(HUNDRED, at("2026-11-01T00:00:00Z"), at("2026-11-04T06:00:00Z"), NOVEMBER);

        assertThat(CostCalculator.forOutput(cost)).isEqualByComparingTo("10.8333");
    }

    @Test
    void aWindowInsideOneMonthCountsOnlyItsOwnMinutes() {
        // alive since October, the window is 30 minutes of November: 30 / 43200
        CostInterval alive = interval("search", "small", 10_000, "2026-10-01T00:00:00Z", null);
        CostWindow window = window("2026-11-10T12:00:00Z", "2026-11-10T12:30:00Z");

        BigDecimal cost = CostCalculator.cost(alive, window, at("2026-12-15T00:00:00Z"));

        assertThat(CostCalculator.forOutput(cost)).isEqualByComparingTo("0.0694");
        assertThat(cost).isCloseTo(new BigDecimal("0.06944444444444444444444444444444444"), within("1e-30"));
    }

    @Test
    void minutesAreFractionalFromMilliseconds() {
        // 90 seconds = 1.5 minutes: 100 × 1.5 / 43200 = 0.003472...
        BigDecimal cost = CostCalculator.cost(HUNDRED, at("2026-11-05T10:00:00Z"), at("2026-11-05T10:01:30Z"), NOVEMBER);

        assertThat(cost).isCloseTo(new BigDecimal("0.003472222222222222222222222222222222"), within("1e-30"));
    }

    @Test
    void anOpenIntervalAccruesUntilNowOnly() {
        CostInterval open = interval("search", "small", 10_000, "2026-11-01T00:00:00Z", null);

        BigDecimal cost = CostCalculator.cost(open, NOVEMBER, at("2026-11-16T00:00:00Z"));

        assertThat(CostCalculator.forOutput(cost)).isEqualByComparingTo("50.0000");
    }

    @Test
    void aWholeCalendarMonthCostsExactlyTheMonthlyPriceWhateverItsLength() {
        for (String[] month : new String[][] {
                {"2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"}, {"2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"},
                {"2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z"}, {"2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"}}) {
            CostWindow window = window(month[0], month[1]);

            BigDecimal cost = CostCalculator.cost(HUNDRED, at("2020-01-01T00:00:00Z"), at("2030-01-01T00:00:00Z"), window);

            assertThat(cost).as(month[0]).isEqualByComparingTo("100");
        }
    }

    @Test
    void nothingIsChargedOutsideTheWindow() {
        assertThat(CostCalculator.cost(HUNDRED, at("2026-10-01T00:00:00Z"), at("2026-11-01T00:00:00Z"), NOVEMBER))
                .isEqualByComparingTo("0");
        assertThat(CostCalculator.cost(HUNDRED, at("2026-12-01T00:00:00Z"), at("2026-12-02T00:00:00Z"), NOVEMBER))
                .isEqualByComparingTo("0");
    }

    @Test
    void knowsTheMinutesOfEveryMonthLength() {
        assertThat(CostCalculator.minutesInMonth(at("2026-02-10T00:00:00Z"))).isEqualTo(40_320);
        assertThat(CostCalculator.minutesInMonth(at("2028-02-10T00:00:00Z"))).isEqualTo(41_760);
        assertThat(CostCalculator.minutesInMonth(at("2026-11-10T00:00:00Z"))).isEqualTo(43_200);
        assertThat(CostCalculator.minutesInMonth(at("2026-12-31T23:59:59Z"))).isEqualTo(44_640);
    }

    @Test
    void roundsOnlyForOutputToFourDecimalsHalfUp() {
        assertThat(CostCalculator.forOutput(new BigDecimal("0.00005"))).isEqualByComparingTo("0.0001");
        assertThat(CostCalculator.forOutput(new BigDecimal("0.000049999"))).isEqualByComparingTo("0.0000");
        assertThat(CostCalculator.forOutput(BigDecimal.ONE).scale()).isEqualTo(4);
    }

    static CostInterval interval(String namespace, String tier, long cents, String from, String to) {
        return new CostInterval(namespace, "payments", "production", tier, null, cents, at(from), to == null ? null : at(to));
    }

    static CostWindow window(String from, String to) {
        return new CostWindow(at(from), at(to));
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static org.assertj.core.data.Offset<BigDecimal> within(String tolerance) {
        return org.assertj.core.data.Offset.offset(new BigDecimal(tolerance));
    }
}
