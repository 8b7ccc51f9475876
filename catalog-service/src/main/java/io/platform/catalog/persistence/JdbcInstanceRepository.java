package io.platform.catalog.persistence;

import io.platform.catalog.domain.InstanceRepository;
import io.platform.catalog.domain.InstanceStatus;
import io.platform.catalog.domain.NamespaceInfo;
import io.platform.catalog.domain.ServiceInstance;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class JdbcInstanceRepository implements InstanceRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final String LIVE = "('PENDING', 'DEPLOYED', 'DELETING')";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcInstanceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Optional<NamespaceInfo> namespace(String name) {
        return jdbc.sql("select * from namespace_projection where name = ?").param(name)
                .query((row, n) -> new NamespaceInfo(row.getString("name"), row.getString("team"), row.getString("environment"),
                        row.getString("tier"), "READY".equals(row.getString("status"))))
                .optional();
    }

    @Override
    public void saveNamespace(NamespaceInfo namespace, Instant at) {
        jdbc.sql("""
                insert into namespace_projection (name, team, environment, tier, status, updated_at) values (?, ?, ?, ?, ?, ?)
                on conflict (name) do update set team = excluded.team, environment = excluded.environment,
                    tier = excluded.tier, status = excluded.status, updated_at = excluded.updated_at
                """).params(namespace.name(), namespace.team(), namespace.environment(), namespace.tier(),
                namespace.ready() ? "READY" : "DELETED", Timestamp.from(at)).update();
    }

    @Override
    public Optional<ServiceInstance> find(String namespace, String instanceName) {
        return jdbc.sql("""
                select * from service_instance where namespace = ? and instance_name = ?
                order by case when status in %s then 0 else 1 end, created_at desc limit 1
                """.formatted(LIVE)).params(namespace, instanceName).query(this::map).optional();
    }

    @Override
    public Optional<ServiceInstance> byRequest(String requestId) {
        return jdbc.sql("select * from service_instance where request_id = ?").param(requestId).query(this::map).optional();
    }

    @Override
    public List<ServiceInstance> list(String namespace, boolean includeDeleted) {
        return jdbc.sql("select * from service_instance where namespace = ? " + (includeDeleted ? "" : "and status <> 'DELETED' ")
                + "order by instance_name, created_at desc").param(namespace).query(this::map).list();
    }

    @Override
    public boolean insert(ServiceInstance instance) {
        try {
            return jdbc.sql("""
                    insert into service_instance (request_id, namespace, instance_name, template, version, parameters, usage,
                        objects, monthly_cost_cents, status, requested_by, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)
                    on conflict do nothing
                    """).params(instance.requestId(), instance.namespace(), instance.instanceName(), instance.template(),
                    instance.version(), instance.parameters(), json.writeValueAsString(instance.usage()),
                    json.writeValueAsString(instance.objects()), instance.monthlyCostCents(), instance.status().name(),
                    instance.requestedBy(), Timestamp.from(instance.createdAt()), Timestamp.from(instance.updatedAt()))
                    .update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public void markDeleting(String requestId, String deletionRequestId, Instant at) {
        jdbc.sql("""
                update service_instance set status = 'DELETING', deletion_request_id = ?, failure_step = null,
                    failure_reason = null, updated_at = ?
                where request_id = ?
                """).params(deletionRequestId, Timestamp.from(at), requestId).update();
    }

    @Override
    public void markDeployed(String requestId, List<String> objects, long monthlyCostCents, Instant at) {
        jdbc.sql("""
                update service_instance set status = 'DEPLOYED', objects = ?::jsonb, monthly_cost_cents = ?, updated_at = ?
                where request_id = ? and status = 'PENDING'
                """).params(json.writeValueAsString(objects), monthlyCostCents, Timestamp.from(at), requestId).update();
    }

    @Override
    public void markFailed(String requestId, String step, String reason, Instant at) {
        jdbc.sql("""
                update service_instance set status = 'FAILED', failure_step = ?, failure_reason = ?, updated_at = ?
                where request_id = ? and status = 'PENDING'
                """).params(step, reason, Timestamp.from(at), requestId).update();
    }

    @Override
    public void markDeletionFailed(String deletionRequestId, String reason, Instant at) {
        jdbc.sql("""
                update service_instance set status = 'DEPLOYED', failure_step = 'delete', failure_reason = ?, updated_at = ?
                where deletion_request_id = ? and status = 'DELETING'
                """).params(reason, Timestamp.from(at), deletionRequestId).update();
    }

    @Override
    public void markDeleted(String namespace, String instanceName, Instant at) {
        jdbc.sql("update service_instance set status = 'DELETED', updated_at = ? where namespace = ? and instance_name = ? and status in "
                + LIVE).params(Timestamp.from(at), namespace, instanceName).update();
    }

    @Override
    public void markAllDeleted(String namespace, Instant at) {
        jdbc.sql("update service_instance set status = 'DELETED', updated_at = ? where namespace = ? and status in " + LIVE)
                .params(Timestamp.from(at), namespace).update();
    }

    @Override
    public boolean consume(String eventId) {
        return jdbc.sql("insert into consumed_event (event_id) values (?) on conflict do nothing").param(eventId).update() == 1;
    }

    private ServiceInstance map(ResultSet row, int rowNum) throws SQLException {
        return new ServiceInstance(row.getString("request_id"), row.getString("namespace"), row.getString("instance_name"),
                row.getString("template"), row.getString("version"), row.getString("parameters"),
                json.readValue(row.getString("usage"), STRING_MAP), json.readValue(row.getString("objects"), STRINGS),
                row.getLong("monthly_cost_cents"), InstanceStatus.valueOf(row.getString("status")),
                row.getString("failure_step"), row.getString("failure_reason"), row.getString("deletion_request_id"),
                row.getString("requested_by"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
