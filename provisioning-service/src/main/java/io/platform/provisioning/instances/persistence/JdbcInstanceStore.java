package io.platform.provisioning.instances.persistence;

import io.platform.provisioning.instances.domain.InstanceNamespace;
import io.platform.provisioning.instances.domain.InstanceRecord;
import io.platform.provisioning.instances.domain.InstanceState;
import io.platform.provisioning.instances.domain.InstanceStore;
import io.platform.provisioning.instances.domain.ObjectRef;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The instances' tables (V3): records, namespaces, per-namespace locks, consumed event ids. */
@Repository
public class JdbcInstanceStore implements InstanceStore {

    private static final TypeReference<List<ObjectRef>> OBJECTS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    /** A save inside a namespace's transaction runs in a savepoint: a taken name must not abort the transaction. */
    private final TransactionTemplate savepoint;

    public JdbcInstanceStore(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = new TransactionTemplate(transactionManager);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionTemplate.PROPAGATION_NESTED);
    }

    @Override
    public <T> T inNamespace(String namespace, Supplier<T> work) {
        return transactions.execute(status -> {
            jdbc.sql("insert into service_instance_locks (namespace) values (?) on conflict do nothing").param(namespace).update();
            jdbc.sql("select namespace from service_instance_locks where namespace = ? for update").param(namespace)
                    .query(String.class).single();
            return work.get();
        });
    }

    @Override
    public Optional<InstanceNamespace> namespace(String name) {
        return jdbc.sql("select * from service_instance_namespaces where name = ?").param(name)
                .query((row, n) -> new InstanceNamespace(row.getString("name"), row.getString("team"),
                        row.getString("environment"), row.getString("tier"), row.getBoolean("ready")))
                .optional();
    }

    @Override
    public void saveNamespace(InstanceNamespace namespace, Instant at) {
        jdbc.sql("""
                insert into service_instance_namespaces (name, team, environment, tier, ready, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (name) do update set team = excluded.team, environment = excluded.environment,
                    tier = excluded.tier, ready = excluded.ready, updated_at = excluded.updated_at
                """).params(namespace.name(), namespace.team(), namespace.environment(), namespace.tier(), namespace.ready(),
                Timestamp.from(at)).update();
    }

    @Override
    public Optional<InstanceRecord> byRequest(String requestId) {
        return jdbc.sql("select * from service_instances where request_id = ?").param(requestId).query(this::map).optional();
    }

    @Override
    public Optional<InstanceRecord> byDeletionRequest(String deletionRequestId) {
        return jdbc.sql("select * from service_instances where deletion_request_id = ?").param(deletionRequestId)
                .query(this::map).optional();
    }

    @Override
    public Optional<InstanceRecord> live(String namespace, String instanceName) {
        return jdbc.sql("""
                select * from service_instances where namespace = ? and instance_name = ?
                    and state in ('WAITING', 'APPLYING', 'DEPLOYED', 'DELETING')
                """).params(namespace, instanceName).query(this::map).optional();
    }

    @Override
    public List<InstanceRecord> instancesIn(String namespace) {
        return jdbc.sql("select * from service_instances where namespace = ? order by created_at, request_id")
                .param(namespace).query(this::map).list();
    }

    @Override
    public boolean save(InstanceRecord r) {
        try {
            return savepoint.execute(status -> jdbc.sql("""
                    insert into service_instances (request_id, namespace, instance_name, template, version, parameters, actor,
                        state, objects, usage, monthly_cost_cents, failure_step, failure_reason, deletion_request_id,
                        announced, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (request_id) do update set parameters = excluded.parameters, state = excluded.state,
                        objects = excluded.objects, usage = excluded.usage, monthly_cost_cents = excluded.monthly_cost_cents,
                        failure_step = excluded.failure_step, failure_reason = excluded.failure_reason,
                        deletion_request_id = excluded.deletion_request_id, announced = excluded.announced,
                        updated_at = excluded.updated_at
                    """).params(r.requestId(), r.namespace(), r.instanceName(), r.template(), r.version(), r.parameters(),
                    r.actor(), r.state().name(), json.writeValueAsString(r.objects()), json.writeValueAsString(r.usage()),
                    r.monthlyCostCents(), r.failureStep(), r.failureReason(), r.deletionRequestId(), r.announced(),
                    Timestamp.from(r.createdAt()), Timestamp.from(r.updatedAt())).update() == 1);
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public List<InstanceRecord> waitingSince(Instant before) {
        return jdbc.sql("select * from service_instances where state = 'WAITING' and updated_at < ? order by updated_at")
                .param(Timestamp.from(before)).query(this::map).list();
    }

    @Override
    public List<InstanceRecord> unannouncedSince(Instant before) {
        return jdbc.sql("""
                select * from service_instances where not announced and state in ('DEPLOYED', 'FAILED', 'DELETED')
                    and updated_at < ? order by updated_at limit 100
                """).param(Timestamp.from(before)).query(this::map).list();
    }

    @Override
    public boolean consume(String eventId) {
        return jdbc.sql("insert into service_instance_consumed_events (event_id) values (?) on conflict do nothing")
                .param(eventId).update() == 1;
    }

    @Override
    public boolean consumed(String eventId) {
        return jdbc.sql("select count(*) from service_instance_consumed_events where event_id = ?").param(eventId)
                .query(Long.class).single() > 0;
    }

    private InstanceRecord map(ResultSet row, int rowNum) throws SQLException {
        return new InstanceRecord(row.getString("request_id"), row.getString("namespace"), row.getString("instance_name"),
                row.getString("template"), row.getString("version"), row.getString("parameters"), row.getString("actor"),
                InstanceState.valueOf(row.getString("state")), json.readValue(row.getString("objects"), OBJECTS),
                json.readValue(row.getString("usage"), STRING_MAP), row.getLong("monthly_cost_cents"),
                row.getString("failure_step"), row.getString("failure_reason"), row.getString("deletion_request_id"),
                row.getBoolean("announced"), row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
    }
}
