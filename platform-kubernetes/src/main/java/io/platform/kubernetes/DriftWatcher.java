package io.platform.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the objects a service manages and has their drift repaired. Every replica takes part in a leader election
 * (fabric8 {@code LeaderElector} on a coordination.k8s.io Lease); only the leader runs the informers and the full
 * passes. A changed or deleted object queues its key (what the service checks: a namespace, one object's record) for
 * a check, debounced; a key that cannot be checked yet (a change holds its record, it is not settled, the API failed)
 * is checked again every {@link Settings#retryDelay()} up to {@link Settings#maxRetries()} times, after which the full
 * pass has it. Full passes run on a thread of their own, at once when a replica becomes leader (which refills a cluster
 * that lost its objects) and then every {@link Settings#resyncInterval()}, so a long refill never holds back the
 * checks of changed objects.
 *
 * @param <K> what one check covers
 */
public abstract class DriftWatcher<K> implements SmartLifecycle {

    /**
     * @param enabled        whether the replica takes part at all
     * @param resyncInterval between full passes (a safety net: keep it in minutes)
     * @param debounce       changes within this time are checked together
     * @param leaseNamespace where the Lease lives (the service's own namespace)
     * @param leaseName      the Lease's name, shared by every replica
     * @param leaseDuration  how long a leader's claim lasts without renewal
     * @param renewDeadline  how long the leader tries to renew before it steps down
     * @param retryPeriod    how often candidates try to acquire the Lease
     * @param retryDelay     before a key that could not be checked is checked again
     * @param maxRetries     how often such a key is checked again before it is left to the full pass
     */
    public record Settings(boolean enabled, Duration resyncInterval, Duration debounce, String leaseNamespace,
                           String leaseName, Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
                           Duration retryDelay, int maxRetries) {
    }

    /** Named after the service's subclass, so its logs read as the service's own. */
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final KubernetesClient client;
    private final Settings settings;
    private final String purpose;
    private final String identity;

    private final Set<K> pending = new LinkedHashSet<>();
    private final Map<K, Integer> attempts = new HashMap<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    private volatile boolean running;
    private volatile boolean leading;
    private CompletableFuture<?> election;
    private ScheduledExecutorService worker;
    private ScheduledExecutorService passWorker;

    /**
     * @param purpose names the logs and threads ("drift repair", "RBAC drift repair")
     */
    protected DriftWatcher(KubernetesClient client, Settings settings, String purpose) {
        this.client = client;
        this.settings = settings;
        this.purpose = purpose;
        this.identity = System.getenv().getOrDefault("HOSTNAME", "local") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Starts the informers of the managed objects, each reporting to {@code handler}. */
    protected abstract List<SharedIndexInformer<?>> inform(KubernetesClient client, ResourceEventHandler<HasMetadata> handler);

    /** What a change of {@code object} has checked, if anything. */
    protected abstract Optional<K> keyOf(HasMetadata object);

    /**
     * Checks and repairs one key. Never throws.
     *
     * @return false when the key could not be checked now and should be checked again shortly
     */
    protected abstract boolean check(K key);

    /** Checks everything the service manages. Never throws. */
    protected abstract void fullPass();

    @Override
    public synchronized void start() {
        if (running || !settings.enabled()) {
            return;
        }
        running = true;
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                        .withName(settings.leaseName())
                        .withLock(new LeaseLock(settings.leaseNamespace(), settings.leaseName(), identity))
                        .withLeaseDuration(settings.leaseDuration())
                        .withRenewDeadline(settings.renewDeadline())
                        .withRetryPeriod(settings.retryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading,
                                leader -> log.info("{} leader is {}", purpose, leader)))
                        .build())
                .build()
                .start();
        log.info("{} candidate {} for Lease {}/{}", purpose, identity, settings.leaseNamespace(), settings.leaseName());
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
        log.info("{} leads {}: watching managed objects, full pass every {}", identity, purpose, settings.resyncInterval());
        worker = daemonThread(purpose.replace(' ', '-'));
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
            informers.addAll(inform(client, handler));
        } catch (RuntimeException e) {
            log.warn("informers could not start ({}); relying on the periodic full pass", e.getMessage());
        }
        passWorker = daemonThread(purpose.replace(' ', '-') + "-full-pass");
        passWorker.scheduleWithFixedDelay(this::safeFullPass, 0, settings.resyncInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void stopLeading() {
        if (!leading) {
            return;
        }
        leading = false;
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
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
        log.info("{} stopped leading {}", identity, purpose);
    }

    private void safeFullPass() {
        try {
            fullPass();
        } catch (RuntimeException e) {
            log.warn("{} full pass failed: {}", purpose, e.getMessage());
        }
    }

    private void changed(HasMetadata object) {
        if (!leading) {
            return;
        }
        keyOf(object).ifPresent(key -> enqueue(key, settings.debounce()));
    }

    private void enqueue(K key, Duration delay) {
        boolean schedule;
        synchronized (pending) {
            schedule = pending.isEmpty();
            pending.add(key);
        }
        ScheduledExecutorService current = worker;
        if (schedule && leading && current != null && !current.isShutdown()) {
            current.schedule(this::drain, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        List<K> keys;
        synchronized (pending) {
            keys = new ArrayList<>(pending);
            pending.clear();
        }
        for (K key : keys) {
            boolean done;
            try {
                done = check(key);
            } catch (RuntimeException e) {
                log.warn("{} check of {} failed: {}", purpose, key, e.getMessage());
                done = false;
            }
            if (done) {
                synchronized (pending) {
                    attempts.remove(key);
                }
            } else {
                retryLater(key);
            }
        }
    }

    private void retryLater(K key) {
        synchronized (pending) {
            int attempt = attempts.merge(key, 1, Integer::sum);
            if (attempt > settings.maxRetries()) {
                attempts.remove(key);
                log.warn("{} still not checkable after {} attempts; the next full pass checks it", key, settings.maxRetries());
                return;
            }
        }
        ScheduledExecutorService current = worker;
        if (leading && current != null && !current.isShutdown()) {
            current.schedule(() -> enqueue(key, Duration.ZERO), settings.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ScheduledExecutorService daemonThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** An informer's handler typed for any managed kind. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler) handler;
    }
}
