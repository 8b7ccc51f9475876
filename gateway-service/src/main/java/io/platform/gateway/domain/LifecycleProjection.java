package io.platform.gateway.domain;

import io.platform.gateway.domain.LifecycleFact.Deleted;
import io.platform.gateway.domain.LifecycleFact.DeletionStarted;
import io.platform.gateway.domain.LifecycleFact.PoliciesApplied;
import io.platform.gateway.domain.LifecycleFact.Provisioned;
import io.platform.gateway.domain.LifecycleFact.ProvisioningFailed;
import io.platform.gateway.domain.LifecycleFact.RbacApplied;
import io.platform.gateway.domain.LifecycleFact.RbacFailed;
import io.platform.gateway.domain.LifecycleFact.RbacRemoved;
import io.platform.gateway.domain.LifecycleFact.Ready;
import io.platform.gateway.domain.LifecycleFact.Rejected;
import io.platform.gateway.domain.LifecycleFact.Requested;
import io.platform.gateway.domain.LifecycleFact.Updated;
import io.platform.rules.NamespaceSpecification;
import java.util.Optional;

/**
 * How each fact changes the read model, as pure functions of the current state. Facts of one namespace arrive in order
 * per topic, but a request (request topic) and its outcome (events topic) may arrive in either order, and any fact may
 * arrive twice; the rules are written so that every order gives the same result:
 * <ul>
 *   <li>a request's status only moves forward ({@link LifecycleStatus#canAdvanceTo});</li>
 *   <li>the request itself only fills in what is still unknown;</li>
 *   <li>steps are keyed by name, so a repeated step replaces itself.</li>
 * </ul>
 */
public final class LifecycleProjection {

    /** The request's state after the fact; a request not seen before starts from the fact. */
    public NamespaceRequest applyToRequest(Optional<NamespaceRequest> current, LifecycleFact fact) {
        NamespaceRequest request = current.orElseGet(() ->
                NamespaceRequest.firstSeen(fact.requestId(), typeOf(fact), fact.name(), fact.occurredAt()));
        return apply(request, fact).touchedAt(fact.occurredAt());
    }

    private static NamespaceRequest apply(NamespaceRequest request, LifecycleFact fact) {
        if (fact instanceof Requested requested) {
            return request.withOrigin(requested.type(), requested.spec(), requested.changes(), requested.actor(),
                    requested.source(), requested.occurredAt());
        }
        if (fact instanceof Provisioned provisioned) {
            NamespaceRequest known = request.spec() == null ? request.withSpec(provisioned.spec()) : request;
            return known.withStep(completed(RequestStep.NAMESPACE, fact, provisioned.objects().isEmpty() ? null
                            : "created " + String.join(", ", provisioned.objects())))
                    .withStatus(LifecycleStatus.PROVISIONING);
        }
        if (fact instanceof PoliciesApplied policies) {
            return request.withStep(completed(RequestStep.POLICIES, fact, "network policy " + policies.networkPolicy()
                            + ", pod security " + policies.podSecurityLevel()))
                    .withStatus(LifecycleStatus.PROVISIONING);
        }
        if (fact instanceof RbacApplied rbac) {
            return request.withTeam(rbac.team())
                    .withStep(completed(RequestStep.RBAC, fact, "RoleBinding " + rbac.roleBinding()))
                    .withStatus(LifecycleStatus.PROVISIONING);
        }
        if (fact instanceof RbacFailed rbacFailed) {
            return request.withStep(new RequestStep(RequestStep.RBAC, StepOutcome.FAILED, fact.occurredAt(),
                    rbacFailed.reason()));
        }
        if (fact instanceof Ready ready) {
            return request.withSpec(ready.spec())
                    .withStep(completed(RequestStep.READY, fact, null))
                    .withStatus(LifecycleStatus.READY);
        }
        if (fact instanceof Rejected rejected) {
            if (!request.status().canAdvanceTo(LifecycleStatus.REJECTED)) {
                return request;
            }
            return request.withViolations(rejected.violations()).withStatus(LifecycleStatus.REJECTED);
        }
        if (fact instanceof ProvisioningFailed failed) {
            if (!request.status().canAdvanceTo(LifecycleStatus.FAILED)) {
                return request;
            }
            return request.withStep(new RequestStep(failed.step(), StepOutcome.FAILED, fact.occurredAt(), failed.reason()))
                    .withFailure(new Failure(failed.step(), failed.reason(), failed.retryable()))
                    .withStatus(LifecycleStatus.FAILED);
        }
        if (fact instanceof Updated updated) {
            NamespaceRequest known = request.type() == RequestType.UPDATE ? request : request.withSpec(updated.spec());
            return known.withStep(completed(RequestStep.UPDATED, fact, null)).withStatus(LifecycleStatus.READY);
        }
        if (fact instanceof Deleted deleted) {
            return request.withTeam(deleted.team())
                    .withStep(completed(RequestStep.DELETED, fact, null))
                    .withStatus(LifecycleStatus.DELETED);
        }
        if (fact instanceof DeletionStarted started) {
            return request.withTeam(started.team())
                    .withStep(completed(RequestStep.DELETION_STARTED, fact, started.reason()))
                    .withStatus(LifecycleStatus.DELETING);
        }
        if (fact instanceof RbacRemoved removed) {
            return request.withStep(completed(RequestStep.RBAC_REMOVED, fact, removed.objects().isEmpty() ? null
                    : "removed " + String.join(", ", removed.objects())));
        }
        throw new IllegalArgumentException("unknown fact " + fact);
    }

