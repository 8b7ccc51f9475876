package io.platform.audit.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One audited event: where it was read from, its envelope, the derived outcome and the event itself as JSON.
 *
 * @param eventId    the envelope's event id; for records without one (tombstones, dead letters) an id derived from
 *                   topic, partition and offset, so a redelivered record maps to the same id
 * @param type       Avro full name of the event ({@code ce_type}), {@code tombstone} or {@code dead-letter}
 * @param namespace  the namespace the event is about (the record key on namespace-keyed topics), else {@code null}
 * @param team       the owning team when the event names one ({@code spec.team} or {@code team}), else {@code null}
 * @param actor      who asked (a token subject or system principal): the only personal data kept
 * @param payload    the event as a JSON document; its exact text is part of the hash chain
 */
public record AuditEvent(String eventId, String type, String topic, int partition, long offset, String namespace,
                         String team, String requestId, String actor, String source, Instant occurredAt,
                         Instant recordedAt, Outcome outcome, String payload) {

    public AuditEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(payload, "payload");
        // PostgreSQL keeps microseconds: what is hashed must be what is stored
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The chain this event is appended to: one per source topic partition. */
    public String chain() {
        return HashChain.chainOf(topic, partition);
    }
}
