package io.platform.provisioning.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaStore;
import io.platform.rules.Environment;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.catalog.CatalogView;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The saga's metrics, under the names the dashboards use:
 * <ul>
 *   <li>{@code namespace_provisioning_total{team,environment,tier,status}}: requests that reached READY, FAILED,
 *       REJECTED, DELETED or UPDATED (counted once, at the transition);</li>
 *   <li>{@code namespace_saga_step_seconds{step}}: how long each step took;</li>
 *   <li>{@code namespace_drift_corrections_total{kind}}: objects put back by drift repair;</li>
 *   <li>{@code active_namespaces}: namespaces that exist (provisioning, ready, updating, deleting), refreshed by the
 *       supervisor.</li>
 * </ul>
 * Tag values come from requests anyone may publish, so values that are not valid names become {@code unknown}
 * (a malformed request must not create a time series per typo).
 */
@Component
public class SagaMetrics {

    public static final String OUTCOME_READY = "READY";
    public static final String OUTCOME_FAILED = "FAILED";
    public static final String OUTCOME_REJECTED = "REJECTED";
    public static final String OUTCOME_DELETED = "DELETED";
    public static final String OUTCOME_UPDATED = "UPDATED";

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$");
    private static final String UNKNOWN = "unknown";
    private static final Set<SagaStatus> ACTIVE = Set.of(SagaStatus.PROVISIONING, SagaStatus.READY, SagaStatus.UPDATING,
            SagaStatus.DELETING);

    private final MeterRegistry registry;
    private final CatalogView catalog;
    private final AtomicLong active = new AtomicLong();

    public SagaMetrics(MeterRegistry registry, CatalogView catalog) {
        this.registry = registry;
        this.catalog = catalog;
        Gauge.builder("active.namespaces", active, AtomicLong::get)
                .description("Namespaces the platform manages that exist: provisioning, ready, updating or deleting")
                .register(registry);
    }

    /** A request reached an outcome. */
    public void outcome(NamespaceSpecification spec, String outcome) {
        Counter.builder("namespace.provisioning")
                .description("Namespace requests by outcome")
                .tag("team", name(spec == null ? null : spec.team()))
                .tag("environment", spec == null || spec.environment() == null
                        || Environment.fromValue(spec.environment()).isEmpty() ? UNKNOWN : spec.environment())
                .tag("tier", spec == null || spec.tier() == null || catalog.tier(spec.tier()).isEmpty()
                        ? UNKNOWN : spec.tier())
                .tag("status", outcome)
                .register(registry)
                .increment();
    }

    /** A step of the saga took {@code duration}. */
    public void step(String step, Duration duration) {
        Timer.builder("namespace.saga.step")
                .description("Duration of each saga step")
                .tag("step", step)
                .register(registry)
                .record(duration);
    }

    /** Times a step. */
    public <T> T timed(String step, java.util.function.Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            step(step, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    public void timed(String step, Runnable work) {
        timed(step, () -> {
            work.run();
            return null;
        });
    }

    /** Drift repair put an object of {@code kind} back. */
    public void driftCorrected(String kind) {
        Counter.builder("namespace.drift.corrections")
                .description("Managed objects put back after they were changed or deleted by hand")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    /** Reads the number of active namespaces from the platform's records. */
    public void refreshActive(SagaStore store) {
        active.set(store.countNamespaces(ACTIVE));
    }

    private static String name(String value) {
        return value != null && NAME.matcher(value).matches() ? value : UNKNOWN;
    }
}
