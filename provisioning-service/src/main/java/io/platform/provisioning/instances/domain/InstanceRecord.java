package io.platform.provisioning.instances.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An instance as provisioning-service records it: what was asked, what it was admitted with and what it wrote.
 *
 * @param requestId         the request that deploys it (its events' {@code requestId})
 * @param parameters        the validated parameters (defaults applied) as JSON; never secrets
 * @param objects           the objects it owns, in the order they are applied
 * @param usage             what it requests of the namespace's quota
 * @param deletionRequestId the request that deletes it, once asked
 * @param announced         whether the outcome of the current state is on the topic (state first, then the event)
 */
public record InstanceRecord(String requestId, String namespace, String instanceName, String template, String version,
                             String parameters, String actor, InstanceState state, List<ObjectRef> objects,
                             Map<String, String> usage, long monthlyCostCents, String failureStep, String failureReason,
                             String deletionRequestId, boolean announced, Instant createdAt, Instant updatedAt) {

    public InstanceRecord {
        objects = objects == null ? List.of() : List.copyOf(objects);
        usage = usage == null ? Map.of() : Map.copyOf(usage);
    }

    public InstanceRecord with(InstanceState newState, Instant at) {
        return new InstanceRecord(requestId, namespace, instanceName, template, version, parameters, actor, newState, objects,
                usage, monthlyCostCents, failureStep, failureReason, deletionRequestId, false, createdAt, at);
    }

    public InstanceRecord failed(String step, String reason, Instant at) {
        return new InstanceRecord(requestId, namespace, instanceName, template, version, parameters, actor,
                InstanceState.FAILED, objects, usage, monthlyCostCents, step, reason, deletionRequestId, false, createdAt, at);
    }

    /** Admitted: the effective parameters, the objects it will own and what it requests are recorded. */
    public InstanceRecord admitted(String effectiveParameters, List<ObjectRef> renderedObjects, Map<String, String> requested,
                                   long cost, Instant at) {
        return new InstanceRecord(requestId, namespace, instanceName, template, version, effectiveParameters, actor,
                InstanceState.APPLYING, renderedObjects, requested, cost, null, null, deletionRequestId, false, createdAt, at);
    }

    public InstanceRecord deleting(String deletion, Instant at) {
        return new InstanceRecord(requestId, namespace, instanceName, template, version, parameters, actor,
                InstanceState.DELETING, objects, usage, monthlyCostCents, null, null, deletion, false, createdAt, at);
    }

    /** The deletion was refused: the instance keeps its objects. */
    public InstanceRecord deletionFailed(String reason, Instant at) {
        return new InstanceRecord(requestId, namespace, instanceName, template, version, parameters, actor,
                InstanceState.DEPLOYED, objects, usage, monthlyCostCents, InstanceDeployer.DELETE, reason, deletionRequestId,
                false, createdAt, at);
    }

    public List<String> objectRefs() {
        return objects.stream().map(ObjectRef::ref).toList();
    }
}
