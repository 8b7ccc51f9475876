package io.platform.analytics.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code window} parameter: {@code month} (start of the current UTC month until now, the default),
 * {@code <n>d} (the last n days until now, 1-3660), or {@code <from>,<to>} with ISO-8601 instants
 * ({@code 2026-11-01T00:00:00Z}) or dates ({@code 2026-11-01}, midnight UTC).
 */
public final class CostWindows {

    public static final String MONTH = "month";
    static final long MAX_DAYS = 3660;
    private static final Pattern DAYS = Pattern.compile("(\\d{1,4})d");

    private CostWindows() {
    }

    public static CostWindow parse(String spec, Instant now) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase(MONTH)) {
            Instant monthStart = YearMonth.from(now.atOffset(ZoneOffset.UTC)).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return new CostWindow(monthStart, now);
        }
        String value = spec.trim();
        Matcher days = DAYS.matcher(value);
        if (days.matches()) {
            long count = Long.parseLong(days.group(1));
            if (count < 1 || count > MAX_DAYS) {
                throw new InvalidWindow("must be between 1d and " + MAX_DAYS + "d");
            }
            return new CostWindow(now.minus(Duration.ofDays(count)), now);
        }
        String[] bounds = value.split(",", -1);
        if (bounds.length != 2) {
            throw new InvalidWindow("must be month, <n>d (e.g. 7d, 30d) or <from>,<to> with ISO-8601 instants or dates");
        }
        Instant from = instant(bounds[0].trim(), "from");
        Instant to = instant(bounds[1].trim(), "to");
        if (!from.isBefore(to)) {
            throw new InvalidWindow("from must be before to");
        }
        if (Duration.between(from, to).toDays() > MAX_DAYS) {
            throw new InvalidWindow("must span at most " + MAX_DAYS + " days");
        }
        return new CostWindow(from, to);
    }

    private static Instant instant(String text, String bound) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidWindow(bound + " '" + text + "' is not an ISO-8601 instant (2026-11-01T00:00:00Z) or date (2026-11-01)");
        }
    }

    /** The window parameter cannot be read. */
    public static final class InvalidWindow extends IllegalArgumentException {
        public InvalidWindow(String message) {
            super(message);
        }
    }
}
