package io.platform.provisioning.persistence;

import io.platform.provisioning.domain.Failure;
import io.platform.provisioning.domain.ManagedNamespace;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.RequestType;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaStore;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saga state in PostgreSQL: table {@code requests} (one row per request id) and {@code namespaces} (the platform's
 * record of every namespace: name ownership, status and what was applied).
 */
@Repository
public class JdbcSagaStore implements SagaStore {

    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<List<FeatureInfo>> FEATURES = new TypeReference<>() {
    };
    private static final String COLUMNS = "request_id, type, name, team, actor, status, step, spec, violations, objects, "
            + "pod_security_level, failure_step, failure_reason, changes, changed_fields, reason, attempt, created_at, "
            + "started_at, updated_at";
    private static final String NAMESPACE_COLUMNS = "name, request_id, team, actor, status, spec, tier, features, "
            + "last_request_id, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public JdbcSagaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ProvisioningSaga> find(String requestId) {
        return jdbc.sql("select " + COLUMNS + " from requests where request_id = ?")
                .param(requestId).query(this::saga).optional();
    }

    @Override
    public Optional<ProvisioningSaga> lock(String requestId) {
        return jdbc.sql("select " + COLUMNS + " from requests where request_id = ? for update")
                .param(requestId).query(this::saga).optional();
    }

    @Override
    public Optional<ProvisioningSaga> tryLock(String requestId) {
        return jdbc.sql("select " + COLUMNS + " from requests where request_id = ? for update skip locked")
                .param(requestId).query(this::saga).optional();
    }

    @Override
    public boolean insert(ProvisioningSaga saga) {
        int inserted = jdbc.sql("""
                        insert into requests (%s)
                        values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?,
                                cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?)
                        on conflict (request_id) do nothing""".formatted(COLUMNS))
                .params(saga.requestId(), saga.type().name(), saga.name(), saga.team(), saga.actor(),
                        saga.status().name(), saga.step(), json(saga.spec()), json(saga.violations()),
                        json(saga.objects()), saga.podSecurityLevel(),
                        saga.failure() == null ? null : saga.failure().step(),
                        saga.failure() == null ? null : saga.failure().reason(),
                        saga.changes() == null ? null : json(saga.changes()), json(saga.changedFields()), saga.reason(),
                        saga.attempt(), Timestamp.from(saga.createdAt()), Timestamp.from(saga.startedAt()),
                        Timestamp.from(saga.updatedAt()))
                .update();
        return inserted == 1;
    }

    @Override
    public void update(ProvisioningSaga saga) {
        int updated = jdbc.sql("""
                        update requests set team = ?, status = ?, step = ?, spec = cast(? as jsonb),
                               violations = cast(? as jsonb), objects = cast(? as jsonb), pod_security_level = ?,
                               failure_step = ?, failure_reason = ?, changed_fields = cast(? as jsonb), attempt = ?,
                               started_at = ?, updated_at = ?
                        where request_id = ?""")
                .params(saga.team(), saga.status().name(), saga.step(), json(saga.spec()), json(saga.violations()),
                        json(saga.objects()), saga.podSecurityLevel(),
                        saga.failure() == null ? null : saga.failure().step(),
                        saga.failure() == null ? null : saga.failure().reason(),
                        json(saga.changedFields()), saga.attempt(), Timestamp.from(saga.startedAt()),
                        Timestamp.from(saga.updatedAt()), saga.requestId())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("no request " + saga.requestId() + " to update");
        }
    }

    @Override
    public void recordError(String requestId, String error, Instant at) {
        String text = error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 2000));
        jdbc.sql("""
                        insert into request_errors (request_id, error, at) values (?, ?, ?)
                        on conflict (request_id) do update set error = excluded.error, at = excluded.at""")
                .params(requestId, text, Timestamp.from(at))
                .update();
    }

    @Override
    public Optional<String> lastError(String requestId) {
        return jdbc.sql("select error from request_errors where request_id = ?")
                .param(requestId).query(String.class).optional();
    }

    @Override
    public Optional<String> claimName(ManagedNamespace candidate) {
        Optional<String> claimed = jdbc.sql("""
                        insert into namespaces (%s)
                        values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?)
                        on conflict (name) do update
                           set request_id = excluded.request_id, team = excluded.team, actor = excluded.actor,
                               status = excluded.status, spec = excluded.spec, tier = excluded.tier,
                               features = excluded.features, last_request_id = excluded.last_request_id,
                               created_at = excluded.created_at, updated_at = excluded.updated_at
                         where namespaces.request_id = excluded.request_id
                            or namespaces.status not in ('PENDING', 'PROVISIONING', 'READY', 'UPDATING', 'DELETING')
                        returning request_id""".formatted(NAMESPACE_COLUMNS))
                .params(namespaceParams(candidate))
                .query(String.class).optional();
        if (claimed.isPresent()) {
            return Optional.empty();
        }
        return jdbc.sql("select request_id from namespaces where name = ?").param(candidate.name())
                .query(String.class).optional();
    }

    @Override
    public Optional<ManagedNamespace> namespace(String name) {
        return jdbc.sql("select " + NAMESPACE_COLUMNS + " from namespaces where name = ?")
                .param(name).query(this::namespaceRow).optional();
    }

    @Override
    public Optional<ManagedNamespace> lockNamespace(String name) {
        return jdbc.sql("select " + NAMESPACE_COLUMNS + " from namespaces where name = ? for update")
                .param(name).query(this::namespaceRow).optional();
    }

    @Override
    public Optional<ManagedNamespace> tryLockNamespace(String name) {
        return jdbc.sql("select " + NAMESPACE_COLUMNS + " from namespaces where name = ? for update skip locked")
                .param(name).query(this::namespaceRow).optional();
    }

    @Override
    public void saveNamespace(ManagedNamespace namespace) {
        jdbc.sql("""
                        insert into namespaces (%s)
                        values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?)
                        on conflict (name) do update
                           set request_id = excluded.request_id, team = excluded.team, actor = excluded.actor,
                               status = excluded.status, spec = excluded.spec, tier = excluded.tier,
                               features = excluded.features, last_request_id = excluded.last_request_id,
                               created_at = excluded.created_at, updated_at = excluded.updated_at""".formatted(NAMESPACE_COLUMNS))
                .params(namespaceParams(namespace))
                .update();
    }

    @Override
    public List<ManagedNamespace> namespacesOfTeam(String team, Set<SagaStatus> statuses) {
        return jdbc.sql("select " + NAMESPACE_COLUMNS + " from namespaces where team = ? and status = any(?) order by name")
                .params(team, statusArray(statuses))
                .query(this::namespaceRow).list();
    }

    @Override
    public void lockTeam(String team) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("provisioning-team:" + team).query(Object.class).single();
    }

    @Override
    public List<ManagedNamespace> namespacesWithStatus(Set<SagaStatus> statuses) {
        return jdbc.sql("select " + NAMESPACE_COLUMNS + " from namespaces where status = any(?) order by name")
                .param(statusArray(statuses))
                .query(this::namespaceRow).list();
    }

    @Override
    public long countNamespaces(Set<SagaStatus> statuses) {
        return jdbc.sql("select count(*) from namespaces where status = any(?)")
                .param(statusArray(statuses)).query(Long.class).single();
    }

    @Override
    public List<String> startedBefore(Set<SagaStatus> statuses, Instant cutoff, int limit) {
        return jdbc.sql("select request_id from requests where status = any(?) and started_at < ? order by started_at limit ?")
                .params(statusArray(statuses), Timestamp.from(cutoff), limit)
                .query(String.class).list();
    }

    @Override
    public void markCleanupPending(String requestId, boolean pending) {
        jdbc.sql("update requests set cleanup_pending = ? where request_id = ?").params(pending, requestId).update();
    }

    @Override
    public List<String> cleanupPending(int limit) {
        return jdbc.sql("select request_id from requests where cleanup_pending and status = 'FAILED' order by updated_at limit ?")
                .param(limit).query(String.class).list();
    }

    @Override
    public List<String> idleSince(Set<SagaStatus> statuses, Instant cutoff, int limit) {
        return jdbc.sql("select request_id from requests where status = any(?) and updated_at < ? order by updated_at limit ?")
                .params(statusArray(statuses), Timestamp.from(cutoff), limit)
                .query(String.class).list();
    }

    private Object[] namespaceParams(ManagedNamespace namespace) {
        return new Object[] {namespace.name(), namespace.ownerRequestId(), namespace.team() == null ? "" : namespace.team(),
                namespace.actor(), namespace.status().name(), namespace.spec() == null ? null : json(namespace.spec()),
                namespace.tier() == null ? null : json(namespace.tier()), json(namespace.features()),
                namespace.lastRequestId(), Timestamp.from(namespace.createdAt()), Timestamp.from(namespace.updatedAt())};
    }

    private static String[] statusArray(Set<SagaStatus> statuses) {
        return statuses.stream().map(Enum::name).toArray(String[]::new);
    }

    private String json(Object value) {
        return json.writeValueAsString(value);
    }

    private ProvisioningSaga saga(ResultSet row, int index) throws SQLException {
        String failureStep = row.getString("failure_step");
        String changes = row.getString("changes");
        return new ProvisioningSaga(
                row.getString("request_id"),
                RequestType.valueOf(row.getString("type")),
                json.readValue(row.getString("spec"), NamespaceSpecification.class),
                row.getString("actor"),
                SagaStatus.valueOf(row.getString("status")),
                row.getString("step"),
                json.readValue(row.getString("violations"), VIOLATIONS),
                json.readValue(row.getString("objects"), STRINGS),
                row.getString("pod_security_level"),
                failureStep == null ? null : new Failure(failureStep, row.getString("failure_reason")),
                changes == null ? null : json.readValue(changes, NamespaceChanges.class),
                json.readValue(row.getString("changed_fields"), STRINGS),
                row.getString("reason"),
                row.getInt("attempt"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("started_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private ManagedNamespace namespaceRow(ResultSet row, int index) throws SQLException {
        String spec = row.getString("spec");
        String tier = row.getString("tier");
        String team = row.getString("team");
        return new ManagedNamespace(
                row.getString("name"),
                team == null || team.isEmpty() ? null : team,
                row.getString("request_id"),
                row.getString("actor"),
                SagaStatus.valueOf(row.getString("status")),
                spec == null ? null : json.readValue(spec, NamespaceSpecification.class),
                tier == null ? null : json.readValue(tier, TierInfo.class),
                json.readValue(row.getString("features"), FEATURES),
                row.getString("last_request_id"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
