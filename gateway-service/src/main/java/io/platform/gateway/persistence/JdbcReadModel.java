package io.platform.gateway.persistence;

import io.platform.gateway.domain.ConcurrentChangeException;
import io.platform.gateway.domain.Failure;
import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.Namespace;
import io.platform.gateway.domain.NamespaceFilter;
import io.platform.gateway.domain.NamespacePage;
import io.platform.gateway.domain.NamespaceRequest;
import io.platform.gateway.domain.ReadModel;
import io.platform.gateway.domain.RequestStep;
import io.platform.gateway.domain.RequestType;
import io.platform.gateway.domain.StepOutcome;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The read model in PostgreSQL (tables in {@code db/migration}); specs and violations as jsonb. */
public class JdbcReadModel implements ReadModel {

    private static final TypeReference<List<Violation>> VIOLATIONS = new TypeReference<>() {
    };

    private static final String REQUEST_COLUMNS = "request_id, request_type, name, team, spec, changes, status, actor, source, "
            + "idempotency_key, violations, failure_step, failure_reason, failure_retryable, created_at, updated_at";
    private static final String NAMESPACE_COLUMNS = "name, team, spec, status, request_id, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public JdbcReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean recordEvent(String eventId) {
        return jdbc.sql("insert into processed_event (event_id) values (:id) on conflict (event_id) do nothing")
                .param("id", eventId).update() == 1;
    }

    @Override
    public Optional<NamespaceRequest> findRequest(String requestId) {
        return request("select " + REQUEST_COLUMNS + " from namespace_request where request_id = :id", requestId);
    }

    @Override
    public Optional<NamespaceRequest> lockRequest(String requestId) {
        return request("select " + REQUEST_COLUMNS + " from namespace_request where request_id = :id for update", requestId);
    }

    private Optional<NamespaceRequest> request(String sql, String requestId) {
        Optional<NamespaceRequest> found = jdbc.sql(sql).param("id", requestId).query(this::toRequest).optional();
        return found.map(request -> new NamespaceRequest(request.requestId(), request.type(), request.name(),
                request.team(), request.spec(), request.changes(), request.status(), request.actor(), request.source(),
                request.idempotencyKey(), request.violations(), request.failure(), steps(requestId),
                request.createdAt(), request.updatedAt()));
    }

    private List<RequestStep> steps(String requestId) {
        return jdbc.sql("select step, outcome, occurred_at, detail from request_step where request_id = :id "
                        + "order by occurred_at, step")
                .param("id", requestId)
                .query((rs, row) -> new RequestStep(rs.getString("step"), StepOutcome.valueOf(rs.getString("outcome")),
                        instant(rs, "occurred_at"), rs.getString("detail")))
                .list();
    }

    @Override
    public void saveRequest(Optional<NamespaceRequest> before, NamespaceRequest after) {
        Failure failure = after.failure();
        JdbcClient.StatementSpec statement = jdbc.sql(before.isEmpty()
                        ? "insert into namespace_request (" + REQUEST_COLUMNS + ") values (:id, :type, :name, :team, "
                        + "cast(:spec as jsonb), cast(:changes as jsonb), :status, :actor, :source, :key, cast(:violations as jsonb), :failureStep, "
                        + ":failureReason, :failureRetryable, :createdAt, :updatedAt) on conflict (request_id) do nothing"
                        : "update namespace_request set request_type = :type, name = :name, team = :team, "
                        + "spec = cast(:spec as jsonb), changes = cast(:changes as jsonb), status = :status, actor = :actor, source = :source, "
                        + "idempotency_key = :key, violations = cast(:violations as jsonb), failure_step = :failureStep, "
                        + "failure_reason = :failureReason, failure_retryable = :failureRetryable, "
                        + "created_at = :createdAt, updated_at = :updatedAt where request_id = :id")
                .param("id", after.requestId())
                .param("type", after.type().name())
                .param("name", after.name())
                .param("team", after.team())
                .param("spec", after.spec() == null ? null : json.writeValueAsString(after.spec()))
                .param("changes", after.changes() == null ? null : json.writeValueAsString(after.changes()))
                .param("status", after.status().name())
                .param("actor", after.actor())
                .param("source", after.source())
                .param("key", after.idempotencyKey())
                .param("violations", json.writeValueAsString(after.violations()))
                .param("failureStep", failure == null ? null : failure.step())
                .param("failureReason", failure == null ? null : failure.reason())
                .param("failureRetryable", failure == null ? null : failure.retryable())
                .param("createdAt", timestamp(after.createdAt()))
                .param("updatedAt", timestamp(after.updatedAt()));
        if (statement.update() != 1) {
            throw new ConcurrentChangeException("request " + after.requestId() + " was written concurrently");
        }
        List<RequestStep> known = before.map(NamespaceRequest::steps).orElse(List.of());
        for (RequestStep step : after.steps()) {
            if (!known.contains(step)) {
                jdbc.sql("insert into request_step (request_id, step, outcome, occurred_at, detail) "
                                + "values (:id, :step, :outcome, :at, :detail) on conflict (request_id, step) do update "
                                + "set outcome = excluded.outcome, occurred_at = excluded.occurred_at, detail = excluded.detail")
                        .param("id", after.requestId())
                        .param("step", step.step())
                        .param("outcome", step.outcome().name())
                        .param("at", timestamp(step.occurredAt()))
                        .param("detail", step.detail())
                        .update();
            }
        }
    }

    @Override
    public Optional<Namespace> findNamespace(String name) {
        return jdbc.sql("select " + NAMESPACE_COLUMNS + " from namespace where name = :name")
                .param("name", name).query(this::toNamespace).optional();
    }

    @Override
    public Optional<Namespace> lockNamespace(String name) {
        return jdbc.sql("select " + NAMESPACE_COLUMNS + " from namespace where name = :name for update")
                .param("name", name).query(this::toNamespace).optional();
    }

    @Override
    public void saveNamespace(Optional<Namespace> before, Optional<Namespace> after) {
        if (after.isEmpty()) {
            before.ifPresent(gone -> jdbc.sql("delete from namespace where name = :name").param("name", gone.name()).update());
            return;
        }
        Namespace namespace = after.get();
        int written = namespaceStatement(before.isEmpty()
                ? "insert into namespace (" + NAMESPACE_COLUMNS + ") values (:name, :team, cast(:spec as jsonb), :status, "
                + ":requestId, :createdAt, :updatedAt) on conflict (name) do nothing"
                : "update namespace set team = :team, spec = cast(:spec as jsonb), status = :status, "
                + "request_id = :requestId, created_at = :createdAt, updated_at = :updatedAt where name = :name", namespace)
                .update();
        if (written != 1) {
            throw new ConcurrentChangeException("namespace " + namespace.name() + " was written concurrently");
        }
    }

    @Override
    public boolean claimName(Namespace pending) {
        // Atomic against concurrent claims: the unique name waits for the other transaction, then re-checks the status.
        return namespaceStatement("insert into namespace (" + NAMESPACE_COLUMNS + ") values (:name, :team, "
                + "cast(:spec as jsonb), :status, :requestId, :createdAt, :updatedAt) on conflict (name) do update set "
                + "team = excluded.team, spec = excluded.spec, status = excluded.status, request_id = excluded.request_id, "
                + "created_at = excluded.created_at, updated_at = excluded.updated_at "
                + "where namespace.status in ('FAILED', 'DELETED', 'REJECTED')", pending)
                .update() == 1;
    }

    private JdbcClient.StatementSpec namespaceStatement(String sql, Namespace namespace) {
        return jdbc.sql(sql)
                .param("name", namespace.name())
                .param("team", namespace.team())
                .param("spec", json.writeValueAsString(namespace.spec()))
                .param("status", namespace.status().name())
                .param("requestId", namespace.requestId())
                .param("createdAt", timestamp(namespace.createdAt()))
                .param("updatedAt", timestamp(namespace.updatedAt()));
    }

    @Override
    public NamespacePage listNamespaces(NamespaceFilter filter) {
        if (filter.teams() != null && filter.teams().isEmpty()) {
            return new NamespacePage(List.of(), 0);
        }
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.teams() != null) {
            conditions.add("team in (:teams)");
            params.put("teams", List.copyOf(filter.teams()));
        }
        if (filter.environment() != null) {
            conditions.add("spec ->> 'environment' = :environment");
            params.put("environment", filter.environment());
        }
        if (filter.tier() != null) {
            conditions.add("spec ->> 'tier' = :tier");
            params.put("tier", filter.tier());
        }
        if (filter.status() != null) {
            conditions.add("status = :status");
            params.put("status", filter.status().name());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        List<Namespace> items = jdbc.sql("select " + NAMESPACE_COLUMNS + " from namespace" + where
                        + " order by name limit :limit offset :offset")
                .params(params).param("limit", filter.limit()).param("offset", filter.offset())
                .query(this::toNamespace).list();
        long total = items.size() < filter.limit() && (filter.offset() == 0 || !items.isEmpty())
                ? filter.offset() + items.size()
                : jdbc.sql("select count(*) from namespace" + where).params(params).query(Long.class).single();
        return new NamespacePage(items, total);
    }

    @Override
    public Optional<NamespaceRequest> findOpenRequest(String name) {
        return jdbc.sql("select request_id from namespace_request where name = :name "
                        + "and status in ('PENDING', 'PROVISIONING', 'UPDATING', 'DELETING') order by created_at desc limit 1")
                .param("name", name).query(String.class).optional().flatMap(this::findRequest);
    }

    private NamespaceRequest toRequest(ResultSet rs, int row) throws SQLException {
        String spec = rs.getString("spec");
        String changes = rs.getString("changes");
        String failureStep = rs.getString("failure_step");
        Failure failure = failureStep == null ? null
                : new Failure(failureStep, rs.getString("failure_reason"), rs.getBoolean("failure_retryable"));
        return new NamespaceRequest(rs.getString("request_id"), RequestType.valueOf(rs.getString("request_type")),
                rs.getString("name"), rs.getString("team"),
                spec == null ? null : json.readValue(spec, NamespaceSpecification.class),
                changes == null ? null : json.readValue(changes, NamespaceChanges.class),
                LifecycleStatus.valueOf(rs.getString("status")), rs.getString("actor"), rs.getString("source"),
                rs.getString("idempotency_key"), json.readValue(rs.getString("violations"), VIOLATIONS), failure, List.of(),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private Namespace toNamespace(ResultSet rs, int row) throws SQLException {
        return new Namespace(rs.getString("name"), rs.getString("team"),
                json.readValue(rs.getString("spec"), NamespaceSpecification.class),
                LifecycleStatus.valueOf(rs.getString("status")), rs.getString("request_id"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
