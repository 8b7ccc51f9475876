package io.platform.catalog.domain;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the namespaces and the instances' status current from the events other services publish. Every event is
 * applied once (deduplicated on its event id), in the order of its topic partition (the key is the namespace).
 */
public final class InstanceProjection {

    private static final Logger log = LoggerFactory.getLogger(InstanceProjection.class);

    private final InstanceRepository instances;
    private final UnitOfWork unitOfWork;

    public InstanceProjection(InstanceRepository instances, UnitOfWork unitOfWork) {
        this.instances = instances;
        this.unitOfWork = unitOfWork;
    }

    public void namespaceReady(String eventId, NamespaceInfo namespace, Instant at) {
        once(eventId, () -> instances.saveNamespace(namespace, at));
    }

    public void namespaceDeleted(String eventId, String name, Instant at) {
        once(eventId, () -> instances.namespace(name).ifPresent(known -> {
            instances.saveNamespace(new NamespaceInfo(known.name(), known.team(), known.environment(), known.tier(), false), at);
            instances.markAllDeleted(name, at);
        }));
    }

    /**
     * A request on the topic: normally this service's own, stored before it was published. One this service does not
     * hold (another system published it, or the commit after the publish failed) is recorded so its status is visible.
     */
    public void requested(String eventId, ServiceInstance instance) {
        once(eventId, () -> {
            if (instances.byRequest(instance.requestId()).isEmpty() && !instances.insert(instance)) {
                log.warn("request {} for instance {}/{} not recorded: a live instance holds the name",
                        instance.requestId(), instance.namespace(), instance.instanceName());
            }
        });
    }

    public void deployed(String eventId, String requestId, List<String> objects, long monthlyCostCents, Instant at) {
        once(eventId, () -> instances.markDeployed(requestId, objects, monthlyCostCents, at));
    }

    public void failed(String eventId, String requestId, String step, String reason, Instant at) {
        once(eventId, () -> {
            if ("delete".equals(step)) {
                instances.markDeletionFailed(requestId, reason, at);
            } else {
                instances.markFailed(requestId, step, reason, at);
            }
        });
    }

    public void deleted(String eventId, String namespace, String instanceName, Instant at) {
        once(eventId, () -> instances.markDeleted(namespace, instanceName, at));
    }

    private void once(String eventId, Runnable work) {
        unitOfWork.inTransaction(() -> {
            if (instances.consume(eventId)) {
                work.run();
            }
            return null;
        });
    }
}
