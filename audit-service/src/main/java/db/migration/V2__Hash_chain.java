package db.migration;

import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.AuditRecord;
import io.platform.audit.domain.ChainHead;
import io.platform.audit.domain.HashChain;
import io.platform.audit.domain.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Adds the hash chain (one per source topic partition) and the team column, and chains the rows stored before:
 * in insertion order per topic partition. The payload becomes {@code json}, which keeps the exact text that is hashed
 * ({@code jsonb} would re-format it).
 */
public class V2__Hash_chain extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table audit_event alter column payload type json using payload::json");
            ddl.execute("alter table audit_event add column team text, add column chain text, add column seq bigint,"
                    + " add column prev_hash bytea, add column hash bytea");
            ddl.execute("update audit_event set team = coalesce(nullif(payload->'spec'->>'team', ''), nullif(payload->>'team', ''))"
                    + " where json_typeof(payload) = 'object'");
        }
        chainExistingRows(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table audit_event alter column chain set not null, alter column seq set not null,"
                    + " alter column prev_hash set not null, alter column hash set not null");
            ddl.execute("alter table audit_event add constraint audit_event_chain_seq_key unique (chain, seq)");
            ddl.execute("create index audit_event_team_idx on audit_event (team, occurred_at)");
        }
    }

    private static void chainExistingRows(Connection connection) throws SQLException {
        String select = "select id, event_id, event_type, topic, partition, \"offset\", namespace, team, request_id, actor,"
                + " source, occurred_at, recorded_at, outcome, payload::text as payload from audit_event"
                + " order by topic, partition, id";
        try (Statement rows = connection.createStatement();
             PreparedStatement update = connection.prepareStatement(
                     "update audit_event set chain = ?, seq = ?, prev_hash = ?, hash = ? where id = ?")) {
            rows.setFetchSize(1000);
            ChainHead head = null;
            int pending = 0;
            try (ResultSet row = rows.executeQuery(select)) {
                while (row.next()) {
                    AuditEvent event = new AuditEvent(row.getString("event_id"), row.getString("event_type"),
                            row.getString("topic"), row.getInt("partition"), row.getLong("offset"),
                            row.getString("namespace"), row.getString("team"), row.getString("request_id"),
                            row.getString("actor"), row.getString("source"),
                            row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            row.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                            Outcome.fromValue(row.getString("outcome")), row.getString("payload"));
                    if (head == null || !head.chain().equals(event.chain())) {
                        head = ChainHead.genesis(event.chain());
                    }
                    AuditRecord record = AuditRecord.append(head, event);
                    head = record.asHead();
                    update.setString(1, record.chain());
                    update.setLong(2, record.seq());
                    update.setBytes(3, record.prevHash());
                    update.setBytes(4, record.hash());
                    update.setLong(5, row.getLong("id"));
                    update.addBatch();
                    if (++pending == 1000) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
    }
}
