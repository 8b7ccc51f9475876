package io.platform.analytics.domain;

import java.time.Clock;
import java.time.Instant;

/** Answers cost questions from the projected intervals. */
public class CostReporting {

    private final CostIntervalStore store;
    private final Clock clock;

    public CostReporting(CostIntervalStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Costs within the window, open intervals accruing until now. */
    public CostReport report(CostWindow window, Aggregate aggregate) {
        Instant asOf = clock.instant();
        return CostReport.of(store.overlapping(window), window, aggregate, asOf);
    }
}
