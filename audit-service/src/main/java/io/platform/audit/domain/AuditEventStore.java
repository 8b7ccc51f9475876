package io.platform.audit.domain;

import java.util.List;

/** Where the audit trail is kept. Appending is idempotent on the event id. */
public interface AuditEventStore {

    /** Stores the event unless one with the same event id is already stored; returns whether it was new. */
    boolean append(AuditEvent event);

    /** Events matching the query, ordered by when they occurred (oldest first). */
    List<AuditEvent> find(AuditQuery query);
}
