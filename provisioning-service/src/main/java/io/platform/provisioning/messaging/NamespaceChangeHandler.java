package io.platform.provisioning.messaging;

import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceDeletionRequested;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RbacRemoved;
import io.platform.provisioning.domain.Cluster;
import io.platform.provisioning.domain.ClusterRefusedException;
import io.platform.provisioning.domain.ClusterUnavailableException;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.ExistingNamespace;
import io.platform.provisioning.domain.ManagedNamespace;
import io.platform.provisioning.domain.NamespaceUpdate;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.Rejections;
import io.platform.provisioning.domain.RequestType;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaSteps;
import io.platform.provisioning.metrics.SagaMetrics;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import io.platform.rules.catalog.TierInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Day-2 requests: changes ({@code NamespaceUpdateRequested} → {@code NamespaceUpdated}) and deletions
 * ({@code NamespaceDeletionRequested} → {@code NamespaceDeletionStarted} → rbac-service removes its bindings and
 * answers {@code RbacRemoved} → the platform's objects and the namespace are deleted → once the API server no longer
 * has the namespace, {@code NamespaceDeleted}). Same consistency as the create saga: decide and write under the
 * request's (and the namespace record's) row lock, commit state and events together, then publish.
 */
@Component
public class NamespaceChangeHandler {

    private static final Logger log = LoggerFactory.getLogger(NamespaceChangeHandler.class);

    private final SagaSupport saga;
    private final Cluster cluster;

    public NamespaceChangeHandler(SagaSupport saga, Cluster cluster) {
        this.saga = saga;
        this.cluster = cluster;
    }

    // ---------------------------------------------------------------------------------------------------- update

    public void onUpdateRequested(NamespaceUpdateRequested request) {
        Envelope envelope = request.getEnvelope();
        String requestId = SagaEvents.requestIdOf(envelope);
        NamespaceChanges changes = new NamespaceChanges(request.getTier(), request.getNetworkPolicy(),
                request.getFeatures() == null ? null : List.copyOf(request.getFeatures()), request.getDescription(),
                request.getCostCenter());
        ProvisioningSaga current = saga.store.find(requestId)
                .orElseGet(() -> acceptUpdate(requestId, request.getName(), changes, envelope.getActor()));
        if (current.type() != RequestType.UPDATE) {
            log.warn("ignoring NamespaceUpdateRequested {}: the request id belongs to a {} request", requestId, current.type());
        } else if (current.status().isInProgress()) {
            update(requestId);
        }
    }

    /** The shared update rules (the gateway applies the same ones) and the name. */
    private ProvisioningSaga acceptUpdate(String requestId, String name, NamespaceChanges changes, String actor) {
        saga.awaitCatalog();
        List<Violation> violations = new ArrayList<>(SagaSupport.nameViolations(name));
        violations.addAll(saga.validator.validateUpdate(changes, saga.catalog));
        ProvisioningSaga decided = saga.transactions.execute(status -> {
            ProvisioningSaga candidate = violations.isEmpty()
                    ? ProvisioningSaga.updateRequested(requestId, name, changes, actor, saga.now())
                    : ProvisioningSaga.rejected(requestId, RequestType.UPDATE, ProvisioningSaga.nameOnly(name), changes,
                            null, actor, violations, saga.now());
            if (!saga.store.insert(candidate)) {
                return saga.store.find(requestId).orElseThrow();
            }
            if (candidate.status() == SagaStatus.REJECTED) {
                log.info("rejecting update {} of namespace {}: {}", requestId, name, violations);
                saga.announce(candidate);
                saga.metrics.outcome(candidate.spec(), SagaMetrics.OUTCOME_REJECTED);
            }
            return candidate;
        });
        saga.committed(decided);
        return decided;
    }

