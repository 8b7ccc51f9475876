package io.platform.analytics.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A half-open time range {@code [from, to)} costs are reported for, at millisecond precision (event times are
 * milliseconds; finer parts are dropped so that splitting a window never loses or double-counts an instant).
 */
public record CostWindow(Instant from, Instant to) {

    public CostWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        from = from.truncatedTo(ChronoUnit.MILLIS);
        to = to.truncatedTo(ChronoUnit.MILLIS);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a window cannot end (" + to + ") before it starts (" + from + ")");
        }
    }
}
