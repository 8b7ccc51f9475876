package io.platform.rbac.messaging;

import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.outbox.JdbcOutbox;
import io.platform.outbox.OutboxRelay;
import io.platform.rbac.config.RbacProperties;
import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.AccessStore;
import io.platform.rbac.domain.Assignment;
import io.platform.rbac.domain.BindingStore;
import io.platform.rbac.domain.ClusterRefusedException;
import io.platform.rbac.domain.ClusterUnavailableException;
import io.platform.rbac.domain.CustomRole;
import io.platform.rbac.domain.FieldViolation;
import io.platform.rbac.domain.ManagedBinding;
import io.platform.rbac.domain.Permissions;
import io.platform.rbac.domain.RbacCluster;
import io.platform.rbac.domain.RoleKind;
import io.platform.rbac.domain.RoleRules;
import io.platform.rbac.domain.SubjectKind;
import io.platform.rbac.domain.TeamBinding;
import io.platform.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RBAC API's operations: custom roles, assignments and effective permissions. Every change runs in one database
 * transaction holding the record (locked), the Kubernetes write (create-or-update; records are written before the
 * cluster so drift repair, which locks records, never fights a change in flight) and its event in the outbox; the
 * relay publishes it after the commit. A refusal of the API server rolls everything back.
 */
@Component
public class AccessService {

    private static final Logger log = LoggerFactory.getLogger(AccessService.class);

    private final AccessStore access;
    private final BindingStore bindings;
    private final RbacCluster cluster;
    private final RoleRules rules;
    private final JdbcOutbox outbox;
    private final OutboxRelay relay;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Set<String> assignableClusterRoles;
    private final RbacEvents events;

    public AccessService(AccessStore access, BindingStore bindings, RbacCluster cluster, RoleRules rules, JdbcOutbox outbox,
                         OutboxRelay relay, TransactionTemplate transactions, Clock clock, RbacProperties properties,
                         PlatformKafkaProperties kafka) {
        this.access = access;
        this.bindings = bindings;
        this.cluster = cluster;
        this.rules = rules;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.clock = clock;
        this.assignableClusterRoles = Set.copyOf(properties.assignableClusterRoles());
        this.events = new RbacEvents(kafka.source());
    }

    /** The result of a change: what it left and the request id its events carry. */
    public record Change<T>(T value, String requestId, boolean created) {
    }

    // -------------------------------------------------------------------------------------------------------- roles

    public Change<CustomRole> createRole(String kind, String name, String namespace, String description,
                                         List<AccessRule> roleRules, String actor) {
        List<FieldViolation> violations = new ArrayList<>(rules.validateRole(kind, name, namespace, description, roleRules));
        RoleKind roleKind = RoleKind.fromValue(kind).orElse(null);
        String roleNamespace = roleKind == RoleKind.ROLE ? namespace : null;
        if (violations.isEmpty() && roleKind == RoleKind.ROLE && !managed(namespace)) {
            violations.add(unknownNamespace("namespace", namespace));
        }
        if (!violations.isEmpty()) {
            throw new AccessException(AccessException.Kind.INVALID, "the role is invalid", violations);
        }
        String requestId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        CustomRole role = new CustomRole(UUID.randomUUID().toString(), roleKind, roleNamespace, name, description,
                roleRules, requestId, actor, now, now);
        write(() -> {
            if (access.role(roleKind, roleNamespace, name).isPresent() || !access.insertRole(role)) {
                throw new AccessException(AccessException.Kind.CONFLICT, role.reference()
                        + (roleNamespace == null ? "" : " in namespace " + roleNamespace) + " exists already");
            }
            if (cluster.existsUnmanaged(roleKind, roleNamespace, name)) {
                throw new AccessException(AccessException.Kind.CONFLICT, role.reference()
                        + " exists in the cluster and is not managed by the platform; it is never taken over");
            }
            cluster.applyRole(role);
            emit(Topics.RBAC_EVENTS.name(), RbacEvents.keyOf(role), events.roleCreated(role, actor));
            return role;
        });
        log.info("{} created {}{} (request {})", actor, role.reference(),
                roleNamespace == null ? "" : " in " + roleNamespace, requestId);
        return new Change<>(role, requestId, true);
    }

