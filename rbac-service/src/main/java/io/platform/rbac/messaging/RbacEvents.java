package io.platform.rbac.messaging;

import io.platform.events.Envelope;
import io.platform.events.namespace.DriftCorrected;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RbacRemoved;
import io.platform.events.rbac.PolicyRule;
import io.platform.events.rbac.RoleAssigned;
import io.platform.events.rbac.RoleCreated;
import io.platform.events.rbac.RoleDeleted;
import io.platform.events.rbac.RoleRevoked;
import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.Assignment;
import io.platform.rbac.domain.CustomRole;
import io.platform.rbac.domain.RoleKind;
import io.platform.schemas.EventEnvelopes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events rbac-service publishes besides the answers to {@code NamespaceProvisioned} ({@link RbacAnswers}): role and
 * assignment changes on {@code platform.rbac.events.v1} (key: the namespace, or {@code cluster} for a ClusterRole), the
 * answers to a deletion and drift corrections on {@code platform.namespace.events.v1}. Event ids are derived from the
 * request and what changed, so a change re-queued after a redelivery is the same event.
 */
final class RbacEvents {

    static final String CLUSTER_KEY = "cluster";

    private final String source;

    RbacEvents(String source) {
        this.source = source;
    }

    static String keyOf(CustomRole role) {
        return role.kind() == RoleKind.ROLE ? role.namespace() : CLUSTER_KEY;
    }

    private Envelope envelope(String requestId, String step, String actor, Instant at) {
        return EventEnvelopes.derived(requestId, step, actor, source, at);
    }

    RoleCreated roleCreated(CustomRole role, String actor) {
        return RoleCreated.newBuilder()
                .setEnvelope(envelope(role.requestId(), "role-created/" + role.id(), actor, role.updatedAt()))
                .setRoleName(role.name())
                .setRoleKind(role.kind().value())
                .setNamespace(role.namespace())
                .setRules(role.rules().stream().map(RbacEvents::policyRule).toList())
                .build();
    }

    RoleDeleted roleDeleted(CustomRole role, String requestId, String actor, Instant at) {
        return RoleDeleted.newBuilder()
                .setEnvelope(envelope(requestId, "role-deleted/" + role.id(), actor, at))
                .setRoleName(role.name())
                .setRoleKind(role.kind().value())
                .setNamespace(role.namespace())
                .build();
    }

    RoleAssigned roleAssigned(Assignment assignment) {
        return RoleAssigned.newBuilder()
                .setEnvelope(envelope(assignment.requestId(), "role-assigned/" + assignment.id(), assignment.createdBy(),
                        assignment.createdAt()))
                .setAssignmentId(assignment.id())
                .setNamespace(assignment.namespace())
                .setRoleName(assignment.roleName())
                .setRoleKind(assignment.roleKind().value())
                .setSubjectKind(assignment.subjectKind().value())
                .setSubjectName(assignment.subjectName())
                .setRoleBinding(assignment.roleBinding())
                .build();
    }

    RoleRevoked roleRevoked(Assignment assignment, String requestId, String actor, Instant at) {
        return RoleRevoked.newBuilder()
                .setEnvelope(envelope(requestId, "role-revoked/" + assignment.id(), actor, at))
                .setAssignmentId(assignment.id())
                .setNamespace(assignment.namespace())
                .setRoleName(assignment.roleName())
                .setSubjectKind(assignment.subjectKind().value())
                .setSubjectName(assignment.subjectName())
                .build();
    }

    /** The answer to {@code NamespaceDeletionStarted} with event id {@code triggerEventId}. */
    RbacRemoved rbacRemoved(String namespace, List<String> objects, String requestId, String triggerEventId, String actor,
                            Instant at) {
        return RbacRemoved.newBuilder()
                .setEnvelope(envelope(requestId, "rbac-removed/" + triggerEventId, actor, at))
                .setName(namespace)
                .setObjects(new ArrayList<>(objects))
                .build();
    }

    /** Bindings could not be removed for a deletion. */
    RbacFailed removalFailed(String namespace, String reason, String requestId, String triggerEventId, String actor,
                             Instant at) {
        return RbacFailed.newBuilder()
                .setEnvelope(envelope(requestId, "rbac-removal-failed/" + triggerEventId, actor, at))
                .setName(namespace)
                .setReason(reason)
                .setRetryable(false)
                .build();
    }

    DriftCorrected driftCorrected(String namespace, String requestId, String kind, String objectName, String change,
                                  Instant at) {
        return DriftCorrected.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, source, source, at))
                .setName(namespace == null ? "" : namespace)
                .setObjectKind(kind)
                .setObjectName(objectName)
                .setChange(change)
                .build();
    }

    private static PolicyRule policyRule(AccessRule rule) {
        return PolicyRule.newBuilder()
                .setApiGroups(new ArrayList<>(rule.apiGroups()))
                .setResources(new ArrayList<>(rule.resources()))
                .setVerbs(new ArrayList<>(rule.verbs()))
                .setResourceNames(new ArrayList<>(rule.resourceNames()))
                .build();
    }
}