    /** Judges and applies a pending change; a refused write puts the previous state back and fails the request. */
    public void update(String requestId) {
        saga.awaitCatalog();
        Instant startedAt = saga.store.find(requestId).map(ProvisioningSaga::startedAt).orElse(null);
        ProvisioningSaga outcome = saga.retry.run(requestId, startedAt, () -> saga.transactions.execute(status -> {
            ProvisioningSaga current = saga.store.lock(requestId).orElseThrow();
            if (current.type() != RequestType.UPDATE || !current.status().isInProgress()) {
                return current;
            }
            Optional<ManagedNamespace> record = saga.store.lockNamespace(current.name());
            Optional<Violation> refusal = changeable(current.name(), record);
            if (refusal.isPresent()) {
                return reject(current, record, refusal.get());
            }
            ManagedNamespace namespace = record.get();
            NamespaceUpdate change = NamespaceUpdate.of(namespace.spec(), current.changes());
            List<Violation> violations = new ArrayList<>(saga.validator.validateUpdate(current.changes(), saga.catalog));
            if (violations.isEmpty() && change.changedFields().contains("tier")) {
                saga.store.lockTeam(namespace.team());
                TierInfo tier = saga.catalog.tier(change.spec().tier()).orElseThrow();
                violations.addAll(saga.teamLimitViolations(namespace.team(), namespace.name(), tier, false));
            }
            if (!violations.isEmpty()) {
                return reject(current, record, violations);
            }
            ProvisioningSaga updating = current.status() == SagaStatus.PENDING
                    ? current.updating(change.spec(), change.changedFields(), saga.now()) : current;
            Optional<DesiredObjects> previous = namespace.desired(saga.settings);
            try {
                SagaSupport.Resolved next = saga.resolve(updating.spec(), namespace.ownerRequestId(), namespace.actor(),
                        SagaSteps.UPDATE);
                saga.metrics.timed(SagaSteps.UPDATE, () -> cluster.applyChange(previous.orElse(null), next.desired()));
                saga.checkpoints.afterClusterWrite(updating, SagaSteps.UPDATE);
                ProvisioningSaga updated = updating.updated(next.desired().allObjects(),
                        next.desired().podSecurityLevel().value(), saga.now());
                saga.store.update(updated);
                saga.store.saveNamespace(namespace.applied(updated.spec(), next.tier(), next.features(), SagaStatus.READY,
                        requestId, updated.updatedAt()));
                saga.emit(updated.name(), saga.events.updated(updated));
                saga.metrics.outcome(updated.spec(), SagaMetrics.OUTCOME_UPDATED);
                log.info("updated namespace {} (request {}): {}", updated.name(), requestId, updated.changedFields());
                return updated;
            } catch (ClusterRefusedException refused) {
                log.warn("update {} of namespace {} failed at step {}: {}", requestId, current.name(), refused.step(),
                        refused.reason());
                String cleanUp = revert(updating, namespace);
                ProvisioningSaga failed = updating.failed(refused.step(), refused.reason() + cleanUp, saga.now());
                saga.store.update(failed);
                if (cleanUp.contains("pending")) {
                    saga.store.markCleanupPending(requestId, true);
                }
                saga.announce(failed);
                saga.metrics.outcome(namespace.spec(), SagaMetrics.OUTCOME_FAILED);
                return failed;
            }
        }));
        saga.committed(outcome);
    }

