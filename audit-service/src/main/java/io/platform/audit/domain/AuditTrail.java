package io.platform.audit.domain;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records events exactly once, each appended to the hash chain of its topic partition, and answers searches. */
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditEventStore store;
    private final Clock clock;

    public AuditTrail(AuditEventStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Appends the events that are not stored yet (by event id; also within the batch), in the given order, each to
     * its chain. Must run in one transaction: the caller commits the consumed offsets only afterwards.
     *
     * @return how many were new
     */
    public int recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Map<String, AuditEvent> byId = new LinkedHashMap<>();
        for (AuditEvent event : events) {
            byId.putIfAbsent(event.eventId(), event);
        }
        Set<String> stored = store.existingEventIds(byId.keySet());
        Set<String> chains = new LinkedHashSet<>();
        List<AuditEvent> fresh = new ArrayList<>();
        for (AuditEvent event : byId.values()) {
            if (!stored.contains(event.eventId())) {
                fresh.add(event);
                chains.add(event.chain());
            }
        }
        if (fresh.isEmpty()) {
            log.debug("{} event(s) already recorded", events.size());
            return 0;
        }
        Map<String, ChainHead> heads = new LinkedHashMap<>(store.heads(chains));
        List<AuditRecord> records = new ArrayList<>(fresh.size());
        for (AuditEvent event : fresh) {
            ChainHead head = heads.getOrDefault(event.chain(), ChainHead.genesis(event.chain()));
            AuditRecord record = AuditRecord.append(head, event);
            heads.put(event.chain(), record.asHead());
            records.add(record);
        }
        store.insert(records);
        log.debug("recorded {} new of {} event(s)", records.size(), events.size());
        return records.size();
    }

    /** One page of matching events and the cursor of the next page, if there may be one. */
    public AuditPage search(AuditQuery query) {
        List<AuditRecord> rows = store.find(query.withLimit(query.limit() + 1));
        boolean more = rows.size() > query.limit();
        List<AuditRecord> page = more ? rows.subList(0, query.limit()) : rows;
        String next = more ? AuditCursor.after(page.get(page.size() - 1)).encode() : null;
        return new AuditPage(List.copyOf(page), next);
    }

    /** Re-walks every chain from its anchor (or genesis). */
    public ChainVerifier.Verification verify() {
        ChainVerifier verifier = new ChainVerifier(store.anchors());
        store.forEachInChainOrder(verifier::accept);
        return verifier.result(clock.instant());
    }

    /** A page of search results. */
    public record AuditPage(List<AuditRecord> items, String nextCursor) {
    }
}
