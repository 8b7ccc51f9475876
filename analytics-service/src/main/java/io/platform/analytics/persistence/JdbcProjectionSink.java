package io.platform.analytics.persistence;

import static io.platform.analytics.persistence.JdbcCostIntervalStore.utc;

import io.platform.analytics.domain.ProjectionFacts.Fact;
import io.platform.analytics.domain.ProjectionFacts.IntervalRow;
import io.platform.analytics.domain.ProjectionFacts.NamespaceRow;
import io.platform.analytics.domain.ProjectionFacts.RequestRow;
import io.platform.analytics.domain.ProjectionSink;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Upserts projection facts into PostgreSQL in one transaction, in JDBC batches. */
@Repository
public class JdbcProjectionSink implements ProjectionSink {

    private static final String NAMESPACE = """
            insert into analytics_namespace (namespace, team, environment, tier, cost_center, status, created_at, changed_at,
                deleted_at, service_instances, role_assignments, tier_monthly_price_cents, instances_monthly_price_cents,
                month, month_to_date_cost_micros, as_of, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            on conflict (namespace) do update set team = excluded.team, environment = excluded.environment,
                tier = excluded.tier, cost_center = excluded.cost_center, status = excluded.status,
                created_at = excluded.created_at, changed_at = excluded.changed_at, deleted_at = excluded.deleted_at,
                service_instances = excluded.service_instances, role_assignments = excluded.role_assignments,
                tier_monthly_price_cents = excluded.tier_monthly_price_cents,
                instances_monthly_price_cents = excluded.instances_monthly_price_cents, month = excluded.month,
                month_to_date_cost_micros = excluded.month_to_date_cost_micros, as_of = excluded.as_of, updated_at = now()
            """;
    private static final String INTERVAL = """
            insert into cost_interval (namespace, kind, item, team, environment, tier, cost_center, template, version,
                monthly_price_cents, valid_from, valid_to, close_reason, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            on conflict (namespace, kind, item, valid_from) do update set team = excluded.team,
                environment = excluded.environment, tier = excluded.tier, cost_center = excluded.cost_center,
                template = excluded.template, version = excluded.version, monthly_price_cents = excluded.monthly_price_cents,
                valid_to = excluded.valid_to, close_reason = excluded.close_reason, updated_at = now()
            """;
    private static final String REQUEST = """
            insert into provisioning_request (request_id, namespace, team, environment, tier, kind, requested_at, outcome,
                completed_at, latency_ms, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
            on conflict (request_id) do update set namespace = excluded.namespace, team = excluded.team,
                environment = excluded.environment, tier = excluded.tier, kind = excluded.kind,
                requested_at = excluded.requested_at, outcome = coalesce(excluded.outcome, provisioning_request.outcome),
                completed_at = coalesce(excluded.completed_at, provisioning_request.completed_at),
                latency_ms = coalesce(excluded.latency_ms, provisioning_request.latency_ms), updated_at = now()
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public JdbcProjectionSink(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Override
    public void write(List<Fact> facts) {
        List<Object[]> namespaces = new ArrayList<>();
        List<Object[]> intervals = new ArrayList<>();
        List<Object[]> requests = new ArrayList<>();
        for (Fact fact : facts) {
            if (fact instanceof NamespaceRow n) {
                namespaces.add(new Object[] {n.namespace(), n.team(), n.environment(), n.tier(), n.costCenter(),
                        n.status() == null ? "PENDING" : n.status().name(), utc(n.createdAt()), utc(n.changedAt()),
                        utc(n.deletedAt()), n.serviceInstances(), n.roleAssignments(), n.tierMonthlyPriceCents(),
                        n.instancesMonthlyPriceCents(), n.month(), n.monthToDateCostMicros(), utc(n.asOf())});
            } else if (fact instanceof IntervalRow i) {
                intervals.add(new Object[] {i.namespace(), i.kind(), i.item(), i.team(), i.environment(), i.tier(),
                        i.costCenter(), i.template(), i.version(), i.monthlyPriceCents(), utc(i.validFrom()),
                        utc(i.validTo()), i.closeReason()});
            } else if (fact instanceof RequestRow r) {
                Long latency = r.completedAt() == null ? null : Duration.between(r.requestedAt(), r.completedAt()).toMillis();
                requests.add(new Object[] {r.requestId(), r.namespace(), r.team(), r.environment(), r.tier(), r.kind(),
                        utc(r.requestedAt()), r.outcome(), utc(r.completedAt()), latency});
            }
        }
        transaction.executeWithoutResult(status -> {
            batch(NAMESPACE, namespaces, new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER, Types.INTEGER, Types.BIGINT, Types.BIGINT, Types.VARCHAR,
                    Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE});
            batch(INTERVAL, intervals, new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR});
            batch(REQUEST, requests, new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                    Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT});
        });
    }

    private void batch(String sql, List<Object[]> rows, int[] types) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows, types);
        }
    }
}
