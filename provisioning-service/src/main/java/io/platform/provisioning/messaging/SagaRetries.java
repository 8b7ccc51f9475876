package io.platform.provisioning.messaging;

import io.platform.provisioning.domain.ManagedNamespace;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.rules.Violation;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * An admin's retry of a failed request: the same request id runs its saga again as a new attempt (fresh deadline,
 * events with new ids). What can be decided from the platform's records is checked at once (the request failed, its
 * namespace name is free again, the team's limits still hold, the namespace of a day-2 request is READY); the saga
 * itself then runs in the background.
 */
@Component
public class SagaRetries implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SagaRetries.class);

    private final SagaSupport saga;
    private final SagaSupervisor supervisor;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "saga-retry");
        thread.setDaemon(true);
        return thread;
    });

    public SagaRetries(SagaSupport saga, SagaSupervisor supervisor) {
        this.saga = saga;
        this.supervisor = supervisor;
    }

    /** Why a retry is refused. */
    public static class RetryRefusedException extends RuntimeException {

        /** How the refusal maps onto an answer. */
        public enum Kind { NOT_FOUND, CONFLICT }

        private final Kind kind;
        private final List<Violation> violations;

        RetryRefusedException(Kind kind, String message, List<Violation> violations) {
            super(message);
            this.kind = kind;
            this.violations = List.copyOf(violations);
        }

        public Kind kind() {
            return kind;
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /**
     * Puts a failed request back to PENDING as its next attempt and starts it.
     *
     * @throws RetryRefusedException when the request does not exist or cannot be retried now
     */
    public ProvisioningSaga retry(String requestId) {
        ProvisioningSaga retried = saga.transactions.execute(status -> {
            ProvisioningSaga current = saga.store.lock(requestId).orElseThrow(() -> new RetryRefusedException(
                    RetryRefusedException.Kind.NOT_FOUND, "request " + requestId + " does not exist", List.of()));
            if (current.status() != SagaStatus.FAILED) {
                throw new RetryRefusedException(RetryRefusedException.Kind.CONFLICT, "request " + requestId + " is "
                        + current.status() + "; only a FAILED request can be retried", List.of());
            }
            ProvisioningSaga next = current.retried(saga.now());
            switch (current.type()) {
                case CREATE -> reclaim(next);
                case UPDATE -> requireNamespace(next, false);
                case DELETE -> requireNamespace(next, true);
            }
            saga.store.update(next);
            saga.store.markCleanupPending(requestId, false);
            return next;
        });
        log.info("request {} ({} of namespace {}) retried as attempt {}", requestId, retried.type(), retried.name(),
                retried.attempt());
        runner.submit(() -> {
            try {
                supervisor.drive(requestId);
            } catch (RuntimeException e) {
                log.info("retried request {} did not finish yet ({}); the supervisor resumes it", requestId, e.getMessage());
            }
        });
        return retried;
    }

    private void reclaim(ProvisioningSaga next) {
        saga.store.lockTeam(next.team());
        Optional<TierInfo> tier = saga.catalog.tier(next.spec().tier());
        if (tier.isEmpty()) {
            throw new RetryRefusedException(RetryRefusedException.Kind.CONFLICT, "tier '" + next.spec().tier()
                    + "' is no longer defined in the catalog", List.of(new Violation("tier", "unknown-tier",
                    "'" + next.spec().tier() + "' is no longer a tier of the catalog")));
        }
        List<Violation> overLimit = saga.teamLimitViolations(next.team(), next.name(), tier.get(), true);
        if (!overLimit.isEmpty()) {
            throw new RetryRefusedException(RetryRefusedException.Kind.CONFLICT, "the retry would exceed a limit of team '"
                    + next.team() + "'", overLimit);
        }
        List<FeatureInfo> features = new ArrayList<>();
        next.spec().features().forEach(name -> saga.catalog.feature(name).ifPresent(features::add));
        Optional<String> owner = saga.store.claimName(ManagedNamespace.claimedBy(next, tier.get(), features));
        if (owner.isPresent()) {
            throw new RetryRefusedException(RetryRefusedException.Kind.CONFLICT, "namespace '" + next.name()
                    + "' is owned by request " + owner.get() + " now", List.of());
        }
    }

    private void requireNamespace(ProvisioningSaga next, boolean deletion) {
        Optional<ManagedNamespace> record = saga.store.lockNamespace(next.name());
        boolean ready = record.isPresent() && record.get().status() == SagaStatus.READY;
        boolean resumableDeletion = deletion && record.isPresent() && record.get().status() == SagaStatus.DELETING
                && next.requestId().equals(record.get().lastRequestId());
        if (!ready && !resumableDeletion) {
            throw new RetryRefusedException(RetryRefusedException.Kind.CONFLICT, "namespace '" + next.name() + "' is "
                    + record.map(ns -> ns.status().name()).orElse("not managed by the platform")
                    + "; the request can be retried once it is READY", List.of());
        }
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}