    /**
     * Compensation of a change: the namespace as its record says (the state before the change), with every key only
     * the attempted change would have set removed again.
     */
    String revert(ProvisioningSaga attempted, ManagedNamespace namespace) {
        Optional<DesiredObjects> previous = namespace.desired(saga.settings);
        if (previous.isEmpty()) {
            return "";
        }
        DesiredObjects tried = null;
        try {
            NamespaceSpecification spec = attempted.spec().team() != null ? attempted.spec()
                    : NamespaceUpdate.of(namespace.spec(), attempted.changes()).spec();
            tried = saga.resolve(spec, namespace.ownerRequestId(), namespace.actor(), SagaSteps.COMPENSATION).desired();
        } catch (RuntimeException unresolvable) {
            log.debug("attempted change of {} cannot be resolved: {}", namespace.name(), unresolvable.getMessage());
        }
        DesiredObjects attemptedObjects = tried;
        try {
            saga.metrics.timed(SagaSteps.COMPENSATION, () -> cluster.applyChange(attemptedObjects, previous.get()));
            return "";
        } catch (ClusterRefusedException refused) {
            return " (putting the previous state back was refused: " + refused.reason() + ")";
        } catch (ClusterUnavailableException unavailable) {
            return " (putting the previous state back is pending, retried in the background: " + unavailable.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------------------------------------------- delete

    public void onDeletionRequested(NamespaceDeletionRequested request) {
        Envelope envelope = request.getEnvelope();
        String requestId = SagaEvents.requestIdOf(envelope);
        ProvisioningSaga current = saga.store.find(requestId)
                .orElseGet(() -> acceptDeletion(requestId, request.getName(), request.getReason(), envelope.getActor()));
        if (current.type() != RequestType.DELETE) {
            log.warn("ignoring NamespaceDeletionRequested {}: the request id belongs to a {} request", requestId, current.type());
        } else if (current.status().isInProgress()) {
            delete(requestId);
        }
    }

    private ProvisioningSaga acceptDeletion(String requestId, String name, String reason, String actor) {
        List<Violation> violations = SagaSupport.nameViolations(name);
        ProvisioningSaga decided = saga.transactions.execute(status -> {
            ProvisioningSaga candidate = violations.isEmpty()
                    ? ProvisioningSaga.deletionRequested(requestId, name, reason, actor, saga.now())
                    : ProvisioningSaga.rejected(requestId, RequestType.DELETE, ProvisioningSaga.nameOnly(name), null,
                            reason, actor, violations, saga.now());
            if (!saga.store.insert(candidate)) {
                return saga.store.find(requestId).orElseThrow();
            }
            if (candidate.status() == SagaStatus.REJECTED) {
                saga.announce(candidate);
                saga.metrics.outcome(candidate.spec(), SagaMetrics.OUTCOME_REJECTED);
            }
            return candidate;
        });
        saga.committed(decided);
        return decided;
    }

    /**
     * Starts a pending deletion (the namespace must be READY and not protected): the request and the namespace record
     * go to DELETING and {@code NamespaceDeletionStarted} asks rbac-service to remove its bindings first. A deletion
     * waiting for the API server to finish deleting the namespace is checked again.
     */
    public void delete(String requestId) {
        Instant startedAt = saga.store.find(requestId).map(ProvisioningSaga::startedAt).orElse(null);
        ProvisioningSaga outcome = saga.retry.run(requestId, startedAt, () -> saga.transactions.execute(status -> {
            ProvisioningSaga current = saga.store.lock(requestId).orElseThrow();
            if (current.type() != RequestType.DELETE || !current.status().isInProgress()) {
                return current;
            }
            if (current.status() == SagaStatus.DELETING) {
                return SagaSteps.NAMESPACE_TERMINATING.equals(current.step()) ? completeIfGone(current) : current;
            }
            Optional<ManagedNamespace> record = saga.store.lockNamespace(current.name());
            boolean resumed = record.isPresent() && record.get().status() == SagaStatus.DELETING
                    && requestId.equals(record.get().lastRequestId());
            Optional<Violation> refusal = resumed ? Optional.empty() : changeable(current.name(), record);
            if (refusal.isPresent()) {
                return reject(current, record, refusal.get());
            }
            Optional<ExistingNamespace> existing = cluster.findNamespace(current.name());
            if (existing.isPresent() && existing.get().protectedFromDeletion()) {
                return reject(current, record, Rejections.protectedNamespace(current.name()));
            }
            ManagedNamespace namespace = record.get();
            ProvisioningSaga deleting = current.deleting(namespace.spec(), saga.now());
            saga.store.update(deleting);
            saga.store.saveNamespace(namespace.withStatus(SagaStatus.DELETING, requestId, deleting.updatedAt()));
            saga.emit(deleting.name(), saga.events.deletionStarted(deleting));
            log.info("deleting namespace {} (request {}): waiting for rbac-service to remove its bindings",
                    deleting.name(), requestId);
            return deleting;
        }));
        saga.committed(outcome);
    }

    /** rbac-service removed its bindings: delete the platform's objects and the namespace. */
    public void onRbacRemoved(RbacRemoved removed) {
        String requestId = removed.getEnvelope().getRequestId();
        Instant startedAt = saga.store.find(requestId).map(ProvisioningSaga::startedAt).orElse(null);
        ProvisioningSaga outcome = saga.retry.run(requestId, startedAt, () -> saga.transactions.execute(status -> {
            Optional<ProvisioningSaga> found = saga.store.lock(requestId);
            if (found.isEmpty() || found.get().type() != RequestType.DELETE || !found.get().name().equals(removed.getName())) {
                return null;
            }
            ProvisioningSaga current = found.get();
            if (current.status() != SagaStatus.DELETING) {
                return current;
            }
            if (SagaSteps.DELETION.equals(current.step())) {
                List<String> deleted = saga.metrics.timed(SagaSteps.DELETION, () -> cluster.deleteNamespace(current.name()));
                saga.checkpoints.afterClusterWrite(current, SagaSteps.DELETION);
                ProvisioningSaga terminating = current.namespaceDeleting(deleted);
                saga.store.update(terminating);
                return completeIfGone(terminating);
            }
            return completeIfGone(current);
        }));
        if (outcome == null) {
            log.info("ignoring RbacRemoved for namespace {}: no deletion request {} of this service", removed.getName(),
                    requestId);
            return;
        }
        saga.committed(outcome);
    }

    /** rbac-service could not remove the bindings: nothing was deleted, the namespace stays as it is. */
    public void onRbacFailed(RbacFailed rbacFailed) {
        String requestId = rbacFailed.getEnvelope().getRequestId();
        ProvisioningSaga outcome = saga.transactions.execute(status -> {
            Optional<ProvisioningSaga> found = saga.store.lock(requestId);
            if (found.isEmpty() || found.get().type() != RequestType.DELETE) {
                return null;
            }
            ProvisioningSaga current = found.get();
            if (current.status() != SagaStatus.DELETING || !SagaSteps.DELETION.equals(current.step())) {
                return current;
            }
            return failDeletion(current, SagaSteps.RBAC, "rbac-service could not remove the bindings: "
                    + rbacFailed.getReason() + "; nothing was deleted");
        });
        if (outcome != null) {
            saga.committed(outcome);
        }
    }

    /** Checks, inside the caller's transaction, whether a deletion waiting for the API server is done. */
    ProvisioningSaga completeIfGone(ProvisioningSaga current) {
        Optional<ExistingNamespace> existing = cluster.findNamespace(current.name());
        if (existing.isPresent()) {
            log.info("namespace {} is still terminating (request {})", current.name(), current.requestId());
            return current;
        }
        ProvisioningSaga deleted = current.deleted(saga.now());
        saga.store.update(deleted);
        saga.store.lockNamespace(current.name()).ifPresent(ns ->
                saga.store.saveNamespace(ns.withStatus(SagaStatus.DELETED, current.requestId(), deleted.updatedAt())));
        saga.emit(deleted.name(), saga.events.deleted(deleted));
        saga.metrics.step(SagaSteps.DELETED, Duration.between(current.startedAt(), deleted.updatedAt()));
        saga.metrics.outcome(deleted.spec(), SagaMetrics.OUTCOME_DELETED);
        log.info("namespace {} deleted (request {})", deleted.name(), deleted.requestId());
        return deleted;
    }

    /**
     * Fails a deletion inside the caller's transaction. Before anything was deleted the namespace is READY again;
     * once objects were deleted it stays DELETING (its name stays taken) until an admin retries the request.
     */
    ProvisioningSaga failDeletion(ProvisioningSaga current, String step, String reason) {
        ProvisioningSaga failed = current.failed(step, reason, saga.now());
        saga.store.update(failed);
        if (SagaSteps.DELETION.equals(current.step()) || SagaSteps.ACCEPTED.equals(current.step())) {
            saga.store.lockNamespace(current.name()).filter(ns -> current.requestId().equals(ns.lastRequestId())
                            && ns.status() == SagaStatus.DELETING)
                    .ifPresent(ns -> saga.store.saveNamespace(ns.withStatus(SagaStatus.READY, current.requestId(),
                            failed.updatedAt())));
        }
        saga.announce(failed);
        saga.metrics.outcome(current.spec(), SagaMetrics.OUTCOME_FAILED);
        return failed;
    }

    // ---------------------------------------------------------------------------------------------------- shared

    /** A day-2 request needs a namespace the platform manages that is READY. */
    private static Optional<Violation> changeable(String name, Optional<ManagedNamespace> record) {
        if (record.isEmpty() || !record.get().status().ownsName()) {
            return Optional.of(Rejections.notFound(name));
        }
        SagaStatus status = record.get().status();
        if (status == SagaStatus.PENDING || status == SagaStatus.PROVISIONING) {
            return Optional.of(Rejections.notReady(name, status));
        }
        if (status != SagaStatus.READY) {
            return Optional.of(Rejections.busy(name, status));
        }
        if (record.get().tier() == null || record.get().spec() == null) {
            return Optional.of(Rejections.notReady(name, status));
        }
        return Optional.empty();
    }

    private ProvisioningSaga reject(ProvisioningSaga current, Optional<ManagedNamespace> record, Violation violation) {
        return reject(current, record, List.of(violation));
    }

    private ProvisioningSaga reject(ProvisioningSaga current, Optional<ManagedNamespace> record, List<Violation> violations) {
        log.info("rejecting {} request {} of namespace {}: {}", current.type(), current.requestId(), current.name(), violations);
        NamespaceSpecification known = record.map(ManagedNamespace::spec).orElse(null);
        ProvisioningSaga rejected = (known == null ? current : current.describing(known)).reject(violations, saga.now());
        saga.store.update(rejected);
        saga.announce(rejected);
        saga.metrics.outcome(rejected.spec(), SagaMetrics.OUTCOME_REJECTED);
        return rejected;
    }
}
