package io.platform.rbac.persistence;

import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.AccessStore;
import io.platform.rbac.domain.Assignment;
import io.platform.rbac.domain.CustomRole;
import io.platform.rbac.domain.RoleKind;
import io.platform.rbac.domain.SubjectKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tables {@code custom_roles}, {@code assignments} and {@code handled_events}. */
@Repository
public class JdbcAccessStore implements AccessStore {

    private static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(5);

    private static final TypeReference<List<AccessRule>> RULES = new TypeReference<>() {
    };
    private static final String ROLE_COLUMNS = "id, kind, namespace, name, description, rules, request_id, created_by, "
            + "created_at, updated_at";
    private static final String ASSIGNMENT_COLUMNS = "id, namespace, role_kind, role_name, subject_kind, subject_name, "
            + "role_binding, request_id, created_by, created_at";

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    public JdbcAccessStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<CustomRole> role(String id) {
        return jdbc.sql("select " + ROLE_COLUMNS + " from custom_roles where id = ?").param(id).query(this::roleRow).optional();
    }

    @Override
    public Optional<CustomRole> role(RoleKind kind, String namespace, String name) {
        return jdbc.sql("select " + ROLE_COLUMNS + " from custom_roles where kind = ? and namespace = ? and name = ?")
                .params(kind.value(), namespace == null ? "" : namespace, name).query(this::roleRow).optional();
    }

    @Override
    public List<CustomRole> roles(String namespace, RoleKind kind) {
        return jdbc.sql("""
                        select %s from custom_roles
                        where (cast(? as text) is null or namespace = ? or kind = 'ClusterRole')
                          and (cast(? as text) is null or kind = ?)
                        order by kind, namespace, name""".formatted(ROLE_COLUMNS))
                .params(namespace, namespace, kind == null ? null : kind.value(), kind == null ? null : kind.value())
                .query(this::roleRow).list();
    }

    @Override
    public boolean insertRole(CustomRole role) {
        return jdbc.sql("""
                        insert into custom_roles (%s) values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?)
                        on conflict (kind, namespace, name) do nothing""".formatted(ROLE_COLUMNS))
                .params(role.id(), role.kind().value(), role.namespace() == null ? "" : role.namespace(), role.name(),
                        role.description(), json.writeValueAsString(role.rules()), role.requestId(), role.createdBy(),
                        Timestamp.from(role.createdAt()), Timestamp.from(role.updatedAt()))
                .update() == 1;
    }

    @Override
    public void updateRole(CustomRole role) {
        jdbc.sql("update custom_roles set description = ?, rules = cast(? as jsonb), request_id = ?, updated_at = ? where id = ?")
                .params(role.description(), json.writeValueAsString(role.rules()), role.requestId(),
                        Timestamp.from(role.updatedAt()), role.id())
                .update();
    }

    @Override
    public void deleteRole(String id) {
        jdbc.sql("delete from custom_roles where id = ?").param(id).update();
    }

    @Override
    public Optional<Assignment> assignment(String id) {
        return jdbc.sql("select " + ASSIGNMENT_COLUMNS + " from assignments where id = ?").param(id)
                .query(JdbcAccessStore::assignment).optional();
    }

    @Override
    public List<Assignment> assignments(String namespace) {
        return jdbc.sql("select " + ASSIGNMENT_COLUMNS
                        + " from assignments where cast(? as text) is null or namespace = ? order by namespace, role_binding")
                .params(namespace, namespace).query(JdbcAccessStore::assignment).list();
    }

    @Override
    public List<Assignment> assignmentsOf(RoleKind kind, String namespace, String name) {
        return jdbc.sql("""
                        select %s from assignments
                        where role_kind = ? and role_name = ? and (cast(? as text) is null or namespace = ?)
                        order by namespace, role_binding""".formatted(ASSIGNMENT_COLUMNS))
                .params(kind.value(), name, namespace, namespace).query(JdbcAccessStore::assignment).list();
    }

    @Override
    public boolean insertAssignment(Assignment assignment) {
        return jdbc.sql("""
                        insert into assignments (%s) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""".formatted(ASSIGNMENT_COLUMNS))
                .params(assignment.id(), assignment.namespace(), assignment.roleKind().value(), assignment.roleName(),
                        assignment.subjectKind().value(), assignment.subjectName(), assignment.roleBinding(),
                        assignment.requestId(), assignment.createdBy(), Timestamp.from(assignment.createdAt()))
                .update() == 1;
    }

    @Override
    public void deleteAssignment(String id) {
        jdbc.sql("delete from assignments where id = ?").param(id).update();
    }

    @Override
    public Optional<CustomRole> tryLockRole(String id) {
        return jdbc.sql("select " + ROLE_COLUMNS + " from custom_roles where id = ? for update skip locked").param(id)
                .query(this::roleRow).optional();
    }

    @Override
    public Optional<Assignment> tryLockAssignment(String id) {
        return jdbc.sql("select " + ASSIGNMENT_COLUMNS + " from assignments where id = ? for update skip locked").param(id)
                .query(JdbcAccessStore::assignment).optional();
    }

    @Override
    public Optional<CustomRole> lockRole(String id) {
        return waitingForLock(() -> jdbc.sql("select " + ROLE_COLUMNS + " from custom_roles where id = ? for update")
                .param(id).query(this::roleRow).optional());
    }

    @Override
    public Optional<Assignment> lockAssignment(String id) {
        return waitingForLock(() -> jdbc.sql("select " + ASSIGNMENT_COLUMNS + " from assignments where id = ? for update")
                .param(id).query(JdbcAccessStore::assignment).optional());
    }

    /** Waits at most {@link #LOCK_WAIT} for the row (the transaction's lock_timeout), then reports it as busy. */
    private <T> Optional<T> waitingForLock(java.util.function.Supplier<Optional<T>> select) {
        jdbc.sql("set local lock_timeout = '" + LOCK_WAIT.toMillis() + "ms'").update();
        try {
            return select.get();
        } catch (org.springframework.dao.PessimisticLockingFailureException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean markHandled(String eventId, String type, String requestId, Instant at) {
        return jdbc.sql("""
                        insert into handled_events (event_id, type, request_id, handled_at) values (?, ?, ?, ?)
                        on conflict (event_id) do nothing""")
                .params(eventId, type, requestId, Timestamp.from(at)).update() == 1;
    }

    private CustomRole roleRow(ResultSet row, int index) throws SQLException {
        String namespace = row.getString("namespace");
        return new CustomRole(row.getString("id"), RoleKind.fromValue(row.getString("kind")).orElseThrow(),
                namespace == null || namespace.isEmpty() ? null : namespace, row.getString("name"),
                row.getString("description"), json.readValue(row.getString("rules"), RULES), row.getString("request_id"),
                row.getString("created_by"), row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private static Assignment assignment(ResultSet row, int index) throws SQLException {
        return new Assignment(row.getString("id"), row.getString("namespace"),
                RoleKind.fromValue(row.getString("role_kind")).orElseThrow(), row.getString("role_name"),
                SubjectKind.fromValue(row.getString("subject_kind")).orElseThrow(), row.getString("subject_name"),
                row.getString("role_binding"), row.getString("request_id"), row.getString("created_by"),
                row.getTimestamp("created_at").toInstant());
    }
}
