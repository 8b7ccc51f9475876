package io.platform.provisioning.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.platform.provisioning.config.DriftProperties;
import io.platform.provisioning.domain.DriftReconciler;
import io.platform.provisioning.domain.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches what provisioning-service manages and has it repaired. Every replica takes part in a leader election
 * (fabric8 {@code LeaderElector} on a coordination.k8s.io Lease); only the leader runs informers on Namespaces,
 * ResourceQuotas, LimitRanges and NetworkPolicies labelled {@code platform.io/managed=true} and a periodic full pass.
 * A changed or deleted object queues its namespace for a repair (debounced); the full pass runs at once when a replica
 * becomes leader (which refills a cluster that lost its objects) and then every {@code resync-interval}.
 */
public class DriftWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DriftWatcher.class);

    private final KubernetesClient client;
    private final DriftReconciler reconciler;
    private final DriftProperties properties;
    private final String identity;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final int MAX_RETRIES = 120;

    private final Set<String> pending = new LinkedHashSet<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    private volatile boolean running;
    private volatile boolean leading;
    private CompletableFuture<?> election;
    private ScheduledExecutorService worker;
    private ScheduledExecutorService passWorker;
    private ScheduledFuture<?> fullPass;

    public DriftWatcher(KubernetesClient client, DriftReconciler reconciler, DriftProperties properties) {
        this.client = client;
        this.reconciler = reconciler;
        this.properties = properties;
        String host = System.getenv().getOrDefault("HOSTNAME", "local");
        this.identity = host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        running = true;
        DriftProperties.Lease lease = properties.lease();
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                        .withName(lease.name())
                        .withLock(new LeaseLock(lease.namespace(), lease.name(), identity))
                        .withLeaseDuration(lease.duration())
                        .withRenewDeadline(lease.renewDeadline())
                        .withRetryPeriod(lease.retryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading,
                                leader -> log.info("drift repair leader is {}", leader)))
                        .build())
                .build()
                .start();
        log.info("drift repair candidate {} for Lease {}/{}", identity, lease.namespace(), lease.name());
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (election != null) {
            election.cancel(true);
            election = null;
        }
        stopLeading();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the web server and the Kafka listeners
        return Integer.MAX_VALUE - 100;
    }

    /** Whether this replica repairs drift now. */
    public boolean isLeading() {
        return leading;
    }

    public String identity() {
        return identity;
    }

    private synchronized void startLeading() {
        if (leading) {
            return;
        }
        leading = true;
        log.info("{} leads drift repair: watching managed objects, full pass every {}", identity, properties.resyncInterval());
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drift-repair");
            thread.setDaemon(true);
            return thread;
        });
        ResourceEventHandler<HasMetadata> handler = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata object) {
                changed(object);
            }

            @Override
            public void onUpdate(HasMetadata before, HasMetadata after) {
                changed(after);
            }

            @Override
            public void onDelete(HasMetadata object, boolean finalStateUnknown) {
                changed(object);
            }
        };
        try {
            informers.add(client.namespaces().withLabel(Labels.MANAGED, "true").inform(cast(handler)));
            informers.add(client.resourceQuotas().inAnyNamespace().withLabel(Labels.MANAGED, "true").inform(cast(handler)));
            informers.add(client.limitRanges().inAnyNamespace().withLabel(Labels.MANAGED, "true").inform(cast(handler)));
            informers.add(client.network().v1().networkPolicies().inAnyNamespace().withLabel(Labels.MANAGED, "true")
                    .inform(cast(handler)));
        } catch (RuntimeException e) {
            log.warn("informers could not start ({}); relying on the periodic full pass", e.getMessage());
        }
        long interval = properties.resyncInterval().toMillis();
        // full passes on a thread of their own: a long refill (thousands of namespaces after a restart of an
        // in-memory cluster) must not hold back the checks the watch events ask for
        passWorker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "drift-full-pass");
            thread.setDaemon(true);
            return thread;
        });
        fullPass = passWorker.scheduleWithFixedDelay(this::fullPass, 0, interval, TimeUnit.MILLISECONDS);
    }

    private synchronized void stopLeading() {
        if (!leading) {
            return;
        }
        leading = false;
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
        if (fullPass != null) {
            fullPass.cancel(false);
        }
        if (worker != null) {
            worker.shutdownNow();
        }
        if (passWorker != null) {
            passWorker.shutdownNow();
        }
        synchronized (pending) {
            pending.clear();
            attempts.clear();
        }
        log.info("{} stopped leading drift repair", identity);
    }

    private void fullPass() {
        try {
            reconciler.reconcileAll();
        } catch (RuntimeException e) {
            log.warn("drift full pass failed: {}", e.getMessage());
        }
    }

    private void changed(HasMetadata object) {
        String namespace = object instanceof Namespace ? object.getMetadata().getName() : object.getMetadata().getNamespace();
        if (namespace == null || !leading) {
            return;
        }
        boolean schedule;
        synchronized (pending) {
            schedule = pending.isEmpty();
            pending.add(namespace);
        }
        if (schedule) {
            ScheduledExecutorService current = worker;
            if (current != null && !current.isShutdown()) {
                current.schedule(this::drain, properties.debounce().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void drain() {
        List<String> namespaces;
        synchronized (pending) {
            namespaces = new ArrayList<>(pending);
            pending.clear();
        }
        for (String namespace : namespaces) {
            if (reconciler.reconcile(namespace)) {
                synchronized (pending) {
                    attempts.remove(namespace);
                }
            } else {
                retryLater(namespace);
            }
        }
    }

    /**
     * A namespace that could not be checked (a change holds it, it is still being provisioned, or the API failed) is
     * checked again after {@link #RETRY_DELAY}, up to {@link #MAX_RETRIES} times; after that the full pass has it.
     */
    private void retryLater(String namespace) {
        int attempt;
        synchronized (pending) {
            attempt = attempts.merge(namespace, 1, Integer::sum);
            if (attempt > MAX_RETRIES) {
                attempts.remove(namespace);
                log.warn("namespace {} still not checkable after {} attempts; the next full pass checks it", namespace,
                        MAX_RETRIES);
                return;
            }
        }
        ScheduledExecutorService current = worker;
        if (leading && current != null && !current.isShutdown()) {
            current.schedule(() -> {
                boolean schedule;
                synchronized (pending) {
                    schedule = pending.isEmpty();
                    pending.add(namespace);
                }
                if (schedule) {
                    drain();
                }
            }, RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler) handler;
    }
}
