package io.platform.analytics.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Answers cost questions from the projected intervals. */
public class CostReporting {

    /** At most this many steps in one answer. */
    public static final int MAX_STEPS = 3660;

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

    /** The window's report and one report per step (the last step may be shorter), read in one pass. */
    public SteppedReport report(CostWindow window, Aggregate aggregate, Duration step) {
        Instant asOf = clock.instant();
        List<CostInterval> intervals = store.overlapping(window);
        List<CostReport> steps = new ArrayList<>();
        for (CostWindow part : steps(window, step)) {
            steps.add(CostReport.of(intervals, part, aggregate, asOf));
        }
        return new SteppedReport(CostReport.of(intervals, window, aggregate, asOf), List.copyOf(steps));
    }

    /** Consecutive windows of {@code step} from the window's start; the last ends at the window's end. */
    public static List<CostWindow> steps(CostWindow window, Duration step) {
        List<CostWindow> parts = new ArrayList<>();
        Instant cursor = window.from();
        while (cursor.isBefore(window.to())) {
            Instant end = cursor.plus(step);
            if (end.isAfter(window.to())) {
                end = window.to();
            }
            parts.add(new CostWindow(cursor, end));
            cursor = end;
        }
        return parts;
    }

    /** A window's totals and its steps. */
    public record SteppedReport(CostReport whole, List<CostReport> steps) {
    }
}
