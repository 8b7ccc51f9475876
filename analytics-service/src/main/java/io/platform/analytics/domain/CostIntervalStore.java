package io.platform.analytics.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where cost intervals and the ids of applied events are kept. Callers run each event in one transaction. */
public interface CostIntervalStore {

    /** Remembers the event id; {@code false} when it was applied before (a redelivery). */
    boolean markProcessed(String eventId, Instant at);

    /** The namespace's open interval, if it is alive. */
    Optional<CostInterval> findOpen(String namespace);

    /** The latest instant any interval of the namespace starts or ends at: events before it are stale. */
    Optional<Instant> lastChange(String namespace);

    void open(CostInterval interval, String eventId);

    /** Closes the namespace's open interval at {@code at}. */
    void close(String namespace, Instant at, String eventId, CloseReason reason);

    /** Intervals with any part before {@code window.to} that are open or end after {@code window.from}. */
    List<CostInterval> overlapping(CostWindow window);

    /** Why an interval ended. */
    enum CloseReason {
        CHANGED("changed"), DELETED("deleted");

        private final String value;

        CloseReason(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }
}