    public Change<CustomRole> updateRole(String id, String description, List<AccessRule> roleRules, String actor) {
        CustomRole current = access.role(id).orElseThrow(() -> notFound("role " + id));
        List<FieldViolation> violations = new ArrayList<>(rules.validateRules(current.kind(), roleRules));
        if (description != null && description.length() > 256) {
            violations.add(new FieldViolation("description", "size", "must be at most 256 characters"));
        }
        if (!violations.isEmpty()) {
            throw new AccessException(AccessException.Kind.INVALID, "the rules are invalid", violations);
        }
        String requestId = UUID.randomUUID().toString();
        CustomRole changed = write(() -> {
            CustomRole locked = access.lockRole(id).orElseThrow(() -> new AccessException(
                    AccessException.Kind.CONFLICT, "role " + id + " is being changed; try again"));
            CustomRole next = locked.withRules(description != null ? description : locked.description(), roleRules,
                    requestId, clock.instant());
            access.updateRole(next);
            cluster.applyRole(next);
            emit(Topics.RBAC_EVENTS.name(), RbacEvents.keyOf(next), events.roleCreated(next, actor));
            return next;
        });
        return new Change<>(changed, requestId, false);
    }

    /** Deletes a role with every assignment of it. */
    public Change<CustomRole> deleteRole(String id, String actor) {
        CustomRole current = access.role(id).orElseThrow(() -> notFound("role " + id));
        String requestId = UUID.randomUUID().toString();
        write(() -> {
            CustomRole locked = access.lockRole(id).orElseThrow(() -> new AccessException(
                    AccessException.Kind.CONFLICT, "role " + id + " is being changed; try again"));
            Instant now = clock.instant();
            for (Assignment assignment : access.assignmentsOf(locked.kind(), locked.namespace(), locked.name())) {
                revokeInside(assignment, requestId, actor, now);
            }
            access.deleteRole(id);
            cluster.removeRole(locked.kind(), locked.namespace(), locked.name());
            emit(Topics.RBAC_EVENTS.name(), RbacEvents.keyOf(locked), events.roleDeleted(locked, requestId, actor, now));
            return locked;
        });
        return new Change<>(current, requestId, false);
    }

    public Optional<CustomRole> role(String id) {
        return access.role(id);
    }

    public List<CustomRole> roles(String namespace, RoleKind kind) {
        return access.roles(namespace, kind);
    }

    // -------------------------------------------------------------------------------------------------- assignments

    /** Gives a subject a role in a namespace; the same assignment again answers the existing one. */
    public Change<Assignment> assign(String namespace, String roleKind, String roleName, String subjectKind,
                                     String subjectName, String actor) {
        List<FieldViolation> violations = new ArrayList<>(rules.validateAssignment(namespace, roleKind, roleName,
                subjectKind, subjectName));
        if (violations.isEmpty() && !managed(namespace)) {
            violations.add(unknownNamespace("namespace", namespace));
        }
        RoleKind kind = RoleKind.fromValue(roleKind).orElse(null);
        if (violations.isEmpty() && !assignable(kind, namespace, roleName)) {
            violations.add(new FieldViolation("role.name", "unknown-role", kind == RoleKind.ROLE
                    ? "there is no custom Role '" + roleName + "' in namespace " + namespace
                    : "'" + roleName + "' is neither a custom ClusterRole nor one of the assignable built-in ClusterRoles "
                    + assignableClusterRoles));
        }
        if (!violations.isEmpty()) {
            throw new AccessException(AccessException.Kind.INVALID, "the assignment is invalid", violations);
        }
        String requestId = UUID.randomUUID().toString();
        Assignment assignment = Assignment.of(namespace, kind, roleName, SubjectKind.fromValue(subjectKind).orElseThrow(),
                subjectName, requestId, actor, clock.instant());
        Optional<Assignment> existing = access.assignment(assignment.id());
        if (existing.isPresent()) {
            return new Change<>(existing.get(), existing.get().requestId(), false);
        }
        Assignment made = write(() -> {
            if (!access.insertAssignment(assignment)) {
                return access.assignment(assignment.id()).orElseThrow();
            }
            cluster.applyAssignment(assignment);
            emit(Topics.RBAC_EVENTS.name(), namespace, events.roleAssigned(assignment));
            return assignment;
        });
        log.info("{} assigned {} to {} {} in {} (request {})", actor, made.roleReference(), made.subjectKind().value(),
                made.subjectName(), namespace, made.requestId());
        return new Change<>(made, made.requestId(), made == assignment);
    }

