package io.platform.rbac.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.platform.rbac.config.RbacProperties;
import io.platform.rbac.domain.DriftReconciler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * Watches the RoleBindings, Roles and ClusterRoles rbac-service manages (label {@code platform.io/managed=true}) and
 * has drift repaired. Replicas elect a leader through a Lease (fabric8 {@code LeaderElector}); only the leader runs the
 * informers and the passes. A change of a watched object has that object's record checked (debounced, batched); a
 * full pass over every record runs when a replica becomes leader (the refill after a restart) and every
 * {@code resync-interval} as a safety net.
 */
public class RbacDriftWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RbacDriftWatcher.class);
    private static final String MANAGED = "platform.io/managed";

    private final KubernetesClient client;
    private final DriftReconciler reconciler;
    private final RbacProperties.Drift properties;
    private final String identity;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final Set<ObjectRef> pending = new LinkedHashSet<>();

    private volatile boolean running;
    private volatile boolean leading;
    private CompletableFuture<?> election;
    private ScheduledExecutorService worker;
    private ScheduledExecutorService passWorker;

    public RbacDriftWatcher(KubernetesClient client, DriftReconciler reconciler, RbacProperties.Drift properties) {
        this.client = client;
        this.reconciler = reconciler;
        this.properties = properties;
        this.identity = System.getenv().getOrDefault("HOSTNAME", "local") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        running = true;
        RbacProperties.Lease lease = properties.lease();
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                        .withName(lease.name())
                        .withLock(new LeaseLock(lease.namespace(), lease.name(), identity))
                        .withLeaseDuration(lease.duration())
                        .withRenewDeadline(lease.renewDeadline())
                        .withRetryPeriod(lease.retryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::startLeading, this::stopLeading,
                                leader -> log.info("RBAC drift repair leader is {}", leader)))
                        .build())
                .build()
                .start();
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
        return Integer.MAX_VALUE - 100;
    }

    public boolean isLeading() {
        return leading;
    }

    private synchronized void startLeading() {
        if (leading) {
            return;
        }
        leading = true;
        log.info("{} leads RBAC drift repair", identity);
        worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rbac-drift-repair");
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
            informers.add(client.rbac().roleBindings().inAnyNamespace().withLabel(MANAGED, "true").inform(cast(handler)));
            informers.add(client.rbac().roles().inAnyNamespace().withLabel(MANAGED, "true").inform(cast(handler)));
            informers.add(client.rbac().clusterRoles().withLabel(MANAGED, "true").inform(cast(handler)));
        } catch (RuntimeException e) {
            log.warn("informers could not start ({}); relying on the periodic pass", e.getMessage());
        }
        // full passes on a thread of their own, so a long pass never holds back the checks of changed objects
        passWorker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rbac-drift-full-pass");
            thread.setDaemon(true);
            return thread;
        });
        passWorker.scheduleWithFixedDelay(this::pass, 0, properties.resyncInterval().toMillis(), TimeUnit.MILLISECONDS);
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
        }
        log.info("{} stopped leading RBAC drift repair", identity);
    }

    /**
     * A watched object changed: only its own record is checked (one read of the object), never a full pass, so the
     * cost of a change does not grow with the number of objects managed.
     */
    private void changed(HasMetadata object) {
        if (!leading) {
            return;
        }
        boolean schedule;
        synchronized (pending) {
            schedule = pending.isEmpty();
            pending.add(new ObjectRef(HasMetadata.getKind(object.getClass()), object.getMetadata().getNamespace(), object.getMetadata().getName()));
        }
        ScheduledExecutorService current = worker;
        if (schedule && current != null && !current.isShutdown()) {
            current.schedule(this::drain, properties.debounce().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void drain() {
        List<ObjectRef> changed;
        synchronized (pending) {
            changed = new ArrayList<>(pending);
            pending.clear();
        }
        for (ObjectRef ref : changed) {
            try {
                reconciler.reconcile(ref.kind(), ref.namespace(), ref.name());
            } catch (RuntimeException e) {
                log.warn("RBAC drift check of {} {}/{} failed: {}", ref.kind(), ref.namespace(), ref.name(), e.getMessage());
            }
        }
    }

    private record ObjectRef(String kind, String namespace, String name) {
    }

    private void pass() {
        try {
            reconciler.reconcileAll();
        } catch (RuntimeException e) {
            log.warn("RBAC drift pass failed: {}", e.getMessage());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler) handler;
    }
}