    /**
     * The namespace's state after the fact, given the request's state after it ({@link #applyToRequest}); empty means
     * the namespace has no row (never existed, or a rejected request's placeholder was removed).
     */
    public Optional<Namespace> applyToNamespace(Optional<Namespace> current, LifecycleFact fact, NamespaceRequest request) {
        if (fact instanceof Requested requested && requested.type() != RequestType.CREATE) {
            // A still-open day-2 request marks a READY namespace as being changed or removed.
            boolean marks = request.status() == LifecycleStatus.PENDING
                    && current.map(existing -> existing.status() == LifecycleStatus.READY).orElse(false);
            return marks ? current.map(existing -> existing.withStatus(dayTwoStatus(requested.type()), fact.occurredAt()))
                    : current;
        }
        if (fact instanceof Requested requested) {
            // Only a still-open create request claims the name: a request already answered must not re-claim it.
            boolean claims = requested.type() == RequestType.CREATE && requested.spec() != null
                    && request.status() == LifecycleStatus.PENDING
                    && current.map(existing -> existing.status().releasesName()).orElse(true);
            return claims ? Optional.of(Namespace.pending(requested.spec(), requested.requestId(), fact.occurredAt())) : current;
        }
        if (fact instanceof Provisioned provisioned) {
            // provisioning-service decides who owns a name: the request it provisioned takes it
            if (current.isPresent() && current.get().isOwnedBy(fact.requestId())
                    && current.get().status() == LifecycleStatus.READY) {
                return current;
            }
            return Optional.of(take(current, provisioned.spec(), LifecycleStatus.PROVISIONING, fact));
        }
        if (fact instanceof Ready ready) {
            return Optional.of(take(current, ready.spec(), LifecycleStatus.READY, fact));
        }
        if ((fact instanceof Rejected || fact instanceof ProvisioningFailed) && request.type() != RequestType.CREATE) {
            // a day-2 request that was refused or failed leaves the namespace as it was before it
            return current.map(existing -> existing.status() == dayTwoStatus(request.type())
                    ? existing.withStatus(LifecycleStatus.READY, fact.occurredAt()) : existing);
        }
        if (fact instanceof Rejected) {
            // the placeholder of a create request that never got a namespace goes away; anything else stays
            boolean placeholder = current.isPresent() && current.get().isOwnedBy(fact.requestId())
                    && current.get().status() == LifecycleStatus.PENDING;
            return placeholder ? Optional.empty() : current;
        }
        if (fact instanceof ProvisioningFailed) {
            return current.map(existing -> existing.isOwnedBy(fact.requestId()) && !existing.status().releasesName()
                    ? existing.withStatus(LifecycleStatus.FAILED, fact.occurredAt()) : existing);
        }
        if (fact instanceof Updated updated) {
            if (current.isPresent() && current.get().status() == LifecycleStatus.DELETED) {
                return current;
            }
            if (current.isPresent() && current.get().status() == LifecycleStatus.DELETING) {
                // an earlier change completed while a deletion is already under way: keep the deletion visible
                return Optional.of(current.get().with(updated.spec(), LifecycleStatus.DELETING, current.get().requestId(),
                        fact.occurredAt()));
            }
            return Optional.of(current
                    .map(existing -> existing.with(updated.spec(), LifecycleStatus.READY, existing.requestId(), fact.occurredAt()))
                    .orElseGet(() -> new Namespace(fact.name(), updated.spec().team(), updated.spec(), LifecycleStatus.READY,
                            fact.requestId(), fact.occurredAt(), fact.occurredAt())));
        }
        if (fact instanceof Deleted) {
            return current.map(existing -> existing.withStatus(LifecycleStatus.DELETED, fact.occurredAt()));
        }
        if (fact instanceof DeletionStarted) {
            // the deletion is under way even if its request was not read yet
            return current.map(existing -> existing.status() == LifecycleStatus.READY
                    || existing.status() == LifecycleStatus.UPDATING
                    ? existing.withStatus(LifecycleStatus.DELETING, fact.occurredAt()) : existing);
        }
        // PoliciesApplied, RbacApplied, RbacFailed: steps of the request only
        return current;
    }

    /** The request's namespace from now on; a name another request held before starts a new namespace. */
    private static Namespace take(Optional<Namespace> current, NamespaceSpecification spec, LifecycleStatus status,
                                  LifecycleFact fact) {
        return current.filter(existing -> existing.isOwnedBy(fact.requestId()))
                .map(existing -> existing.with(spec, status, fact.requestId(), fact.occurredAt()))
                .orElseGet(() -> new Namespace(fact.name(), spec.team(), spec, status, fact.requestId(),
                        fact.occurredAt(), fact.occurredAt()));
    }

    /** The namespace status while a day-2 request of that type is in flight. */
    static LifecycleStatus dayTwoStatus(RequestType type) {
        return type == RequestType.DELETE ? LifecycleStatus.DELETING : LifecycleStatus.UPDATING;
    }

    private static RequestStep completed(String step, LifecycleFact fact, String detail) {
        return new RequestStep(step, StepOutcome.COMPLETED, fact.occurredAt(), detail);
    }

    private static RequestType typeOf(LifecycleFact fact) {
        if (fact instanceof Requested requested) {
            return requested.type();
        }
        if (fact instanceof Rejected rejected) {
            return rejected.requestType();
        }
        if (fact instanceof Updated) {
            return RequestType.UPDATE;
        }
        if (fact instanceof Deleted || fact instanceof DeletionStarted || fact instanceof RbacRemoved) {
            return RequestType.DELETE;
        }
        return RequestType.CREATE;
    }
}
