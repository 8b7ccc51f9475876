package io.platform.audit.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where the audit trail is kept. Appends run inside one transaction of the caller; event ids are unique, and
 * {@code (chain, seq)} is unique, so two writers racing for a chain head make one of them fail and retry.
 */
public interface AuditEventStore {

    /** Which of these event ids are already stored. */
    Set<String> existingEventIds(Collection<String> eventIds);

    /** The current head of each chain: its last row, else its last archive anchor, else genesis. */
    Map<String, ChainHead> heads(Collection<String> chains);

    /** Inserts the chained rows (all or none, with the caller's transaction). */
    void insert(List<AuditRecord> records);

    /** One page of events matching the query, in (occurredAt, id) order. */
    List<AuditRecord> find(AuditQuery query);

    /** Every stored row, chain by chain in seq order. */
    void forEachInChainOrder(Consumer<AuditRecord> rows);

    /** The archive anchor of each chain that has one: the last row moved out of the table. */
    Map<String, ChainHead> anchors();
}
