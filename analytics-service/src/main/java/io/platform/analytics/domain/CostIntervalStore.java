package io.platform.analytics.domain;

import java.util.List;

/** Where the projected cost intervals (tier and service-instance prices over time) are read from. */
public interface CostIntervalStore {

    /** Intervals with any part before {@code window.to} that are open or end after {@code window.from}. */
    List<CostInterval> overlapping(CostWindow window);
}
