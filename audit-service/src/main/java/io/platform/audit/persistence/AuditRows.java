package io.platform.audit.persistence;

import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.AuditRecord;
import io.platform.audit.domain.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads {@code audit_event} rows. */
public final class AuditRows {

    /** Every column, the payload as its exact stored text. */
    public static final String COLUMNS = "id, event_id, event_type, topic, partition, \"offset\", namespace, team, request_id, "
            + "actor, source, occurred_at, recorded_at, outcome, payload::text as payload, chain, seq, prev_hash, hash";

    private AuditRows() {
    }

    public static AuditRecord map(ResultSet row, int rowNum) throws SQLException {
        AuditEvent event = new AuditEvent(row.getString("event_id"), row.getString("event_type"), row.getString("topic"),
                row.getInt("partition"), row.getLong("offset"), row.getString("namespace"), row.getString("team"),
                row.getString("request_id"), row.getString("actor"), row.getString("source"),
                instant(row, "occurred_at"), instant(row, "recorded_at"), Outcome.fromValue(row.getString("outcome")),
                row.getString("payload"));
        return new AuditRecord(row.getLong("id"), row.getString("chain"), row.getLong("seq"), row.getBytes("prev_hash"),
                row.getBytes("hash"), event);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
