package io.platform.provisioning.messaging;

import io.platform.provisioning.config.ProvisioningProperties;
import io.platform.provisioning.domain.ClusterUnavailableException;
import io.platform.provisioning.domain.ManagedNamespace;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.RequestType;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaSteps;
import io.platform.provisioning.metrics.SagaMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The background sweep of the saga, safe with several replicas (each request is handled under its row lock, taken with
 * {@code skip locked}):
 * <ul>
 *   <li>a request still in progress after its deadline fails (step {@code deadline}, the reason names the step it
 *       was stuck at and the last transient error), compensated like any failure;</li>
 *   <li>a request in progress without a transition for {@code resume-after} is driven again (its record was
 *       dead-lettered during an outage, an admin retried it, or the process died before it ran);</li>
 *   <li>a deletion waiting for the API server to finish deleting the namespace is completed once it is gone;</li>
 *   <li>a failed request whose clean-up could not finish is cleaned up;</li>
 *   <li>the {@code active_namespaces} gauge is refreshed.</li>
 * </ul>
 */
@Component
public class SagaSupervisor {

    private static final Logger log = LoggerFactory.getLogger(SagaSupervisor.class);
    private static final int BATCH = 20;
    private static final Set<SagaStatus> IN_PROGRESS = EnumSet.of(SagaStatus.PENDING, SagaStatus.PROVISIONING,
            SagaStatus.UPDATING, SagaStatus.DELETING);

    private final SagaSupport saga;
    private final ProvisioningSagaHandler creates;
    private final NamespaceChangeHandler changes;
    private final Duration resumeAfter;

    public SagaSupervisor(SagaSupport saga, ProvisioningSagaHandler creates, NamespaceChangeHandler changes,
                          ProvisioningProperties properties) {
        this.saga = saga;
        this.creates = creates;
        this.changes = changes;
        this.resumeAfter = properties.supervisor().resumeAfter();
    }

    @Scheduled(fixedDelayString = "${platform.provisioning.supervisor.interval:5s}", initialDelayString = "5s")
    public void sweep() {
        try {
            failPastDeadline();
            resumeStalled();
            cleanUp();
            saga.metrics.refreshActive(saga.store);
        } catch (RuntimeException e) {
            log.warn("saga sweep interrupted: {}", e.getMessage());
        }
    }

    /** Fails every request whose current attempt started more than the deadline ago. */
    public void failPastDeadline() {
        Instant cutoff = saga.now().minus(saga.deadline);
        for (String requestId : saga.store.startedBefore(IN_PROGRESS, cutoff, BATCH)) {
            try {
                ProvisioningSaga outcome = saga.transactions.execute(status -> saga.store.tryLock(requestId)
                        .filter(current -> current.status().isInProgress() && current.startedAt().isBefore(cutoff))
                        .map(this::failAtDeadline)
                        .orElse(null));
                if (outcome != null) {
                    saga.committed(outcome);
                }
            } catch (RuntimeException e) {
                log.warn("request {}: could not fail it at its deadline yet: {}", requestId, e.getMessage());
            }
        }
    }

    private ProvisioningSaga failAtDeadline(ProvisioningSaga current) {
        String reason = "not finished within the deadline of " + saga.deadline + "; stuck at step " + current.step()
                + saga.store.lastError(current.requestId()).map(error -> "; last error: " + error).orElse("");
        log.warn("request {} ({} of namespace {}) failed: {}", current.requestId(), current.type(), current.name(), reason);
        return switch (current.type()) {
            case CREATE -> creates.fail(current, SagaSteps.DEADLINE, reason);
            case UPDATE -> {
                Optional<ManagedNamespace> record = saga.store.lockNamespace(current.name());
                String cleanUp = record.filter(ns -> ns.status() == SagaStatus.READY)
                        .map(ns -> changes.revert(current, ns)).orElse("");
                ProvisioningSaga failed = current.failed(SagaSteps.DEADLINE, reason + cleanUp, saga.now());
                saga.store.update(failed);
                if (cleanUp.contains("pending")) {
                    saga.store.markCleanupPending(current.requestId(), true);
                }
                saga.announce(failed);
                saga.metrics.outcome(failed.spec(), SagaMetrics.OUTCOME_FAILED);
                yield failed;
            }
            case DELETE -> changes.failDeletion(current, SagaSteps.DEADLINE, reason);
        };
    }

    /** Drives requests that made no progress for a while again. */
    public void resumeStalled() {
        Instant cutoff = saga.now().minus(resumeAfter);
        for (String requestId : saga.store.idleSince(EnumSet.of(SagaStatus.PENDING, SagaStatus.DELETING), cutoff, BATCH)) {
            try {
                drive(requestId);
            } catch (RuntimeException e) {
                log.info("request {}: resuming failed, trying again later: {}", requestId, e.getMessage());
            }
        }
    }

    /** Runs whatever a request in progress needs next. */
    public void drive(String requestId) {
        Optional<ProvisioningSaga> found = saga.store.find(requestId);
        if (found.isEmpty() || !found.get().status().isInProgress()) {
            return;
        }
        ProvisioningSaga current = found.get();
        if (current.type() == RequestType.CREATE) {
            creates.provision(requestId);
        } else if (current.type() == RequestType.UPDATE) {
            changes.update(requestId);
        } else if (current.status() == SagaStatus.PENDING
                || SagaSteps.NAMESPACE_TERMINATING.equals(current.step())) {
            changes.delete(requestId);
        }
    }

    /** Finishes clean-ups of failed requests that could not finish when they failed. */
    public void cleanUp() {
        for (String requestId : saga.store.cleanupPending(BATCH)) {
            try {
                saga.transactions.executeWithoutResult(status -> saga.store.tryLock(requestId)
                        .filter(current -> current.status() == SagaStatus.FAILED)
                        .ifPresent(current -> {
                            String result = switch (current.type()) {
                                case CREATE -> creates.compensate(current);
                                case UPDATE -> saga.store.lockNamespace(current.name())
                                        .filter(ns -> ns.status() == SagaStatus.READY)
                                        .map(ns -> changes.revert(current, ns)).orElse("");
                                case DELETE -> "";
                            };
                            if (!result.contains("pending")) {
                                saga.store.markCleanupPending(requestId, false);
                                log.info("clean-up of failed request {} finished{}", requestId, result);
                            }
                        }));
            } catch (ClusterUnavailableException e) {
                log.info("clean-up of request {} still pending: {}", requestId, e.getMessage());
            } catch (RuntimeException e) {
                log.warn("clean-up of request {} failed: {}", requestId, e.getMessage());
            }
        }
    }
}
