package io.platform.gateway.messaging;

import io.platform.events.Envelope;
import io.platform.events.FieldViolation;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceDeletionRequested;
import io.platform.events.namespace.NamespaceDeletionStarted;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.events.namespace.NamespaceUpdated;
import io.platform.events.namespace.PoliciesApplied;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RbacRemoved;
import io.platform.events.namespace.RequestRejected;
import io.platform.gateway.domain.LifecycleFact;
import io.platform.gateway.domain.RequestType;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Avro events of the request and events topics as the gateway's {@link LifecycleFact}s. */
public final class EventTranslator {

    private EventTranslator() {
    }

    /** The fact an event tells; empty for events the read model does not follow (e.g. {@code DriftCorrected}). */
    public static Optional<LifecycleFact> toFact(SpecificRecord event) {
        if (event instanceof NamespaceRequested requested) {
            Envelope e = requested.getEnvelope();
            return Optional.of(new LifecycleFact.Requested(e.getEventId(), e.getRequestId(), requested.getSpec().getName(),
                    e.getOccurredAt(), RequestType.CREATE, toSpecification(requested.getSpec()), null, e.getActor(),
                    e.getSource()));
        }
        if (event instanceof NamespaceUpdateRequested update) {
            Envelope e = update.getEnvelope();
            return Optional.of(new LifecycleFact.Requested(e.getEventId(), e.getRequestId(), update.getName(),
                    e.getOccurredAt(), RequestType.UPDATE, null, toChanges(update), e.getActor(), e.getSource()));
        }
        if (event instanceof NamespaceDeletionRequested deletion) {
            Envelope e = deletion.getEnvelope();
            return Optional.of(new LifecycleFact.Requested(e.getEventId(), e.getRequestId(), deletion.getName(),
                    e.getOccurredAt(), RequestType.DELETE, null, null, e.getActor(), e.getSource()));
        }
        if (event instanceof NamespaceProvisioned provisioned) {
            Envelope e = provisioned.getEnvelope();
            return Optional.of(new LifecycleFact.Provisioned(e.getEventId(), e.getRequestId(), provisioned.getSpec().getName(),
                    e.getOccurredAt(), toSpecification(provisioned.getSpec()), List.copyOf(provisioned.getObjects())));
        }
        if (event instanceof PoliciesApplied policies) {
            Envelope e = policies.getEnvelope();
            return Optional.of(new LifecycleFact.PoliciesApplied(e.getEventId(), e.getRequestId(), policies.getName(),
                    e.getOccurredAt(), policies.getNetworkPolicy(), policies.getPodSecurityLevel()));
        }
        if (event instanceof RbacApplied rbac) {
            Envelope e = rbac.getEnvelope();
            return Optional.of(new LifecycleFact.RbacApplied(e.getEventId(), e.getRequestId(), rbac.getName(),
                    e.getOccurredAt(), rbac.getTeam(), rbac.getRoleBinding()));
        }
        if (event instanceof RbacFailed rbacFailed) {
            Envelope e = rbacFailed.getEnvelope();
            return Optional.of(new LifecycleFact.RbacFailed(e.getEventId(), e.getRequestId(), rbacFailed.getName(),
                    e.getOccurredAt(), rbacFailed.getReason()));
        }
        if (event instanceof NamespaceReady ready) {
            Envelope e = ready.getEnvelope();
            return Optional.of(new LifecycleFact.Ready(e.getEventId(), e.getRequestId(), ready.getSpec().getName(),
                    e.getOccurredAt(), toSpecification(ready.getSpec())));
        }
        if (event instanceof RequestRejected rejected) {
            Envelope e = rejected.getEnvelope();
            return Optional.of(new LifecycleFact.Rejected(e.getEventId(), e.getRequestId(), rejected.getName(),
                    e.getOccurredAt(), RequestType.ofEventType(rejected.getRequestType()),
                    rejected.getViolations().stream().map(EventTranslator::toViolation).toList()));
        }
        if (event instanceof NamespaceProvisioningFailed failed) {
            Envelope e = failed.getEnvelope();
            return Optional.of(new LifecycleFact.ProvisioningFailed(e.getEventId(), e.getRequestId(), failed.getName(),
                    e.getOccurredAt(), failed.getStep(), failed.getReason(), failed.getRetryable()));
        }
        if (event instanceof NamespaceUpdated updated) {
            Envelope e = updated.getEnvelope();
            return Optional.of(new LifecycleFact.Updated(e.getEventId(), e.getRequestId(), updated.getSpec().getName(),
                    e.getOccurredAt(), toSpecification(updated.getSpec())));
        }
        if (event instanceof NamespaceDeleted deleted) {
            Envelope e = deleted.getEnvelope();
            return Optional.of(new LifecycleFact.Deleted(e.getEventId(), e.getRequestId(), deleted.getName(),
                    e.getOccurredAt(), deleted.getTeam()));
        }
        if (event instanceof NamespaceDeletionStarted started) {
            Envelope e = started.getEnvelope();
            return Optional.of(new LifecycleFact.DeletionStarted(e.getEventId(), e.getRequestId(), started.getName(),
                    e.getOccurredAt(), started.getTeam(), started.getReason()));
        }
        if (event instanceof RbacRemoved removed) {
            Envelope e = removed.getEnvelope();
            return Optional.of(new LifecycleFact.RbacRemoved(e.getEventId(), e.getRequestId(), removed.getName(),
                    e.getOccurredAt(), List.copyOf(removed.getObjects())));
        }
        return Optional.empty();
    }

    public static NamespaceSpecification toSpecification(NamespaceSpec spec) {
        return new NamespaceSpecification(spec.getName(), spec.getTeam(), spec.getEnvironment(), spec.getTier(),
                spec.getNetworkPolicy(), spec.getFeatures() == null ? null : List.copyOf(spec.getFeatures()),
                spec.getDescription(), spec.getCostCenter());
    }

    public static NamespaceSpec toSpec(NamespaceSpecification spec) {
        return NamespaceSpec.newBuilder()
                .setName(spec.name())
                .setTeam(spec.team())
                .setEnvironment(spec.environment())
                .setTier(spec.tier())
                .setNetworkPolicy(spec.networkPolicy())
                .setFeatures(List.copyOf(spec.features()))
                .setDescription(spec.description())
                .setCostCenter(spec.costCenter())
                .build();
    }

    public static NamespaceChanges toChanges(NamespaceUpdateRequested update) {
        return new NamespaceChanges(update.getTier(), update.getNetworkPolicy(),
                update.getFeatures() == null ? null : List.copyOf(update.getFeatures()), update.getDescription(),
                update.getCostCenter());
    }

    private static Violation toViolation(FieldViolation violation) {
        return new Violation(violation.getField(), violation.getCode(), violation.getMessage());
    }
}
