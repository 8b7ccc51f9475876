package io.platform.provisioning.messaging;

import io.platform.provisioning.config.ProvisioningProperties;
import io.platform.provisioning.domain.ClusterUnavailableException;
import io.platform.provisioning.domain.SagaStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bounded exponential back-off for a saga step whose Kubernetes calls failed transiently (409 conflict, 429, 5xx,
 * timeouts). The step (a whole transaction of idempotent writes) runs again up to {@code attempts} times, never past
 * the request's deadline; then the failure propagates to the consumer's error handler (which retries the record a few
 * more times and dead-letters it) and the request fails once its deadline passes. Each failure is recorded, so a
 * deadline failure can name it.
 */
@Component
public class ClusterRetry {

    private static final Logger log = LoggerFactory.getLogger(ClusterRetry.class);

    private final SagaStore store;
    private final TransactionTemplate separate;
    private final Clock clock;
    private final ProvisioningProperties.KubernetesRetry settings;
    private final Duration deadline;

    public ClusterRetry(SagaStore store, PlatformTransactionManager transactionManager, Clock clock,
                        ProvisioningProperties properties) {
        this.store = store;
        this.separate = new TransactionTemplate(transactionManager);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.settings = properties.kubernetesRetry();
        this.deadline = properties.deadline();
    }

    /**
     * Runs {@code step} of request {@code requestId}, retrying it on {@link ClusterUnavailableException}.
     *
     * @param startedAt when the request's current attempt started (the deadline counts from there); {@code null} when
     *                  unknown yet
     */
    public <T> T run(String requestId, Instant startedAt, Supplier<T> step) {
        long delay = settings.initialDelay().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return step.get();
            } catch (ClusterUnavailableException e) {
                record(requestId, e.getMessage());
                Instant now = clock.instant();
                boolean pastDeadline = startedAt != null && now.plusMillis(delay).isAfter(startedAt.plus(deadline));
                if (attempt >= settings.attempts() || pastDeadline) {
                    log.warn("request {}: giving up after {} attempt(s): {}", requestId, attempt, e.getMessage());
                    throw e;
                }
                log.info("request {}: transient failure (attempt {} of {}), retrying in {} ms: {}", requestId, attempt,
                        settings.attempts(), delay, e.getMessage());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delay));
                delay = Math.min(delay * 2, settings.maxDelay().toMillis());
            }
        }
    }

    private void record(String requestId, String error) {
        try {
            separate.executeWithoutResult(status -> store.recordError(requestId, error, clock.instant()));
        } catch (RuntimeException e) {
            log.debug("could not record the error of request {}: {}", requestId, e.getMessage());
        }
    }
}
