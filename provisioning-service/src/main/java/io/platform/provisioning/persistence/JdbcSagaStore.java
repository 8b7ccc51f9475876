package io.platform.provisioning.persistence;

import io.platform.provisioning.domain.Failure;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaStore;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Saga state in PostgreSQL: table {@code requests} (one row per request id) and {@code namespaces} (name ownership). */
@Repository
public class JdbcSagaStore implements SagaStore {

    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final String COLUMNS = "request_id, name, team, actor, status, step, spec, violations, objects, "
            + "pod_security_level, failure_step, failure_reason, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public JdbcSagaStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ProvisioningSaga> find(String requestId) {
        return jdbc.sql("select " + COLUMNS + " from requests where request_id = ?")
                .param(requestId).query(this::map).optional();
    }

    @Override
    public Optional<ProvisioningSaga> lock(String requestId) {
        return jdbc.sql("select " + COLUMNS + " from requests where request_id = ? for update")
                .param(requestId).query(this::map).optional();
    }

    @Override
    public boolean insert(ProvisioningSaga saga) {
        int inserted = jdbc.sql("""
                        insert into requests (%s)
                        values (?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?)
                        on conflict (request_id) do nothing""".formatted(COLUMNS))
                .params(saga.requestId(), saga.name(), saga.team(), saga.actor(), saga.status().name(), saga.step(),
                        json.writeValueAsString(saga.spec()), json.writeValueAsString(saga.violations()),
                        json.writeValueAsString(saga.objects()), saga.podSecurityLevel(),
                        saga.failure() == null ? null : saga.failure().step(),
                        saga.failure() == null ? null : saga.failure().reason(),
                        Timestamp.from(saga.createdAt()), Timestamp.from(saga.updatedAt()))
                .update();
        return inserted == 1;
    }

    @Override
    public void update(ProvisioningSaga saga) {
        int updated = jdbc.sql("""
                        update requests set status = ?, step = ?, violations = cast(? as jsonb), objects = cast(? as jsonb),
                               pod_security_level = ?, failure_step = ?, failure_reason = ?, updated_at = ?
                        where request_id = ?""")
                .params(saga.status().name(), saga.step(), json.writeValueAsString(saga.violations()),
                        json.writeValueAsString(saga.objects()), saga.podSecurityLevel(),
                        saga.failure() == null ? null : saga.failure().step(),
                        saga.failure() == null ? null : saga.failure().reason(),
                        Timestamp.from(saga.updatedAt()), saga.requestId())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("no request " + saga.requestId() + " to update");
        }
        jdbc.sql("update namespaces set status = ?, updated_at = ? where name = ? and request_id = ?")
                .params(saga.status().name(), Timestamp.from(saga.updatedAt()), saga.name(), saga.requestId())
                .update();
    }

    @Override
    public Optional<String> claimName(ProvisioningSaga saga) {
        Optional<String> claimed = jdbc.sql("""
                        insert into namespaces (name, request_id, team, status, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (name) do update
                           set request_id = excluded.request_id, team = excluded.team, status = excluded.status,
                               created_at = excluded.created_at, updated_at = excluded.updated_at
                         where namespaces.request_id = excluded.request_id
                            or namespaces.status not in ('PENDING', 'PROVISIONING', 'READY')
                        returning request_id""")
                .params(saga.name(), saga.requestId(), saga.team(), saga.status().name(),
                        Timestamp.from(saga.createdAt()), Timestamp.from(saga.updatedAt()))
                .query(String.class).optional();
        if (claimed.isPresent()) {
            return Optional.empty();
        }
        return jdbc.sql("select request_id from namespaces where name = ?").param(saga.name()).query(String.class).optional();
    }

    private ProvisioningSaga map(ResultSet row, int index) throws SQLException {
        String failureStep = row.getString("failure_step");
        return new ProvisioningSaga(
                row.getString("request_id"),
                json.readValue(row.getString("spec"), NamespaceSpecification.class),
                row.getString("actor"),
                SagaStatus.valueOf(row.getString("status")),
                row.getString("step"),
                json.readValue(row.getString("violations"), VIOLATIONS),
                json.readValue(row.getString("objects"), STRINGS),
                row.getString("pod_security_level"),
                failureStep == null ? null : new Failure(failureStep, row.getString("failure_reason")),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