    public Change<Assignment> revoke(String id, String actor) {
        Assignment current = access.assignment(id).orElseThrow(() -> notFound("assignment " + id));
        String requestId = UUID.randomUUID().toString();
        write(() -> {
            Assignment locked = access.lockAssignment(id).orElseThrow(() -> new AccessException(
                    AccessException.Kind.CONFLICT, "assignment " + id + " is being changed; try again"));
            revokeInside(locked, requestId, actor, clock.instant());
            return locked;
        });
        return new Change<>(current, requestId, false);
    }

    public List<Assignment> assignments(String namespace) {
        return access.assignments(namespace);
    }

    // -------------------------------------------------------------------------------------------------- permissions

    /**
     * What {@code subject} (with the given groups) may do in {@code namespace} through the bindings the platform
     * manages there: the team binding and the assignments.
     */
    public List<Permissions.Grant> grants(SubjectKind kind, String subject, List<String> groups, String namespace) {
        List<Permissions.Grant> grants = new ArrayList<>();
        for (ManagedBinding managed : bindings.list(namespace)) {
            TeamBinding binding = managed.binding();
            if (Permissions.applies(SubjectKind.GROUP, binding.subjectGroup(), kind, subject, groups)) {
                grants.add(grant(binding.name(), "team", RoleKind.CLUSTER_ROLE, binding.clusterRole(), namespace,
                        SubjectKind.GROUP, binding.subjectGroup()));
            }
        }
        for (Assignment assignment : access.assignments(namespace)) {
            if (Permissions.applies(assignment.subjectKind(), assignment.subjectName(), kind, subject, groups)) {
                grants.add(grant(assignment.roleBinding(), "assignment:" + assignment.id(), assignment.roleKind(),
                        assignment.roleName(), namespace, assignment.subjectKind(), assignment.subjectName()));
            }
        }
        return grants;
    }

    /** Whether rbac-service manages the namespace (it bound its team). */
    public boolean managed(String namespace) {
        return !bindings.list(namespace).isEmpty();
    }

    private Permissions.Grant grant(String binding, String source, RoleKind kind, String roleName, String namespace,
                                    SubjectKind subjectKind, String subjectName) {
        Optional<CustomRole> custom = access.role(kind, kind == RoleKind.ROLE ? namespace : null, roleName);
        if (custom.isPresent()) {
            return new Permissions.Grant(binding, source, kind, roleName, subjectKind, subjectName, true, custom.get().rules());
        }
        Optional<List<AccessRule>> builtIn = Optional.empty();
        if (kind == RoleKind.CLUSTER_ROLE) {
            try {
                builtIn = cluster.clusterRoleRules(roleName);
            } catch (ClusterUnavailableException | ClusterRefusedException e) {
                log.info("rules of ClusterRole {} unknown: {}", roleName, e.getMessage());
            }
        }
        return new Permissions.Grant(binding, source, kind, roleName, subjectKind, subjectName, builtIn.isPresent(),
                builtIn.orElse(List.of()));
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    private void revokeInside(Assignment assignment, String requestId, String actor, Instant now) {
        access.deleteAssignment(assignment.id());
        cluster.removeBinding(assignment.namespace(), assignment.roleBinding());
        emit(Topics.RBAC_EVENTS.name(), assignment.namespace(), events.roleRevoked(assignment, requestId, actor, now));
    }

    private boolean assignable(RoleKind kind, String namespace, String roleName) {
        if (kind == RoleKind.ROLE) {
            return access.role(RoleKind.ROLE, namespace, roleName).isPresent();
        }
        return assignableClusterRoles.contains(roleName) || access.role(RoleKind.CLUSTER_ROLE, null, roleName).isPresent();
    }

    private void emit(String topic, String key, SpecificRecord event) {
        outbox.add(topic, key, event, clock.instant());
    }

    /** Runs a change in one transaction, maps the API server's failures, and publishes its events after the commit. */
    private <T> T write(Supplier<T> change) {
        try {
            T result = transactions.execute(status -> change.get());
            relay.flush();
            return result;
        } catch (ClusterRefusedException refused) {
            throw new AccessException(AccessException.Kind.CLUSTER_REFUSED, refused.getMessage());
        } catch (ClusterUnavailableException unavailable) {
            throw new AccessException(AccessException.Kind.UNAVAILABLE, unavailable.getMessage());
        }
    }

    private static AccessException notFound(String what) {
        return new AccessException(AccessException.Kind.NOT_FOUND, what + " does not exist");
    }

    private static FieldViolation unknownNamespace(String field, String namespace) {
        return new FieldViolation(field, "unknown-namespace", "'" + namespace
                + "' is not a namespace the platform manages (or it is being deleted)");
    }
}
