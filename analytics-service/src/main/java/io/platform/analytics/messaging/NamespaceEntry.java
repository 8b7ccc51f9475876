package io.platform.analytics.messaging;

import io.platform.analytics.domain.NamespaceLifecycle;
import io.platform.analytics.domain.ProjectionFacts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the topology stores per namespace: its lifecycle, whether its cost record for BI tools is due, and the
 * PostgreSQL rows it changed that are not written yet (interval and request rows by key, a newer version replacing an
 * older one; its own row is rebuilt from the lifecycle when written).
 * Keeping them in the namespace's own record means one changelog write per namespace and commit covers all three.
 */
public final class NamespaceEntry {

    public NamespaceLifecycle lifecycle;
    public boolean costDue;
    /** The namespace's own row (built from {@link #lifecycle} when written) changed since it was last written. */
    public boolean rowDue;
    /** Request id of the last event applied: the request a cost record results from. */
    public String lastRequestId;
    /** Incremented by every change: tells whether the row written is still the latest. */
    public long version;
    public Map<String, Row> unwritten = new LinkedHashMap<>();

    /** One PostgreSQL row of one of the three kinds (the other two are null). */
    public record Row(ProjectionFacts.NamespaceRow namespace, ProjectionFacts.IntervalRow interval,
                      ProjectionFacts.RequestRow request) {

        static Row of(ProjectionFacts.Fact fact) {
            if (fact instanceof ProjectionFacts.NamespaceRow row) {
                return new Row(row, null, null);
            }
            if (fact instanceof ProjectionFacts.IntervalRow row) {
                return new Row(null, row, null);
            }
            return new Row(null, null, (ProjectionFacts.RequestRow) fact);
        }

        ProjectionFacts.Fact fact() {
            return namespace != null ? namespace : interval != null ? interval : request;
        }
    }

    public static NamespaceEntry of(NamespaceLifecycle lifecycle) {
        NamespaceEntry entry = new NamespaceEntry();
        entry.lifecycle = lifecycle;
        return entry;
    }

    boolean hasWork() {
        return costDue || rowDue || !unwritten.isEmpty();
    }
}
