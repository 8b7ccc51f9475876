package io.platform.audit.persistence;

import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.AuditEventStore;
import io.platform.audit.domain.AuditQuery;
import io.platform.audit.domain.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The audit trail in PostgreSQL ({@code audit_event}); the unique event id makes appending idempotent. */
@Repository
public class JdbcAuditEventStore implements AuditEventStore {

    private static final String COLUMNS = "event_id, event_type, topic, partition, \"offset\", namespace, request_id, "
            + "actor, source, occurred_at, recorded_at, outcome, payload::text as payload";

    private final JdbcClient jdbc;

    public JdbcAuditEventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean append(AuditEvent event) {
        int inserted = jdbc.sql("""
                        insert into audit_event (event_id, event_type, topic, partition, "offset", namespace, request_id,
                                                 actor, source, occurred_at, recorded_at, outcome, payload)
                        values (:eventId, :type, :topic, :partition, :offset, :namespace, :requestId,
                                :actor, :source, :occurredAt, :recordedAt, :outcome, cast(:payload as jsonb))
                        on conflict (event_id) do nothing
                        """)
                .param("eventId", event.eventId())
                .param("type", event.type())
                .param("topic", event.topic())
                .param("partition", event.partition())
                .param("offset", event.offset())
                .param("namespace", event.namespace())
                .param("requestId", event.requestId())
                .param("actor", event.actor())
                .param("source", event.source())
                .param("occurredAt", utc(event.occurredAt()))
                .param("recordedAt", utc(event.recordedAt()))
                .param("outcome", event.outcome().value())
                .param("payload", event.payload())
                .update();
        return inserted == 1;
    }

    @Override
    public List<AuditEvent> find(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.namespace() != null) {
            conditions.add("namespace = :namespace");
            params.put("namespace", query.namespace());
        }
        if (query.requestId() != null) {
            conditions.add("request_id = :requestId");
            params.put("requestId", query.requestId());
        }
        if (query.actor() != null) {
            conditions.add("actor = :actor");
            params.put("actor", query.actor());
        }
        if (query.type() != null) {
            // the full name, or the simple name after the last dot
            conditions.add("(event_type = :type or right(event_type, length(:dottedType)) = :dottedType)");
            params.put("type", query.type());
            params.put("dottedType", "." + query.type());
        }
        params.put("limit", query.limit());
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return jdbc.sql("select " + COLUMNS + " from audit_event" + where + " order by occurred_at, id limit :limit")
                .params(params)
                .query(JdbcAuditEventStore::map)
                .list();
    }

    private static AuditEvent map(ResultSet row, int rowNum) throws SQLException {
        return new AuditEvent(row.getString("event_id"), row.getString("event_type"), row.getString("topic"),
                row.getInt("partition"), row.getLong("offset"), row.getString("namespace"), row.getString("request_id"),
                row.getString("actor"), row.getString("source"), instant(row, "occurred_at"),
                instant(row, "recorded_at"), Outcome.fromValue(row.getString("outcome")),
                row.getString("payload"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
