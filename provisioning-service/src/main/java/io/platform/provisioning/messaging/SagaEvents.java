package io.platform.provisioning.messaging;

import io.platform.events.Envelope;
import io.platform.events.FieldViolation;
import io.platform.events.namespace.DriftCorrected;
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
import io.platform.events.namespace.RequestRejected;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.Drift;
import io.platform.provisioning.domain.ManagedNamespace;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.RequestType;
import io.platform.provisioning.domain.SagaSteps;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import io.platform.schemas.EventEnvelopes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates between the saga and its events. Every event of a request gets a derived event id
 * ({@code EventEnvelopes.derived(requestId, step)}, the step suffixed with {@code #<attempt>} for a retried attempt)
 * and the saga's transition time, so publishing it again after a redelivery yields the identical event, which
 * consumers deduplicate on its id. {@code envelope.requestId} is always the request's id.
 */
final class SagaEvents {

    static final String CREATE_REQUEST_TYPE = NamespaceRequested.getClassSchema().getFullName();
    static final String UPDATE_REQUEST_TYPE = NamespaceUpdateRequested.getClassSchema().getFullName();
    static final String DELETE_REQUEST_TYPE = NamespaceDeletionRequested.getClassSchema().getFullName();

    private final String source;

    SagaEvents(String source) {
        this.source = source;
    }

    static NamespaceSpecification toSpecification(NamespaceSpec spec) {
        return new NamespaceSpecification(spec.getName(), spec.getTeam(), spec.getEnvironment(), spec.getTier(),
                spec.getNetworkPolicy(), spec.getFeatures() == null ? null : List.copyOf(spec.getFeatures()),
                spec.getDescription(), spec.getCostCenter());
    }

    static NamespaceSpec toSpec(NamespaceSpecification spec) {
        return NamespaceSpec.newBuilder()
                .setName(spec.name())
                .setTeam(spec.team())
                .setEnvironment(spec.environment())
                .setTier(spec.tier())
                .setNetworkPolicy(spec.networkPolicy())
                .setFeatures(spec.features() == null ? List.of() : new ArrayList<>(spec.features()))
                .setDescription(spec.description())
                .setCostCenter(spec.costCenter())
                .build();
    }

    /** The request id of an incoming request: its envelope's, or its event id when a producer left it blank. */
    static String requestIdOf(Envelope envelope) {
        return envelope.getRequestId() == null || envelope.getRequestId().isBlank()
                ? envelope.getEventId() : envelope.getRequestId();
    }

    static String requestTypeOf(RequestType type) {
        return switch (type) {
            case CREATE -> CREATE_REQUEST_TYPE;
            case UPDATE -> UPDATE_REQUEST_TYPE;
            case DELETE -> DELETE_REQUEST_TYPE;
        };
    }

    Envelope envelope(String requestId, String step, String actor, Instant occurredAt) {
        return EventEnvelopes.derived(requestId, step, actor, source, occurredAt);
    }

    private Envelope envelope(ProvisioningSaga saga, String step) {
        return envelope(saga.requestId(), saga.eventStep(step), saga.actor(), saga.updatedAt());
    }

    RequestRejected rejected(ProvisioningSaga saga) {
        return RequestRejected.newBuilder()
                .setEnvelope(envelope(saga, SagaSteps.EVENT_REJECTED))
                .setName(saga.name() == null ? "" : saga.name())
                .setRequestType(requestTypeOf(saga.type()))
                .setViolations(violations(saga.violations()))
                .build();
    }

    NamespaceProvisioned provisioned(ProvisioningSaga saga, DesiredObjects desired) {
        return NamespaceProvisioned.newBuilder()
                .setEnvelope(envelope(saga, SagaSteps.EVENT_PROVISIONED))
                .setSpec(toSpec(saga.spec()))
                .setObjects(new ArrayList<>(desired.namespaceStepObjects()))
                .build();
    }

    PoliciesApplied policiesApplied(ProvisioningSaga saga, DesiredObjects desired) {
        return PoliciesApplied.newBuilder()
                .setEnvelope(envelope(saga, SagaSteps.EVENT_POLICIES_APPLIED))
                .setName(saga.name())
                .setNetworkPolicy(saga.spec().networkPolicy())
                .setPodSecurityLevel(desired.podSecurityLevel().value())
                .setFeatures(new ArrayList<>(desired.features()))
                .setObjects(new ArrayList<>(desired.policyStepObjects()))
                .build();
    }

    NamespaceReady ready(ProvisioningSaga saga) {
        return NamespaceReady.newBuilder()
                .setEnvelope(envelope(saga, SagaSteps.EVENT_READY))
                .setSpec(toSpec(saga.spec()))
                .build();
    }

    NamespaceProvisioningFailed failed(ProvisioningSaga saga) {
        return NamespaceProvisioningFailed.newBuilder()
                .setEnvelope(envelope(saga, SagaSteps.EVENT_FAILED))
                .setName(saga.name())
                .setStep(saga.failure().step())
                .setReason(saga.failure().reason())
                // an admin may retry it (POST /api/v1/requests/{id}/retry)
                .setRetryable(true)
                .build();
    }

    NamespaceUpdated updated(ProvisioningSaga saga) {
        return NamespaceUpdated.newBuilder()
                .setEnvelope(envelope(saga, SagaSteps.EVENT_UPDATED))
                .setSpec(toSpec(saga.spec()))
                .setChangedFields(new ArrayList<>(saga.changedFields()))
                .build();
    }

    /**
     * Asks the services holding objects in the namespace (rbac-service) to release them. Its time is the saga's
     * start of deletion, which later sub-steps keep, so a re-published request is the identical event.
     */
    NamespaceDeletionStarted deletionStarted(ProvisioningSaga saga) {
        return NamespaceDeletionStarted.newBuilder()
                .setEnvelope(envelope(saga, SagaSteps.EVENT_DELETION_STARTED))
                .setName(saga.name())
                .setTeam(saga.team() == null ? "" : saga.team())
                .setReason(saga.reason())
                .build();
    }

    NamespaceDeleted deleted(ProvisioningSaga saga) {
        return NamespaceDeleted.newBuilder()
                .setEnvelope(envelope(saga, SagaSteps.EVENT_DELETED))
                .setName(saga.name())
                .setTeam(saga.team() == null ? "" : saga.team())
                .build();
    }

    /** A repaired drift; {@code requestId} is the request that created the namespace. */
    DriftCorrected driftCorrected(ManagedNamespace namespace, Drift drift, Instant at) {
        return DriftCorrected.newBuilder()
                .setEnvelope(EventEnvelopes.create(namespace.ownerRequestId(), source, source, at))
                .setName(namespace.name())
                .setObjectKind(drift.kind())
                .setObjectName(drift.objectName())
                .setChange(drift.change())
                .build();
    }

    private static List<FieldViolation> violations(List<Violation> violations) {
        return violations.stream().map(v -> FieldViolation.newBuilder()
                .setField(v.field()).setCode(v.code()).setMessage(v.message()).build()).toList();
    }
}
