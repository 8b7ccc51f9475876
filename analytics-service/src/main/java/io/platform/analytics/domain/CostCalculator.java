package io.platform.analytics.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Pro-rates monthly prices.
 *
 * <p>The cost of an interval within a window is the sum over the calendar months (UTC) it touches of
 * {@code monthly price × minutes alive in (month ∩ window) ÷ minutes in that month}. Minutes are exact and
 * fractional: both are measured in milliseconds (a namespace alive 90 seconds is alive 1.5 minutes), so a month of
 * 28, 29, 30 or 31 days always sums to exactly its monthly price, and cost grows linearly within a month.
 *
 * <p>Amounts stay at full precision ({@link #PRECISION}, 34 significant digits) through every sum; only what is
 * shown is rounded, with {@link #forOutput(BigDecimal)}.
 */
public final class CostCalculator {

    public static final MathContext PRECISION = MathContext.DECIMAL128;
    public static final int OUTPUT_SCALE = 4;
    public static final String CURRENCY = "USD";

    private CostCalculator() {
    }

    /** Cost of the interval within the window; an open interval accrues until {@code asOf}. */
    public static BigDecimal cost(CostInterval interval, CostWindow window, Instant asOf) {
        return cost(interval.monthlyPrice(), interval.from(), interval.endOr(asOf), window);
    }

    /** Cost of something priced {@code monthlyPrice} per calendar month, alive during {@code [aliveFrom, aliveTo)}, within the window. */
    public static BigDecimal cost(BigDecimal monthlyPrice, Instant aliveFrom, Instant aliveTo, CostWindow window) {
        Instant start = latest(aliveFrom.truncatedTo(ChronoUnit.MILLIS), window.from());
        Instant end = earliest(aliveTo.truncatedTo(ChronoUnit.MILLIS), window.to());
        BigDecimal total = BigDecimal.ZERO;
        Instant cursor = start;
        while (cursor.isBefore(end)) {
            YearMonth month = YearMonth.from(cursor.atOffset(ZoneOffset.UTC));
            Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant segmentEnd = earliest(end, monthEnd);
            BigDecimal aliveMillis = BigDecimal.valueOf(Duration.between(cursor, segmentEnd).toMillis());
            BigDecimal monthMillis = BigDecimal.valueOf(Duration.between(monthStart, monthEnd).toMillis());
            total = total.add(monthlyPrice.multiply(aliveMillis).divide(monthMillis, PRECISION), PRECISION);
            cursor = segmentEnd;
        }
        return total;
    }

    /** Minutes in the calendar month (UTC) holding the instant: 40320, 41760, 43200 or 44640. */
    public static long minutesInMonth(Instant instant) {
        YearMonth month = YearMonth.from(instant.atOffset(ZoneOffset.UTC));
        return month.lengthOfMonth() * 24L * 60L;
    }

    /** The amount as shown: 4 decimals, half-up. */
    public static BigDecimal forOutput(BigDecimal amount) {
        return amount.setScale(OUTPUT_SCALE, RoundingMode.HALF_UP);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
