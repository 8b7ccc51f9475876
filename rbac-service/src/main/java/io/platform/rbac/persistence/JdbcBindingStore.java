package io.platform.rbac.persistence;

import io.platform.rbac.domain.BindingOutcome;
import io.platform.rbac.domain.BindingStore;
import io.platform.rbac.domain.ManagedBinding;
import io.platform.rbac.domain.TeamBinding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code role_bindings} and {@code processed_events}. */
@Repository
public class JdbcBindingStore implements BindingStore {

    private final JdbcClient jdbc;

    public JdbcBindingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<BindingOutcome> findOutcome(String eventId) {
        return jdbc.sql("""
                        select event_id, request_id, actor, namespace, team, role_binding, subject_group, cluster_role,
                               outcome, reason, decided_at, published_at
                        from processed_events where event_id = ?""")
                .param(eventId)
                .query(JdbcBindingStore::outcome)
                .optional();
    }

    @Override
    public void record(BindingOutcome outcome) {
        TeamBinding binding = outcome.binding();
        Timestamp at = Timestamp.from(outcome.decidedAt());
        if (outcome.applied()) {
            jdbc.sql("""
                            insert into role_bindings (namespace, name, team, subject_group, cluster_role, request_id,
                                                       created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)
                            on conflict (namespace, name) do update
                               set team = excluded.team, subject_group = excluded.subject_group,
                                   cluster_role = excluded.cluster_role, request_id = excluded.request_id,
                                   updated_at = excluded.updated_at""")
                    .params(binding.namespace(), binding.name(), binding.team(), binding.subjectGroup(),
                            binding.clusterRole(), binding.requestId(), at, at)
                    .update();
        }
        jdbc.sql("""
                        insert into processed_events (event_id, request_id, actor, namespace, team, role_binding,
                                                      subject_group, cluster_role, outcome, reason, decided_at,
                                                      published_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (event_id) do nothing""")
                .params(outcome.eventId(), binding.requestId(), outcome.actor(), binding.namespace(), binding.team(),
                        binding.name(), binding.subjectGroup(), binding.clusterRole(),
                        outcome.applied() ? "APPLIED" : "FAILED", outcome.reason(), at, at)
                .update();
    }

    @Override
    public Optional<ManagedBinding> tryLockBinding(String namespace, String name) {
        return jdbc.sql("""
                        select namespace, name, team, subject_group, cluster_role, request_id, created_at, updated_at
                        from role_bindings where namespace = ? and name = ? for update skip locked""")
                .params(namespace, name)
                .query((row, index) -> new ManagedBinding(binding(row, "name"),
                        row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    @Override
    public void removeBinding(String namespace, String name) {
        jdbc.sql("delete from role_bindings where namespace = ? and name = ?").params(namespace, name).update();
    }

    @Override
    public List<ManagedBinding> list(String namespace) {
        return jdbc.sql("""
                        select namespace, name, team, subject_group, cluster_role, request_id, created_at, updated_at
                        from role_bindings
                        where cast(? as text) is null or namespace = ?
                        order by namespace, name""")
                .params(namespace, namespace)
                .query((row, index) -> new ManagedBinding(binding(row, "name"),
                        row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant()))
                .list();
    }

    private static BindingOutcome outcome(ResultSet row, int index) throws SQLException {
        return new BindingOutcome(row.getString("event_id"), row.getString("actor"), binding(row, "role_binding"),
                "APPLIED".equals(row.getString("outcome")), row.getString("reason"),
                row.getTimestamp("decided_at").toInstant(), row.getTimestamp("published_at") != null);
    }

    private static TeamBinding binding(ResultSet row, String nameColumn) throws SQLException {
        return new TeamBinding(row.getString("namespace"), row.getString(nameColumn), row.getString("team"),
                row.getString("subject_group"), row.getString("cluster_role"), row.getString("request_id"));
    }
}
