package io.platform.analytics.persistence;

import io.platform.analytics.domain.CostInterval;
import io.platform.analytics.domain.CostIntervalStore;
import io.platform.analytics.domain.CostWindow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cost intervals and processed event ids in PostgreSQL ({@code cost_interval}, {@code processed_event}). */
@Repository
public class JdbcCostIntervalStore implements CostIntervalStore {

    private static final String COLUMNS =
            "namespace, team, environment, tier, cost_center, monthly_price_cents, valid_from, valid_to";

    private final JdbcClient jdbc;

    public JdbcCostIntervalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean markProcessed(String eventId, Instant at) {
        return jdbc.sql("insert into processed_event (event_id, occurred_at) values (:eventId, :at) on conflict do nothing")
                .param("eventId", eventId)
                .param("at", utc(at))
                .update() == 1;
    }

    @Override
    public Optional<CostInterval> findOpen(String namespace) {
        return jdbc.sql("select " + COLUMNS + " from cost_interval where namespace = :namespace and valid_to is null")
                .param("namespace", namespace)
                .query(JdbcCostIntervalStore::map)
                .optional();
    }

    @Override
    public Optional<Instant> lastChange(String namespace) {
        return jdbc.sql("select max(coalesce(valid_to, valid_from)) as last_change from cost_interval where namespace = :namespace")
                .param("namespace", namespace)
                .query((row, rowNum) -> Optional.ofNullable(instant(row, "last_change")))
                .single();
    }

    @Override
    public void open(CostInterval interval, String eventId) {
        jdbc.sql("""
                        insert into cost_interval (namespace, team, environment, tier, cost_center, monthly_price_cents,
                                                   valid_from, valid_to, opened_by_event)
                        values (:namespace, :team, :environment, :tier, :costCenter, :price, :from, :to, :eventId)
                        """)
                .param("namespace", interval.namespace())
                .param("team", interval.team())
                .param("environment", interval.environment())
                .param("tier", interval.tier())
                .param("costCenter", interval.costCenter())
                .param("price", interval.monthlyPriceCents())
                .param("from", utc(interval.from()))
                .param("to", utc(interval.to()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param("eventId", eventId)
                .update();
    }

    @Override
    public void close(String namespace, Instant at, String eventId, CloseReason reason) {
        jdbc.sql("""
                        update cost_interval set valid_to = greatest(valid_from, :at), closed_by_event = :eventId,
                                                 close_reason = :reason
                        where namespace = :namespace and valid_to is null
                        """)
                .param("at", utc(at))
                .param("eventId", eventId)
                .param("reason", reason.value())
                .param("namespace", namespace)
                .update();
    }

    @Override
    public List<CostInterval> overlapping(CostWindow window) {
        return jdbc.sql("select " + COLUMNS + " from cost_interval"
                        + " where valid_from < :to and (valid_to is null or valid_to > :from) order by namespace, valid_from")
                .param("from", utc(window.from()))
                .param("to", utc(window.to()))
                .query(JdbcCostIntervalStore::map)
                .list();
    }

    private static CostInterval map(ResultSet row, int rowNum) throws SQLException {
        return new CostInterval(row.getString("namespace"), row.getString("team"), row.getString("environment"),
                row.getString("tier"), row.getString("cost_center"), row.getLong("monthly_price_cents"),
                instant(row, "valid_from"), instant(row, "valid_to"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
