package io.platform.analytics.domain;

import java.time.Instant;
import java.util.List;

/** The projection's history of namespaces and requests, for usage reports. */
public interface UsageStore {

    /** Tier intervals (one namespace alive with constant tier and owner) overlapping the window. */
    List<CostInterval> tierIntervals(CostWindow window);

    /** Requests made before {@code window.to} that were pending or completed at some time in the window. */
    List<RequestRecord> requests(CostWindow window);

    /** Namespaces alive now: namespace, team, environment, tier. */
    List<NamespaceAttributes> aliveNamespaces();

    /**
     * @param kind    CREATE | UPDATE | DELETE
     * @param outcome READY | UPDATED | DELETED | FAILED | REJECTED, null while pending
     */
    record RequestRecord(String requestId, String namespace, String kind, Instant requestedAt, String outcome,
                         Instant completedAt) {
    }
}
