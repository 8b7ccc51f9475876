package io.platform.rbac.messaging;

import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceDeletionStarted;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.outbox.JdbcOutbox;
import io.platform.outbox.OutboxRelay;
import io.platform.rbac.domain.AccessStore;
import io.platform.rbac.domain.Assignment;
import io.platform.rbac.domain.BindingStore;
import io.platform.rbac.domain.ClusterRefusedException;
import io.platform.rbac.domain.CustomRole;
import io.platform.rbac.domain.ManagedBinding;
import io.platform.rbac.domain.RbacCluster;
import io.platform.rbac.domain.RoleKind;
import io.platform.schemas.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * rbac-service's part in the lifecycle after provisioning:
 * <ul>
 *   <li>{@code NamespaceDeletionStarted}: every RoleBinding and Role the platform manages in the namespace is removed
 *       (records first, then the cluster), each assignment announced as {@code RoleRevoked} and each custom Role as
 *       {@code RoleDeleted}, and provisioning-service is answered with {@code RbacRemoved}, after which it deletes the
 *       namespace. A refusal of the API server is answered with {@code RbacFailed} (nothing is removed then).</li>
 *   <li>{@code NamespaceProvisioningFailed}: the team binding made for the failed request is removed (compensation;
 *       on a real cluster the namespace's deletion would remove it too, the CRUD mock keeps it).</li>
 * </ul>
 * Idempotent consumer on the event id ({@code handled_events}); the answer is in the outbox with the changes.
 */
@Component
public class NamespaceLifecycleHandler {

    private static final Logger log = LoggerFactory.getLogger(NamespaceLifecycleHandler.class);

    private final AccessStore access;
    private final BindingStore bindings;
    private final RbacCluster cluster;
    private final JdbcOutbox outbox;
    private final OutboxRelay relay;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RbacEvents events;

    public NamespaceLifecycleHandler(AccessStore access, BindingStore bindings, RbacCluster cluster, JdbcOutbox outbox,
                                     OutboxRelay relay, TransactionTemplate transactions, Clock clock,
                                     PlatformKafkaProperties kafka) {
        this.access = access;
        this.bindings = bindings;
        this.cluster = cluster;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.clock = clock;
        this.events = new RbacEvents(kafka.source());
    }

    public void onDeletionStarted(NamespaceDeletionStarted started) {
        Envelope envelope = started.getEnvelope();
        String namespace = started.getName();
        String refusal;
        try {
            refusal = transactions.execute(status -> {
                Instant now = clock.instant();
                if (!access.markHandled(envelope.getEventId(), "NamespaceDeletionStarted", envelope.getRequestId(), now)) {
                    return null;
                }
                List<String> removed = new ArrayList<>();
                for (Assignment assignment : access.assignments(namespace)) {
                    access.deleteAssignment(assignment.id());
                    cluster.removeBinding(namespace, assignment.roleBinding());
                    outbox.add(Topics.RBAC_EVENTS.name(), namespace,
                            events.roleRevoked(assignment, envelope.getRequestId(), envelope.getActor(), now), now);
                    removed.add("RoleBinding/" + assignment.roleBinding());
                }
                for (CustomRole role : access.roles(namespace, RoleKind.ROLE)) {
                    if (namespace.equals(role.namespace())) {
                        access.deleteRole(role.id());
                        cluster.removeRole(RoleKind.ROLE, namespace, role.name());
                        outbox.add(Topics.RBAC_EVENTS.name(), namespace,
                                events.roleDeleted(role, envelope.getRequestId(), envelope.getActor(), now), now);
                        removed.add("Role/" + role.name());
                    }
                }
                for (ManagedBinding binding : bindings.list(namespace)) {
                    bindings.removeBinding(namespace, binding.binding().name());
                    cluster.removeBinding(namespace, binding.binding().name());
                    removed.add("RoleBinding/" + binding.binding().name());
                }
                for (String leftOver : cluster.managedBindings(namespace)) {
                    cluster.removeBinding(namespace, leftOver);
                    if (!removed.contains("RoleBinding/" + leftOver)) {
                        removed.add("RoleBinding/" + leftOver);
                    }
                }
                outbox.add(Topics.NAMESPACE_EVENTS.name(), namespace, events.rbacRemoved(namespace, removed,
                        envelope.getRequestId(), envelope.getEventId(), envelope.getActor(), now), now);
                log.info("removed {} for the deletion of namespace {} (request {})", removed, namespace,
                        envelope.getRequestId());
                return null;
            });
        } catch (ClusterRefusedException refused) {
            refusal = refused.getMessage();
        }
        if (refusal != null) {
            String reason = refusal;
            log.warn("cannot remove the bindings of namespace {} (request {}): {}", namespace, envelope.getRequestId(), reason);
            transactions.executeWithoutResult(status -> {
                Instant now = clock.instant();
                if (access.markHandled(envelope.getEventId(), "NamespaceDeletionStarted", envelope.getRequestId(), now)) {
                    outbox.add(Topics.NAMESPACE_EVENTS.name(), namespace, events.removalFailed(namespace, reason,
                            envelope.getRequestId(), envelope.getEventId(), envelope.getActor(), now), now);
                }
            });
        }
        relay.flush();
    }

    public void onProvisioningFailed(NamespaceProvisioningFailed failed) {
        Envelope envelope = failed.getEnvelope();
        String namespace = failed.getName();
        transactions.executeWithoutResult(status -> {
            if (!access.markHandled(envelope.getEventId(), "NamespaceProvisioningFailed", envelope.getRequestId(),
                    clock.instant())) {
                return;
            }
            for (ManagedBinding binding : bindings.list(namespace)) {
                if (binding.binding().requestId().equals(envelope.getRequestId())) {
                    bindings.removeBinding(namespace, binding.binding().name());
                    try {
                        cluster.removeBinding(namespace, binding.binding().name());
                    } catch (ClusterRefusedException refused) {
                        log.warn("RoleBinding {}/{} of failed request {} could not be removed: {}", namespace,
                                binding.binding().name(), envelope.getRequestId(), refused.getMessage());
                    }
                    log.info("removed RoleBinding {}/{}: request {} failed at step {}", namespace,
                            binding.binding().name(), envelope.getRequestId(), failed.getStep());
                }
            }
        });
    }
}
