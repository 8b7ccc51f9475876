package io.platform.provisioning.messaging;

import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.EventPublisher.Outgoing;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.provisioning.config.ProvisioningProperties;
import io.platform.provisioning.domain.Cluster;
import io.platform.provisioning.domain.ClusterRefusedException;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.Rejections;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaSteps;
import io.platform.provisioning.domain.SagaStore;
import io.platform.rules.NamespaceRequestValidator;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import io.platform.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the create saga. The order of every handler is: decide and write (Kubernetes, create-or-update) under the
 * saga's row lock, commit the new state to PostgreSQL, then publish the step's events with derived ids. A crash or a
 * failed publish anywhere means the record is delivered again and the same decision is reached from the stored
 * state, the idempotent writes run again and the identical events are published again.
 *
 * <p>Transient failures ({@code ClusterUnavailableException}, {@code EventPublishException}, database errors,
 * {@link CatalogUnavailableException}) propagate to the platform's error handler, which retries with back-off.
 */
@Component
public class ProvisioningSagaHandler {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningSagaHandler.class);

    private final SagaStore store;
    private final Cluster cluster;
    private final CatalogReplica catalog;
    private final NamespaceRequestValidator validator;
    private final PolicySettings settings;
    private final EventPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration catalogWait;
    private final SagaEvents events;

    public ProvisioningSagaHandler(SagaStore store, Cluster cluster, CatalogReplica catalog,
                                   NamespaceRequestValidator validator, PolicySettings settings, EventPublisher publisher,
                                   TransactionTemplate transactions, Clock clock, ProvisioningProperties properties,
                                   PlatformKafkaProperties kafka) {
        this.store = store;
        this.cluster = cluster;
        this.catalog = catalog;
        this.validator = validator;
        this.settings = settings;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
        this.catalogWait = properties.catalogWait();
        this.events = new SagaEvents(kafka.source());
    }

    /** A create request, new or delivered again. */
    public void onNamespaceRequested(NamespaceRequested request) {
        Envelope envelope = request.getEnvelope();
        String requestId = SagaEvents.requestIdOf(envelope);
        NamespaceSpecification spec = SagaEvents.toSpecification(request.getSpec());
        ProvisioningSaga saga = store.find(requestId).orElseGet(() -> accept(requestId, spec, envelope.getActor()));
        switch (saga.status()) {
            case PENDING, PROVISIONING -> provision(requestId);
            case REJECTED -> announce(saga, null);
            case FAILED -> announce(saga, null);
            case READY -> log.info("request {} for namespace {} is already ready; nothing to do", requestId, saga.name());
        }
    }

    /** Judges a new request: the shared rules, then the name, which a live request may own already. */
    private ProvisioningSaga accept(String requestId, NamespaceSpecification spec, String actor) {
        awaitCatalog();
        List<Violation> violations = validator.validateCreate(spec, catalog);
        if (!violations.isEmpty()) {
            ProvisioningSaga rejected = ProvisioningSaga.rejected(requestId, spec, actor, violations, now());
            log.info("rejecting request {} for namespace {}: {}", requestId, spec.name(), violations);
            return store.insert(rejected) ? rejected : store.find(requestId).orElseThrow();
        }
        return transactions.execute(status -> {
            ProvisioningSaga accepted = ProvisioningSaga.accepted(requestId, spec, actor, now());
            if (!store.insert(accepted)) {
                return store.find(requestId).orElseThrow();
            }
            Optional<String> owner = store.claimName(accepted);
            if (owner.isPresent()) {
                log.info("rejecting request {}: namespace {} is owned by request {}", requestId, spec.name(), owner.get());
                ProvisioningSaga rejected = accepted.reject(List.of(Rejections.nameTaken(spec.name())), now());
                store.update(rejected);
                return rejected;
            }
            return accepted;
        });
    }

    /** Runs (or runs again) the namespace and policies steps of a request in progress. */
    private void provision(String requestId) {
        awaitCatalog();
        Outcome outcome = transactions.execute(status -> {
            ProvisioningSaga saga = store.lock(requestId).orElseThrow();
            if (!saga.status().isInProgress()) {
                return new Outcome(saga, null);
            }
            try {
                if (saga.status() == SagaStatus.PENDING) {
                    Optional<Violation> taken = cluster.findNamespace(saga.name()).flatMap(existing ->
                            existing.terminating() ? Optional.of(Rejections.beingDeleted(saga.name()))
                                    : existing.createdBy(requestId) ? Optional.empty()
                                    : Optional.of(Rejections.existsInCluster(saga.name())));
                    if (taken.isPresent()) {
                        log.info("rejecting request {}: {}", requestId, taken.get().message());
                        ProvisioningSaga rejected = saga.reject(List.of(taken.get()), now());
                        store.update(rejected);
                        return new Outcome(rejected, null);
                    }
                }
                DesiredObjects desired = desiredObjects(saga);
                cluster.applyNamespace(desired);
                cluster.applyPolicies(desired);
                ProvisioningSaga provisioned = saga.provisioned(desired.allObjects(), desired.podSecurityLevel().value(), now());
                store.update(provisioned);
                return new Outcome(provisioned, desired);
            } catch (ClusterRefusedException refused) {
                log.warn("request {} failed at step {}: {}", requestId, refused.step(), refused.reason());
                String reason = refused.reason() + compensate(saga);
                ProvisioningSaga failed = saga.failed(refused.step(), reason, now());
                store.update(failed);
                return new Outcome(failed, null);
            }
        });
        announce(outcome.saga(), outcome.desired());
    }

    /** rbac-service bound the team: the last step of the saga. */
    public void onRbacApplied(RbacApplied applied) {
        String requestId = applied.getEnvelope().getRequestId();
        ProvisioningSaga saga = transactions.execute(status -> {
            Optional<ProvisioningSaga> found = store.lock(requestId);
            if (found.isEmpty() || !found.get().name().equals(applied.getName())) {
                return null;
            }
            ProvisioningSaga current = found.get();
            if (current.status() != SagaStatus.PROVISIONING) {
                return current;
            }
            ProvisioningSaga ready = current.ready(now());
            store.update(ready);
            return ready;
        });
        if (saga == null) {
            log.info("ignoring RbacApplied for namespace {}: no request {} of this service", applied.getName(), requestId);
        } else if (saga.status() == SagaStatus.READY) {
            publisher.publish(Topics.NAMESPACE_EVENTS, saga.name(), events.ready(saga));
        } else {
            log.info("ignoring RbacApplied for request {} in status {}", requestId, saga.status());
        }
    }

    /** rbac-service could not bind the team: remove what the request created and fail it. */
    public void onRbacFailed(RbacFailed rbacFailed) {
        String requestId = rbacFailed.getEnvelope().getRequestId();
        ProvisioningSaga saga = transactions.execute(status -> {
            Optional<ProvisioningSaga> found = store.lock(requestId);
            if (found.isEmpty() || !found.get().name().equals(rbacFailed.getName())) {
                return null;
            }
            ProvisioningSaga current = found.get();
            if (!current.status().isInProgress()) {
                return current;
            }
            String reason = "rbac-service could not bind the team: " + rbacFailed.getReason() + compensate(current);
            ProvisioningSaga failed = current.failed(SagaSteps.RBAC, reason, now());
            store.update(failed);
            return failed;
        });
        if (saga == null) {
            log.info("ignoring RbacFailed for namespace {}: no request {} of this service", rbacFailed.getName(), requestId);
        } else if (saga.status() == SagaStatus.FAILED) {
            announce(saga, null);
        } else {
            log.warn("ignoring RbacFailed for request {} in status {}", requestId, saga.status());
        }
    }

    /** Requests this version does not carry out yet are refused, so that nothing is silently dropped. */
    public void rejectUnsupported(SpecificRecord request, Envelope envelope, String name) {
        String type = request.getSchema().getFullName();
        String requestId = SagaEvents.requestIdOf(envelope);
        log.info("rejecting {} {} for namespace {}: not supported yet", request.getSchema().getName(), requestId, name);
        publisher.publish(Topics.NAMESPACE_EVENTS, name, events.rejected(requestId, envelope.getActor(), name, type,
                List.of(Rejections.notSupportedYet(request.getSchema().getName())), now()));
    }

    private void announce(ProvisioningSaga saga, DesiredObjects desired) {
        switch (saga.status()) {
            case REJECTED -> publisher.publish(Topics.NAMESPACE_EVENTS, saga.name(), events.rejected(saga));
            case FAILED -> publisher.publish(Topics.NAMESPACE_EVENTS, saga.name(), events.failed(saga));
            case PROVISIONING -> publisher.publishAll(List.of(
                    new Outgoing(Topics.NAMESPACE_EVENTS, saga.name(), events.provisioned(saga, desired)),
                    new Outgoing(Topics.NAMESPACE_EVENTS, saga.name(), events.policiesApplied(saga, desired))));
            case PENDING, READY -> log.debug("nothing to announce for request {} in status {}", saga.requestId(), saga.status());
        }
    }

    /** What the request's spec yields with the catalog as it is now; a tier or feature gone from it fails the request. */
    private DesiredObjects desiredObjects(ProvisioningSaga saga) {
        NamespaceSpecification spec = saga.spec();
        TierInfo tier = catalog.tier(spec.tier()).orElseThrow(() -> new ClusterRefusedException(SagaSteps.QUOTA,
                "tier '" + spec.tier() + "' is no longer defined in the catalog", null));
        List<FeatureInfo> features = new ArrayList<>();
        for (String name : spec.features()) {
            features.add(catalog.feature(name).orElseThrow(() -> new ClusterRefusedException(SagaSteps.FEATURES,
                    "feature '" + name + "' is no longer defined in the catalog", null)));
        }
        return DesiredObjects.of(spec, tier, features, settings, saga.requestId(), saga.actor());
    }

    /**
     * Removes what the request created. A transient failure propagates (the whole handler is retried); a refusal is
     * recorded in the failure reason, since nothing more can be done about it here.
     */
    private String compensate(ProvisioningSaga saga) {
        try {
            cluster.remove(saga.name(), saga.requestId());
            return "";
        } catch (ClusterRefusedException refused) {
            log.error("compensation of request {} incomplete: {}", saga.requestId(), refused.reason());
            return " (clean-up incomplete: " + refused.reason() + ")";
        }
    }

    /** Right after start-up the catalog replica may still be reading the catalog topic. */
    private void awaitCatalog() {
        long deadline = System.nanoTime() + catalogWait.toNanos();
        while (!catalog.isLoaded()) {
            if (System.nanoTime() > deadline) {
                throw new CatalogUnavailableException("the catalog replica holds no tier after " + catalogWait);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private record Outcome(ProvisioningSaga saga, DesiredObjects desired) {
    }
}
