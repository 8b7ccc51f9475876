package io.platform.provisioning.domain;

import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one create request: an immutable value, each transition returns the next state. {@code updatedAt} is
 * the moment of the last transition; the events announcing it carry it as {@code occurredAt}, so re-publishing after
 * a redelivery yields identical events.
 *
 * @param step              the last step reached ({@link SagaSteps}); for a failed saga the failing step
 * @param objects           Kubernetes objects the request wrote, as {@code Kind/name}
 * @param podSecurityLevel  the Pod Security Admission level applied, once policies are applied
 */
public record ProvisioningSaga(
        String requestId,
        NamespaceSpecification spec,
        String actor,
        SagaStatus status,
        String step,
        List<Violation> violations,
        List<String> objects,
        String podSecurityLevel,
        Failure failure,
        Instant createdAt,
        Instant updatedAt) {

    public ProvisioningSaga {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(spec);
        Objects.requireNonNull(actor);
        Objects.requireNonNull(status);
        Objects.requireNonNull(step);
        violations = List.copyOf(violations);
        objects = List.copyOf(objects);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(updatedAt);
    }

    /** A valid request whose name is claimed: nothing written yet. */
    public static ProvisioningSaga accepted(String requestId, NamespaceSpecification spec, String actor, Instant now) {
        return new ProvisioningSaga(requestId, spec, actor, SagaStatus.PENDING, SagaSteps.ACCEPTED, List.of(), List.of(),
                null, null, now, now);
    }

    /** An invalid request, answered with its violations; nothing is written. */
    public static ProvisioningSaga rejected(String requestId, NamespaceSpecification spec, String actor,
                                            List<Violation> violations, Instant now) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejection names at least one violation");
        }
        return new ProvisioningSaga(requestId, spec, actor, SagaStatus.REJECTED, SagaSteps.REJECTED, violations,
                List.of(), null, null, now, now);
    }

    public String name() {
        return spec.name();
    }

    public String team() {
        return spec.team();
    }

    /** A pending request that turns out invalid after all (its name is taken). */
    public ProvisioningSaga reject(List<Violation> reasons, Instant now) {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a rejection names at least one violation");
        }
        return moveTo(SagaStatus.REJECTED, SagaSteps.REJECTED, reasons, objects, podSecurityLevel, null, now);
    }

    /**
     * Namespace, quota, limits, policies and features are written. Repeating it while still provisioning (a
     * redelivered request re-ran the writes) keeps the original transition time so the re-published events are
     * identical.
     */
    public ProvisioningSaga provisioned(List<String> written, String level, Instant now) {
        if (status == SagaStatus.PROVISIONING) {
            return new ProvisioningSaga(requestId, spec, actor, status, SagaSteps.POLICIES, violations, written, level,
                    failure, createdAt, updatedAt);
        }
        return moveTo(SagaStatus.PROVISIONING, SagaSteps.POLICIES, violations, written, level, null, now);
    }

    /** The team's RBAC is in place: the namespace is usable. */
    public ProvisioningSaga ready(Instant now) {
        return moveTo(SagaStatus.READY, SagaSteps.READY, violations, objects, podSecurityLevel, null, now);
    }

    /** A step failed for good; what the request created has been removed. */
    public ProvisioningSaga failed(String failedStep, String reason, Instant now) {
        return moveTo(SagaStatus.FAILED, failedStep, violations, List.of(), podSecurityLevel,
                new Failure(failedStep, reason), now);
    }

    private ProvisioningSaga moveTo(SagaStatus target, String newStep, List<Violation> newViolations, List<String> newObjects,
                                    String level, Failure newFailure, Instant now) {
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(requestId, status, target);
        }
        return new ProvisioningSaga(requestId, spec, actor, target, newStep, newViolations, newObjects, level, newFailure,
                createdAt, now);
    }
}
