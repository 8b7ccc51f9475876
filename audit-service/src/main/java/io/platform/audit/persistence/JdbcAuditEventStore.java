package io.platform.audit.persistence;

import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.AuditEventStore;
import io.platform.audit.domain.AuditQuery;
import io.platform.audit.domain.AuditRecord;
import io.platform.audit.domain.ChainHead;
import io.platform.audit.domain.HashChain;
import io.platform.audit.domain.Outcome;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Repository;

/**
 * The audit trail in PostgreSQL ({@code audit_event}, {@code audit_chain_anchor}). Rows are appended with
 * {@code COPY} (the fastest path into a table with its indexes); a duplicate event id or chain position fails the whole
 * transaction, which is then retried and sees the row that won.
 */
@Repository
public class JdbcAuditEventStore implements AuditEventStore {

    static final String COPY_SQL = "copy audit_event (event_id, event_type, topic, partition, \"offset\", namespace, team, "
            + "request_id, actor, source, occurred_at, recorded_at, outcome, payload, chain, seq, prev_hash, hash) from stdin";

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final DataSource dataSource;
    private final SQLExceptionTranslator translator;

    public JdbcAuditEventStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(2000);
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }

    @Override
    public Set<String> existingEventIds(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select event_id from audit_event where event_id = any(:ids)")
                .param("ids", eventIds.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    @Override
    public Map<String, ChainHead> heads(Collection<String> chains) {
        Map<String, ChainHead> heads = new HashMap<>();
        String[] names = chains.toArray(String[]::new);
        jdbc.sql("select chain, seq, hash from audit_chain_anchor a where chain = any(:chains)"
                        + " and seq = (select max(seq) from audit_chain_anchor b where b.chain = a.chain)")
                .param("chains", names)
                .query((row, n) -> new ChainHead(row.getString("chain"), row.getLong("seq"), row.getBytes("hash")))
                .list()
                .forEach(anchor -> heads.put(anchor.chain(), anchor));
        for (String chain : names) {
            jdbc.sql("select seq, hash from audit_event where chain = :chain order by seq desc limit 1")
                    .param("chain", chain)
                    .query((row, n) -> new ChainHead(chain, row.getLong("seq"), row.getBytes("hash")))
                    .optional()
                    .filter(last -> !heads.containsKey(chain) || last.seq() > heads.get(chain).seq())
                    .ifPresent(last -> heads.put(chain, last));
        }
        return heads;
    }

    @Override
    public void insert(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        StringBuilder rows = new StringBuilder(records.size() * 1024);
        for (AuditRecord record : records) {
            CopyText.row(rows, record);
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL, new StringReader(rows.toString()));
        } catch (SQLException e) {
            throw translator.translate("copy audit rows", COPY_SQL, e);
        } catch (IOException e) {
            throw new DataAccessResourceFailureException("copy audit rows", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    @Override
    public List<AuditRecord> find(AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.namespace() != null) {
            conditions.add("namespace = :namespace");
            params.put("namespace", query.namespace());
        }
        if (query.team() != null) {
            conditions.add("team = :team");
            params.put("team", query.team());
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
        if (query.outcome() != null) {
            conditions.add("outcome = :outcome");
            params.put("outcome", query.outcome().value());
        }
        if (query.from() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", utc(query.from()));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", utc(query.to()));
        }
        if (query.after() != null) {
            conditions.add("(occurred_at, id) > (:afterAt, :afterId)");
            params.put("afterAt", utc(query.after().occurredAt()));
            params.put("afterId", query.after().id());
        }
        params.put("limit", query.limit());
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return jdbc.sql("select " + AuditRows.COLUMNS + " from audit_event" + where + " order by occurred_at, id limit :limit")
                .params(params)
                .query(AuditRows::map)
                .list();
    }

    @Override
    public void forEachInChainOrder(Consumer<AuditRecord> rows) {
        streaming.query("select " + AuditRows.COLUMNS + " from audit_event order by chain, seq",
                (ResultSet row) -> rows.accept(AuditRows.map(row, 0)));
    }

    @Override
    public Map<String, ChainHead> anchors() {
        Map<String, ChainHead> anchors = new HashMap<>();
        jdbc.sql("select chain, seq, hash from audit_chain_anchor order by chain, seq")
                .query((row, n) -> new ChainHead(row.getString("chain"), row.getLong("seq"), row.getBytes("hash")))
                .list()
                .forEach(anchor -> anchors.put(anchor.chain(), anchor));
        return anchors;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** PostgreSQL's COPY text format: tab-separated, {@code \N} for null, backslash escapes. */
    static final class CopyText {

        private CopyText() {
        }

        static void row(StringBuilder out, AuditRecord record) {
            AuditEvent event = record.event();
            text(out, event.eventId()).append('\t');
            text(out, event.type()).append('\t');
            text(out, event.topic()).append('\t');
            out.append(event.partition()).append('\t');
            out.append(event.offset()).append('\t');
            text(out, event.namespace()).append('\t');
            text(out, event.team()).append('\t');
            text(out, event.requestId()).append('\t');
            text(out, event.actor()).append('\t');
            text(out, event.source()).append('\t');
            out.append(event.occurredAt()).append('\t');
            out.append(event.recordedAt()).append('\t');
            out.append(event.outcome().value()).append('\t');
            text(out, event.payload()).append('\t');
            text(out, record.chain()).append('\t');
            out.append(record.seq()).append('\t');
            out.append("\\\\x").append(HashChain.hex(record.prevHash())).append('\t');
            out.append("\\\\x").append(HashChain.hex(record.hash())).append('\n');
        }

        static StringBuilder text(StringBuilder out, String value) {
            if (value == null) {
                return out.append("\\N");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
            return out;
        }
    }
}
