package io.platform.provisioning.messaging;

import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.provisioning.domain.Cluster;
import io.platform.provisioning.domain.ClusterRefusedException;
import io.platform.provisioning.domain.ClusterUnavailableException;
import io.platform.provisioning.domain.ManagedNamespace;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.Rejections;
import io.platform.provisioning.domain.RequestType;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaSteps;
import io.platform.provisioning.metrics.SagaMetrics;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import io.platform.rules.catalog.FeatureInfo;
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
 * Runs the create saga: namespace (with labels and annotations), quota and limits → policies (Pod Security labels,
 * NetworkPolicy) and features → RBAC (rbac-service answers {@code NamespaceProvisioned}) → ready.
 *
 * <p>Every handler decides and writes (Kubernetes, create-or-update) under the saga's row lock, commits the new state
 * together with the events announcing it (transactional outbox), and then has the relay publish them. A crash anywhere
 * before the commit means the record is delivered again, the idempotent writes run again and the same decision is
 * reached; after the commit the events are in the outbox and go out exactly as committed.
 *
 * <p>Transient failures ({@code ClusterUnavailableException} after the bounded in-process retries, database errors,
 * {@link CatalogUnavailableException}) propagate to the platform's error handler, which retries with back-off; a
 * request that is not finished within its deadline is failed and compensated by {@link SagaSupervisor}.
 */
