package io.platform.provisioning.domain;

import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one request (create, day-2 update or deletion): an immutable value, each transition returns the next
 * state. {@code updatedAt} is the moment of the last transition; the events announcing it carry it as
 * {@code occurredAt}, so re-publishing after a redelivery yields identical events.
 *
 * @param type             what the request asks for
 * @param spec             create: the requested spec; update: the namespace's full spec after the change (before the
 *                         change is accepted only the name is known); delete: the namespace's spec
 * @param step             the last step reached ({@link SagaSteps}); for a failed saga the failing step
 * @param objects          Kubernetes objects the request wrote, as {@code Kind/name}
 * @param podSecurityLevel the Pod Security Admission level applied, once policies are applied
 * @param changes          update only: the change as requested ({@code null} fields stay as they are)
 * @param changedFields    update only: the fields whose value the change actually altered
 * @param reason           delete only: why, as the request gave it
 * @param attempt          1, plus one per admin retry; events of a retried attempt get new ids
 * @param startedAt        when the current attempt started: the deadline counts from here
 */
public record ProvisioningSaga(
        String requestId,
        RequestType type,
        NamespaceSpecification spec,
        String actor,
        SagaStatus status,
        String step,
        List<Violation> violations,
        List<String> objects,
        String podSecurityLevel,
        Failure failure,
        NamespaceChanges changes,
        List<String> changedFields,
        String reason,
        int attempt,
        Instant createdAt,
        Instant startedAt,
        Instant updatedAt) {

    public ProvisioningSaga {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(spec);
        Objects.requireNonNull(actor);
        Objects.requireNonNull(status);
        Objects.requireNonNull(step);
        violations = List.copyOf(violations);
        objects = List.copyOf(objects);
        changedFields = List.copyOf(changedFields);
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(updatedAt);
    }

    /** A valid create request whose name is claimed: nothing written yet. */
    public static ProvisioningSaga accepted(String requestId, NamespaceSpecification spec, String actor, Instant now) {
        return new ProvisioningSaga(requestId, RequestType.CREATE, spec, actor, SagaStatus.PENDING, SagaSteps.ACCEPTED,
                List.of(), List.of(), null, null, null, List.of(), null, 1, now, now, now);
    }

    /** An invalid create request, answered with its violations; nothing is written. */
    public static ProvisioningSaga rejected(String requestId, NamespaceSpecification spec, String actor,
                                            List<Violation> violations, Instant now) {
        return rejected(requestId, RequestType.CREATE, spec, null, null, actor, violations, now);
    }

    /** An invalid request of any type, answered with its violations; nothing is written. */
    public static ProvisioningSaga rejected(String requestId, RequestType type, NamespaceSpecification spec,
                                            NamespaceChanges changes, String reason, String actor,
                                            List<Violation> violations, Instant now) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejection names at least one violation");
        }
        return new ProvisioningSaga(requestId, type, spec, actor, SagaStatus.REJECTED, SagaSteps.REJECTED, violations,
                List.of(), null, null, changes, List.of(), reason, 1, now, now, now);
    }

    /** A well-formed day-2 change of namespace {@code name}; whether it can be applied is decided when it runs. */
    public static ProvisioningSaga updateRequested(String requestId, String name, NamespaceChanges changes, String actor,
                                                   Instant now) {
        return new ProvisioningSaga(requestId, RequestType.UPDATE, nameOnly(name), actor, SagaStatus.PENDING,
                SagaSteps.ACCEPTED, List.of(), List.of(), null, null, Objects.requireNonNull(changes), List.of(), null,
                1, now, now, now);
    }

    /** A well-formed deletion of namespace {@code name}; whether it may be deleted is decided when it runs. */
    public static ProvisioningSaga deletionRequested(String requestId, String name, String reason, String actor,
                                                     Instant now) {
        return new ProvisioningSaga(requestId, RequestType.DELETE, nameOnly(name), actor, SagaStatus.PENDING,
                SagaSteps.ACCEPTED, List.of(), List.of(), null, null, null, List.of(), reason, 1, now, now, now);
    }

    /** A spec of which only the name is known (a day-2 request names the namespace, nothing else). */
    public static NamespaceSpecification nameOnly(String name) {
        return new NamespaceSpecification(name, null, null, null, null, null, null, null);
    }

    public String name() {
        return spec.name();
    }

    public String team() {
        return spec.team();
    }

    /** The same state, describing a spec learnt later (a day-2 request names only the namespace). */
    public ProvisioningSaga describing(NamespaceSpecification known) {
        return new ProvisioningSaga(requestId, type, Objects.requireNonNull(known), actor, status, step, violations,
                objects, podSecurityLevel, failure, changes, changedFields, reason, attempt, createdAt, startedAt, updatedAt);
    }

    /** A pending request that turns out invalid after all (name taken, team limit, namespace absent...). */
    public ProvisioningSaga reject(List<Violation> reasons, Instant now) {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a rejection names at least one violation");
        }
        return moveTo(SagaStatus.REJECTED, SagaSteps.REJECTED, spec, reasons, objects, podSecurityLevel, null,
                changedFields, now);
    }

    /**
     * Namespace, quota, limits, policies and features are written. Repeating it while still provisioning (a
     * redelivered request re-ran the writes) keeps the original transition time so the re-published events are
     * identical.
     */
    public ProvisioningSaga provisioned(List<String> written, String level, Instant now) {
        if (status == SagaStatus.PROVISIONING) {
            return with(status, SagaSteps.POLICIES, spec, written, level, failure, changedFields, updatedAt);
        }
        return moveTo(SagaStatus.PROVISIONING, SagaSteps.POLICIES, spec, violations, written, level, null, changedFields, now);
    }

    /** The team's RBAC is in place: the namespace is usable. */
    public ProvisioningSaga ready(Instant now) {
        return moveTo(SagaStatus.READY, SagaSteps.READY, spec, violations, objects, podSecurityLevel, null,
                changedFields, now);
    }

    /** A day-2 change was judged applicable: {@code newSpec} is the namespace's full spec after it. */
    public ProvisioningSaga updating(NamespaceSpecification newSpec, List<String> changed, Instant now) {
        requireType(RequestType.UPDATE);
        return moveTo(SagaStatus.UPDATING, SagaSteps.UPDATE, newSpec, violations, objects, podSecurityLevel, null,
                changed, now);
    }

    /** The day-2 change is applied in the cluster. */
    public ProvisioningSaga updated(List<String> written, String level, Instant now) {
        requireType(RequestType.UPDATE);
        return moveTo(SagaStatus.READY, SagaSteps.READY, spec, violations, written, level, null, changedFields, now);
    }

    /** The deletion was judged allowed: bindings are removed first (rbac-service), then objects and namespace. */
    public ProvisioningSaga deleting(NamespaceSpecification current, Instant now) {
        requireType(RequestType.DELETE);
        return moveTo(SagaStatus.DELETING, SagaSteps.DELETION, current, violations, objects, podSecurityLevel, null,
                changedFields, now);
    }

    /** The objects and the namespace were deleted; the API server may still be finalising the namespace. */
    public ProvisioningSaga namespaceDeleting(List<String> removed) {
        requireType(RequestType.DELETE);
        if (status != SagaStatus.DELETING) {
            throw new IllegalTransitionException(requestId, status, SagaStatus.DELETING);
        }
        return with(status, SagaSteps.NAMESPACE_TERMINATING, spec, removed, podSecurityLevel, failure, changedFields,
                updatedAt);
    }

    /** The namespace is gone from the cluster. */
    public ProvisioningSaga deleted(Instant now) {
        requireType(RequestType.DELETE);
        return moveTo(SagaStatus.DELETED, SagaSteps.DELETED, spec, violations, objects, podSecurityLevel, null,
                changedFields, now);
    }

    /** A step failed for good (or the deadline passed); what the request created has been removed. */
    public ProvisioningSaga failed(String failedStep, String failureReason, Instant now) {
        return moveTo(SagaStatus.FAILED, failedStep, spec, violations, List.of(), podSecurityLevel,
                new Failure(failedStep, failureReason), changedFields, now);
    }

    /** An admin retries a failed request: the same request id runs again as a new attempt with a fresh deadline. */
    public ProvisioningSaga retried(Instant now) {
        if (!status.canMoveTo(SagaStatus.PENDING)) {
            throw new IllegalTransitionException(requestId, status, SagaStatus.PENDING);
        }
        NamespaceSpecification restart = type == RequestType.UPDATE ? nameOnly(spec.name()) : spec;
        return new ProvisioningSaga(requestId, type, restart, actor, SagaStatus.PENDING, SagaSteps.ACCEPTED, List.of(),
                List.of(), null, null, changes, List.of(), reason, attempt + 1, createdAt, now, now);
    }

    /** The step name of an event of this saga's current attempt ({@link SagaSteps#ofAttempt}). */
    public String eventStep(String eventStep) {
        return SagaSteps.ofAttempt(eventStep, attempt);
    }

    private void requireType(RequestType expected) {
        if (type != expected) {
            throw new IllegalStateException("request " + requestId + " is a " + type + " request, not " + expected);
        }
    }

    private ProvisioningSaga moveTo(SagaStatus target, String newStep, NamespaceSpecification newSpec,
                                    List<Violation> newViolations, List<String> newObjects, String level,
                                    Failure newFailure, List<String> changed, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(requestId, status, target);
        }
        return new ProvisioningSaga(requestId, type, newSpec, actor, target, newStep, newViolations, newObjects, level,
                newFailure, changes, changed, reason, attempt, createdAt, startedAt, now);
    }

    private ProvisioningSaga with(SagaStatus newStatus, String newStep, NamespaceSpecification newSpec,
                                  List<String> newObjects, String level, Failure newFailure, List<String> changed,
                                  Instant at) {
        return new ProvisioningSaga(requestId, type, newSpec, actor, newStatus, newStep, violations, newObjects, level,
                newFailure, changes, changed, reason, attempt, createdAt, startedAt, at);
    }
}
