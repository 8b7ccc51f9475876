package io.platform.analytics.persistence;

import io.platform.analytics.domain.CostInterval;
import io.platform.analytics.domain.CostIntervalStore;
import io.platform.analytics.domain.CostWindow;
import io.platform.analytics.domain.NamespaceAttributes;
import io.platform.analytics.domain.UsageStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the projection in PostgreSQL ({@code cost_interval}, {@code analytics_namespace}, {@code provisioning_request}). */
@Repository
public class JdbcCostIntervalStore implements CostIntervalStore, UsageStore {

    private static final String COLUMNS =
            "namespace, team, environment, tier, cost_center, monthly_price_cents, valid_from, valid_to";
    private static final String OVERLAPPING = " where valid_from < :to and (valid_to is null or valid_to > :from)";

    private final JdbcClient jdbc;

    public JdbcCostIntervalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CostInterval> overlapping(CostWindow window) {
        return jdbc.sql("select " + COLUMNS + " from cost_interval" + OVERLAPPING + " order by namespace, valid_from")
                .param("from", utc(window.from()))
                .param("to", utc(window.to()))
                .query(JdbcCostIntervalStore::map)
                .list();
    }

    @Override
    public List<CostInterval> tierIntervals(CostWindow window) {
        return jdbc.sql("select " + COLUMNS + " from cost_interval" + OVERLAPPING + " and kind = 'tier' order by namespace, valid_from")
                .param("from", utc(window.from()))
                .param("to", utc(window.to()))
                .query(JdbcCostIntervalStore::map)
                .list();
    }

    @Override
    public List<RequestRecord> requests(CostWindow window) {
        return jdbc.sql("""
                        select request_id, namespace, kind, requested_at, outcome, completed_at from provisioning_request
                        where requested_at < :to and (completed_at is null or completed_at >= :from)
                        order by requested_at
                        """)
                .param("from", utc(window.from()))
                .param("to", utc(window.to()))
                .query((row, n) -> new RequestRecord(row.getString("request_id"), row.getString("namespace"),
                        row.getString("kind"), instant(row, "requested_at"), row.getString("outcome"),
                        instant(row, "completed_at")))
                .list();
    }

    @Override
    public List<NamespaceAttributes> aliveNamespaces() {
        return jdbc.sql("select namespace, team, environment, tier, cost_center from analytics_namespace"
                        + " where created_at is not null and deleted_at is null and status not in ('DELETED', 'FAILED', 'REJECTED')"
                        + " order by namespace")
                .query((row, n) -> new NamespaceAttributes(row.getString("namespace"), row.getString("team"),
                        row.getString("environment"), row.getString("tier"), row.getString("cost_center")))
                .list();
    }

    private static CostInterval map(ResultSet row, int rowNum) throws SQLException {
        return new CostInterval(row.getString("namespace"), row.getString("team"), row.getString("environment"),
                row.getString("tier"), row.getString("cost_center"), row.getLong("monthly_price_cents"),
                instant(row, "valid_from"), instant(row, "valid_to"));
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
