package io.platform.audit.domain;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records events exactly once and answers searches. */
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditEventStore store;

    public AuditTrail(AuditEventStore store) {
        this.store = store;
    }

    /** Returns whether the event was new; a redelivered event (same event id) is ignored. */
    public boolean record(AuditEvent event) {
        boolean stored = store.append(event);
        if (stored) {
            log.debug("recorded {} {} from {}-{}@{}", event.type(), event.eventId(), event.topic(), event.partition(),
                    event.offset());
        } else {
            log.debug("already recorded {} {} (seen again at {}-{}@{})", event.type(), event.eventId(), event.topic(),
                    event.partition(), event.offset());
        }
        return stored;
    }

    public List<AuditEvent> search(AuditQuery query) {
        return store.find(query);
    }
}