@Component
public class ProvisioningSagaHandler {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningSagaHandler.class);

    private final SagaSupport saga;
    private final Cluster cluster;

    public ProvisioningSagaHandler(SagaSupport saga, Cluster cluster) {
        this.saga = saga;
        this.cluster = cluster;
    }

    /** A create request, new or delivered again. */
    public void onNamespaceRequested(NamespaceRequested request) {
        Envelope envelope = request.getEnvelope();
        String requestId = SagaEvents.requestIdOf(envelope);
        NamespaceSpecification spec = SagaEvents.toSpecification(request.getSpec());
        ProvisioningSaga current = saga.store.find(requestId).orElseGet(() -> accept(requestId, spec, envelope.getActor()));
        if (current.type() != RequestType.CREATE) {
            log.warn("ignoring NamespaceRequested {}: the request id belongs to a {} request", requestId, current.type());
            return;
        }
        if (current.status().isInProgress()) {
            provision(requestId);
        } else {
            log.info("request {} for namespace {} is {} already; nothing to do", requestId, current.name(), current.status());
        }
    }

    /** Judges a new request: the shared rules, the team's limits, then the name, which a live request may own. */
    private ProvisioningSaga accept(String requestId, NamespaceSpecification spec, String actor) {
        saga.awaitCatalog();
        long start = System.nanoTime();
        List<Violation> violations = saga.validator.validateCreate(spec, saga.catalog);
        ProvisioningSaga decided = saga.transactions.execute(status -> {
            if (!violations.isEmpty()) {
                ProvisioningSaga rejected = ProvisioningSaga.rejected(requestId, spec, actor, violations, saga.now());
                log.info("rejecting request {} for namespace {}: {}", requestId, spec.name(), violations);
                return insertRejected(rejected);
            }
            saga.store.lockTeam(spec.team());
            ProvisioningSaga accepted = ProvisioningSaga.accepted(requestId, spec, actor, saga.now());
            if (!saga.store.insert(accepted)) {
                return saga.store.find(requestId).orElseThrow();
            }
            TierInfo tier = saga.catalog.tier(spec.tier()).orElseThrow();
            List<Violation> overLimit = saga.teamLimitViolations(spec.team(), spec.name(), tier, true);
            if (!overLimit.isEmpty()) {
                log.info("rejecting request {} for namespace {}: {}", requestId, spec.name(), overLimit);
                return rejectPending(accepted, overLimit);
            }
            List<FeatureInfo> features = new ArrayList<>();
            spec.features().forEach(name -> saga.catalog.feature(name).ifPresent(features::add));
            Optional<String> owner = saga.store.claimName(ManagedNamespace.claimedBy(accepted, tier, features));
            if (owner.isPresent()) {
                log.info("rejecting request {}: namespace {} is owned by request {}", requestId, spec.name(), owner.get());
                return rejectPending(accepted, List.of(Rejections.nameTaken(spec.name())));
            }
            return accepted;
        });
        saga.metrics.step(SagaSteps.ACCEPTED, Duration.ofNanos(System.nanoTime() - start));
        if (decided.status() == SagaStatus.REJECTED && decided.requestId().equals(requestId)) {
            saga.committed(decided);
        }
        return decided;
    }

    private ProvisioningSaga insertRejected(ProvisioningSaga rejected) {
        if (!saga.store.insert(rejected)) {
            return saga.store.find(rejected.requestId()).orElseThrow();
        }
        saga.announce(rejected);
        saga.metrics.outcome(rejected.spec(), SagaMetrics.OUTCOME_REJECTED);
        return rejected;
    }

    private ProvisioningSaga rejectPending(ProvisioningSaga pending, List<Violation> violations) {
        ProvisioningSaga rejected = pending.reject(violations, saga.now());
        saga.store.update(rejected);
        saga.announce(rejected);
        saga.metrics.outcome(rejected.spec(), SagaMetrics.OUTCOME_REJECTED);
        return rejected;
    }

    /** Runs (or runs again) the namespace and policies steps of a request in progress. */
    public void provision(String requestId) {
        saga.awaitCatalog();
        Instant startedAt = saga.store.find(requestId).map(ProvisioningSaga::startedAt).orElse(null);
        ProvisioningSaga outcome = saga.retry.run(requestId, startedAt, () -> saga.transactions.execute(status -> {
            ProvisioningSaga current = saga.store.lock(requestId).orElseThrow();
            if (current.type() != RequestType.CREATE || !current.status().isInProgress()) {
                return current;
            }
            if (current.status() == SagaStatus.PENDING) {
                Optional<Violation> taken = cluster.findNamespace(current.name()).flatMap(existing ->
                        existing.terminating() ? Optional.of(Rejections.beingDeleted(current.name()))
                                : existing.createdBy(requestId) ? Optional.empty()
                                : Optional.of(Rejections.existsInCluster(current.name())));
                if (taken.isPresent()) {
                    log.info("rejecting request {}: {}", requestId, taken.get().message());
                    ProvisioningSaga rejected = rejectPending(current, List.of(taken.get()));
                    namespaceStatus(rejected);
                    return rejected;
                }
            }
            try {
                SagaSupport.Resolved resolved = saga.resolve(current.spec(), requestId, current.actor(), SagaSteps.QUOTA);
                saga.metrics.timed(SagaSteps.NAMESPACE, () -> cluster.applyNamespace(resolved.desired()));
                saga.checkpoints.afterClusterWrite(current, SagaSteps.NAMESPACE);
                saga.metrics.timed(SagaSteps.POLICIES, () -> cluster.applyPolicies(resolved.desired()));
                saga.checkpoints.afterClusterWrite(current, SagaSteps.POLICIES);
                ProvisioningSaga provisioned = current.provisioned(resolved.desired().allObjects(),
                        resolved.desired().podSecurityLevel().value(), saga.now());
                saga.store.update(provisioned);
                saga.store.lockNamespace(current.name()).filter(ns -> ns.isOwnedBy(requestId)).ifPresent(ns ->
                        saga.store.saveNamespace(ns.applied(provisioned.spec(), resolved.tier(), resolved.features(),
                                SagaStatus.PROVISIONING, requestId, provisioned.updatedAt())));
                saga.emit(provisioned.name(), saga.events.provisioned(provisioned, resolved.desired()),
                        saga.events.policiesApplied(provisioned, resolved.desired()));
                return provisioned;
            } catch (ClusterRefusedException refused) {
                log.warn("request {} failed at step {}: {}", requestId, refused.step(), refused.reason());
                return fail(current, refused.step(), refused.reason());
            }
        }));
        saga.committed(outcome);
    }

    /** rbac-service bound the team: the last step of the saga. */
    public void onRbacApplied(RbacApplied applied) {
        String requestId = applied.getEnvelope().getRequestId();
        ProvisioningSaga outcome = saga.transactions.execute(status -> {
            Optional<ProvisioningSaga> found = saga.store.lock(requestId);
            if (found.isEmpty() || !found.get().name().equals(applied.getName())
                    || found.get().type() != RequestType.CREATE) {
                return null;
            }
            ProvisioningSaga current = found.get();
            if (current.status() != SagaStatus.PROVISIONING) {
                return current;
            }
            ProvisioningSaga ready = current.ready(saga.now());
            saga.store.update(ready);
            namespaceStatus(ready);
            saga.emit(ready.name(), saga.events.ready(ready));
            saga.metrics.step(SagaSteps.RBAC, Duration.between(current.updatedAt(), ready.updatedAt()));
            saga.metrics.outcome(ready.spec(), SagaMetrics.OUTCOME_READY);
            return ready;
        });
        if (outcome == null) {
            log.info("ignoring RbacApplied for namespace {}: no create request {} of this service", applied.getName(),
                    requestId);
            return;
        }
        saga.committed(outcome);
    }

    /** rbac-service could not bind the team: remove what the request created and fail it. */
    public void onRbacFailed(RbacFailed rbacFailed) {
        String requestId = rbacFailed.getEnvelope().getRequestId();
        ProvisioningSaga outcome = saga.transactions.execute(status -> {
            Optional<ProvisioningSaga> found = saga.store.lock(requestId);
            if (found.isEmpty() || !found.get().name().equals(rbacFailed.getName())
                    || found.get().type() != RequestType.CREATE) {
                return null;
            }
            ProvisioningSaga current = found.get();
            if (!current.status().isInProgress()) {
                return current;
            }
            return fail(current, SagaSteps.RBAC, "rbac-service could not bind the team: " + rbacFailed.getReason());
        });
        if (outcome == null) {
            log.info("ignoring RbacFailed for namespace {}: no create request {} of this service", rbacFailed.getName(),
                    requestId);
            return;
        }
        saga.committed(outcome);
    }

    /**
     * Fails a create request in progress (inside the caller's transaction): removes what it created, frees the name,
     * announces {@code NamespaceProvisioningFailed}. A clean-up the API server refuses is named in the reason; one it
     * cannot do now (unavailable) is left to the supervisor, which retries it.
     */
    ProvisioningSaga fail(ProvisioningSaga current, String step, String reason) {
        String cleanUp = compensate(current);
        ProvisioningSaga failed = current.failed(step, reason + cleanUp, saga.now());
        saga.store.update(failed);
        if (!cleanUp.isEmpty() && cleanUp.contains("pending")) {
            saga.store.markCleanupPending(current.requestId(), true);
        }
        namespaceStatus(failed);
        saga.announce(failed);
        saga.metrics.outcome(failed.spec(), SagaMetrics.OUTCOME_FAILED);
        return failed;
    }

    /**
     * Removes what the request created. Returns what to add to the failure reason: nothing when it is all gone.
     */
    String compensate(ProvisioningSaga current) {
        try {
            saga.metrics.timed(SagaSteps.COMPENSATION, () -> cluster.remove(current.name(), current.requestId()));
            return "";
        } catch (ClusterRefusedException refused) {
            log.error("compensation of request {} incomplete: {}", current.requestId(), refused.reason());
            return " (clean-up incomplete: " + refused.reason() + ")";
        } catch (ClusterUnavailableException unavailable) {
            log.warn("compensation of request {} deferred: {}", current.requestId(), unavailable.getMessage());
            return " (clean-up pending, retried in the background: " + unavailable.getMessage() + ")";
        }
    }

    /** The namespace record follows its create request's status (only while this request owns the name). */
    private void namespaceStatus(ProvisioningSaga current) {
        saga.store.lockNamespace(current.name()).filter(ns -> ns.isOwnedBy(current.requestId())).ifPresent(ns ->
                saga.store.saveNamespace(ns.withStatus(current.status(), current.requestId(), current.updatedAt())));
    }
}
