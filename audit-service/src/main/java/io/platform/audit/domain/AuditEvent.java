package io.platform.audit.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored event: where it was read from, its envelope, the derived outcome and the event itself as JSON.
 *
 * @param eventId    the envelope's event id; for records without one (tombstones, dead letters) an id derived from
 *                   topic, partition and offset, so a redelivered record maps to the same id
 * @param type       Avro full name of the event ({@code ce_type}), {@code tombstone} or {@code dead-letter}
 * @param namespace  the namespace the event is about (the record key on namespace-keyed topics), else {@code null}
 * @param actor      who asked (a token subject or system principal): the only personal data kept
 * @param payload    the event as a JSON document
 */
public record AuditEvent(String eventId, String type, String topic, int partition, long offset, String namespace,
                         String requestId, String actor, String source, Instant occurredAt, Instant recordedAt,
                         Outcome outcome, String payload) {

    public AuditEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(payload, "payload");
    }
}
