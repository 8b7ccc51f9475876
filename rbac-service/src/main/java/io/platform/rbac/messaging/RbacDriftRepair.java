package io.platform.rbac.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.outbox.JdbcOutbox;
import io.platform.outbox.OutboxRelay;
import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.AccessStore;
import io.platform.rbac.domain.Assignment;
import io.platform.rbac.domain.BindingShape;
import io.platform.rbac.domain.BindingStore;
import io.platform.rbac.domain.CustomRole;
import io.platform.rbac.domain.DriftReconciler;
import io.platform.rbac.domain.ManagedBinding;
import io.platform.rbac.domain.RbacCluster;
import io.platform.rbac.domain.RoleKind;
import io.platform.schemas.topic.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drift repair against rbac-service's records, the source of truth: every team binding, assignment and custom role is
 * compared with the cluster; one deleted or changed by hand is written back and announced as {@code DriftCorrected}
 * on {@code platform.namespace.events.v1} (kind {@code RoleBinding}, {@code Role} or {@code ClusterRole}; key and
 * {@code name} the namespace, {@code cluster} / empty for a ClusterRole; {@code requestId} the request that made the
 * object). Each record is locked while it is checked and skipped while a change holds it, so drift repair never undoes
 * a change in flight. After a restart the first pass refills a cluster that lost the objects.
 */
@Component
public class RbacDriftRepair implements DriftReconciler {

    private static final Logger log = LoggerFactory.getLogger(RbacDriftRepair.class);

    private final BindingStore bindings;
    private final AccessStore access;
    private final RbacCluster cluster;
    private final JdbcOutbox outbox;
    private final OutboxRelay relay;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RbacEvents events;

    public RbacDriftRepair(BindingStore bindings, AccessStore access, RbacCluster cluster, JdbcOutbox outbox,
                           OutboxRelay relay, TransactionTemplate transactions, Clock clock, MeterRegistry meters,
                           PlatformKafkaProperties kafka) {
        this.bindings = bindings;
        this.access = access;
        this.cluster = cluster;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.events = new RbacEvents(kafka.source());
    }

    @Override
    public void reconcileAll() {
        int repaired = 0;
        for (CustomRole role : access.roles(null, null)) {
            repaired += guarded(() -> repairRole(role.id()));
        }
        for (ManagedBinding binding : bindings.list(null)) {
            repaired += guarded(() -> repairTeamBinding(binding.binding().namespace(), binding.binding().name()));
        }
        for (Assignment assignment : access.assignments(null)) {
            repaired += guarded(() -> repairAssignment(assignment.id()));
        }
        if (repaired > 0) {
            relay.flush();
        }
    }

    @Override
    public boolean reconcile(String kind, String namespace, String name) {
        int repaired;
        try {
            Integer count = transactions.execute(status -> switch (kind) {
                case "RoleBinding" -> bindings.tryLockBinding(namespace, name).isPresent()
                        ? repairTeamBinding(namespace, name)
                        : access.assignments(namespace).stream().filter(assignment -> assignment.roleBinding().equals(name))
                                .mapToInt(assignment -> repairAssignment(assignment.id())).sum();
                case "Role" -> access.role(RoleKind.ROLE, namespace, name).map(role -> repairRole(role.id())).orElse(0);
                case "ClusterRole" -> access.role(RoleKind.CLUSTER_ROLE, null, name).map(role -> repairRole(role.id()))
                        .orElse(0);
                default -> 0;
            });
            repaired = count == null ? 0 : count;
        } catch (RuntimeException e) {
            log.warn("drift check of {} {}/{} failed, checked again shortly: {}", kind, namespace, name, e.getMessage());
            return false;
        }
        if (repaired > 0) {
            relay.flush();
        }
        return true;
    }

    private int guarded(Supplier<Integer> repair) {
        try {
            Integer count = transactions.execute(status -> repair.get());
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            log.warn("drift check failed, retried by the next pass: {}", e.getMessage());
            return 0;
        }
    }

    private int repairRole(String id) {
        Optional<CustomRole> locked = access.tryLockRole(id);
        if (locked.isEmpty()) {
            return 0;
        }
        CustomRole role = locked.get();
        Optional<List<AccessRule>> observed = cluster.observeRole(role.kind(), role.namespace(), role.name());
        String change = observed.isEmpty() ? "deleted"
                : normalized(observed.get()).equals(normalized(role.rules())) ? null
                : "modified: rules " + observed.get() + " (expected " + role.rules() + ")";
        if (change == null) {
            return 0;
        }
        cluster.applyRole(role);
        corrected(role.kind() == RoleKind.ROLE ? role.namespace() : null, role.requestId(), role.kind().value(), role.name(),
                change);
        return 1;
    }

    private int repairTeamBinding(String namespace, String name) {
        Optional<ManagedBinding> locked = bindings.tryLockBinding(namespace, name);
        if (locked.isEmpty()) {
            return 0;
        }
        BindingShape desired = BindingShape.of(locked.get().binding());
        String change = difference(desired, cluster.observeBinding(namespace, name));
        if (change == null) {
            return 0;
        }
        cluster.applyBinding(locked.get().binding());
        corrected(namespace, locked.get().binding().requestId(), "RoleBinding", name, change);
        return 1;
    }

    private int repairAssignment(String id) {
        Optional<Assignment> locked = access.tryLockAssignment(id);
        if (locked.isEmpty()) {
            return 0;
        }
        Assignment assignment = locked.get();
        String change = difference(BindingShape.of(assignment),
                cluster.observeBinding(assignment.namespace(), assignment.roleBinding()));
        if (change == null) {
            return 0;
        }
        cluster.applyAssignment(assignment);
        corrected(assignment.namespace(), assignment.requestId(), "RoleBinding", assignment.roleBinding(), change);
        return 1;
    }

    private static String difference(BindingShape desired, Optional<BindingShape> observed) {
        if (observed.isEmpty()) {
            return "deleted";
        }
        if (observed.get().equals(desired)) {
            return null;
        }
        return "modified: " + observed.get().roleKind() + "/" + observed.get().roleName() + " for "
                + observed.get().subjects() + " (expected " + desired.roleKind() + "/" + desired.roleName() + " for "
                + desired.subjects() + ")";
    }

    private void corrected(String namespace, String requestId, String kind, String name, String change) {
        outbox.add(Topics.NAMESPACE_EVENTS.name(), namespace == null ? RbacEvents.CLUSTER_KEY : namespace,
                events.driftCorrected(namespace, requestId, kind, name, change, clock.instant()), clock.instant());
        Counter.builder("namespace.drift.corrections")
                .description("Managed objects put back after they were changed or deleted by hand")
                .tag("kind", kind)
                .register(meters)
                .increment();
        log.info("drift repaired: {} {}{} {}", kind, namespace == null ? "" : namespace + "/", name, change);
    }

    private static List<AccessRule> normalized(List<AccessRule> rules) {
        return rules.stream().map(AccessRule::normalized).toList();
    }
}
