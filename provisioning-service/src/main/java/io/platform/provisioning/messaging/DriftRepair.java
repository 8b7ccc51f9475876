package io.platform.provisioning.messaging;

import io.platform.provisioning.domain.Cluster;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.Drift;
import io.platform.provisioning.domain.DriftDetector;
import io.platform.provisioning.domain.DriftReconciler;
import io.platform.provisioning.domain.ManagedNamespace;
import io.platform.provisioning.domain.ObservedNamespace;
import io.platform.provisioning.domain.SagaStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Drift repair against the platform's own records: for a READY namespace, the objects its record stands for are
 * compared with the cluster ({@link DriftDetector}); each one deleted or changed by hand is written back and announced
 * as {@code DriftCorrected} (in the outbox, same transaction). The namespace record is locked while this runs and a
 * namespace whose record another transaction holds (a day-2 change in flight) is skipped, so drift repair never
 * undoes a change that is being applied. Since the records are the source of truth, a cluster that lost the objects
 * (the local stack's in-memory stand-in after a restart) is refilled by the first full pass.
 */
@Component
public class DriftRepair implements DriftReconciler {

    /** A namespace in one of these is checked again once its change is done. */
    private static final Set<SagaStatus> UNSETTLED = Set.of(SagaStatus.PENDING, SagaStatus.PROVISIONING, SagaStatus.UPDATING);

    private static final Logger log = LoggerFactory.getLogger(DriftRepair.class);

    private final SagaSupport saga;
    private final Cluster cluster;

    public DriftRepair(SagaSupport saga, Cluster cluster) {
        this.saga = saga;
        this.cluster = cluster;
    }

    @Override
    public boolean reconcile(String namespace) {
        try {
            List<Drift> repaired = saga.transactions.execute(status -> repair(namespace));
            if (repaired == null) {
                return false;
            }
            if (!repaired.isEmpty()) {
                saga.relay.flush();
            }
            return true;
        } catch (RuntimeException e) {
            log.warn("drift check of namespace {} failed, retried shortly: {}", namespace, e.getMessage());
            return false;
        }
    }

    @Override
    public void reconcileAll() {
        for (ManagedNamespace namespace : saga.store.namespacesWithStatus(Set.of(SagaStatus.READY))) {
            reconcile(namespace.name());
        }
    }

    /** The drifts repaired, or null when the namespace must be checked again later (busy or not settled). */
    private List<Drift> repair(String name) {
        Optional<ManagedNamespace> record = saga.store.tryLockNamespace(name);
        if (record.isEmpty()) {
            // absent (not the platform's), or held by a change in flight
            return saga.store.namespace(name).isPresent() ? null : List.of();
        }
        if (record.get().status() != SagaStatus.READY) {
            return UNSETTLED.contains(record.get().status()) ? null : List.of();
        }
        Optional<DesiredObjects> desired = record.get().desired(saga.settings);
        if (desired.isEmpty()) {
            return List.of();
        }
        ObservedNamespace observed = cluster.observe(name);
        List<Drift> drifts = DriftDetector.compare(desired.get(), observed);
        for (Drift drift : drifts) {
            cluster.repair(desired.get(), drift);
            saga.emit(name, saga.events.driftCorrected(record.get(), drift, saga.now()));
            saga.metrics.driftCorrected(drift.kind());
            log.info("drift repaired in namespace {}: {} {} {}", name, drift.kind(), drift.objectName(), drift.change());
        }
        return drifts;
    }
}
