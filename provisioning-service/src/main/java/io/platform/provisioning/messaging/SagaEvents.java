package io.platform.provisioning.messaging;

import io.platform.events.Envelope;
import io.platform.events.FieldViolation;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.PoliciesApplied;
import io.platform.events.namespace.RequestRejected;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.SagaSteps;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import io.platform.schemas.EventEnvelopes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates between the saga and its events. Every event of a request gets a derived event id
 * ({@code EventEnvelopes.derived(requestId, step)}) and the saga's transition time, so publishing it again after a
 * redelivery yields the identical event, which consumers deduplicate on its id.
 */
final class SagaEvents {

    static final String CREATE_REQUEST_TYPE = NamespaceRequested.getClassSchema().getFullName();

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

    Envelope envelope(String requestId, String step, String actor, Instant occurredAt) {
        return EventEnvelopes.derived(requestId, step, actor, source, occurredAt);
    }

    RequestRejected rejected(ProvisioningSaga saga) {
        return rejected(saga.requestId(), saga.actor(), saga.name(), CREATE_REQUEST_TYPE, saga.violations(), saga.updatedAt());
    }

    RequestRejected rejected(String requestId, String actor, String name, String requestType, List<Violation> violations,
                             Instant occurredAt) {
        return RequestRejected.newBuilder()
                .setEnvelope(envelope(requestId, SagaSteps.EVENT_REJECTED, actor, occurredAt))
                .setName(name == null ? "" : name)
                .setRequestType(requestType)
                .setViolations(violations.stream().map(v -> FieldViolation.newBuilder()
                        .setField(v.field()).setCode(v.code()).setMessage(v.message()).build()).toList())
                .build();
    }

    NamespaceProvisioned provisioned(ProvisioningSaga saga, DesiredObjects desired) {
        return NamespaceProvisioned.newBuilder()
                .setEnvelope(envelope(saga.requestId(), SagaSteps.EVENT_PROVISIONED, saga.actor(), saga.updatedAt()))
                .setSpec(toSpec(saga.spec()))
                .setObjects(new ArrayList<>(desired.namespaceStepObjects()))
                .build();
    }

    PoliciesApplied policiesApplied(ProvisioningSaga saga, DesiredObjects desired) {
        return PoliciesApplied.newBuilder()
                .setEnvelope(envelope(saga.requestId(), SagaSteps.EVENT_POLICIES_APPLIED, saga.actor(), saga.updatedAt()))
                .setName(saga.name())
                .setNetworkPolicy(saga.spec().networkPolicy())
                .setPodSecurityLevel(desired.podSecurityLevel().value())
                .setFeatures(new ArrayList<>(desired.features()))
                .setObjects(new ArrayList<>(desired.policyStepObjects()))
                .build();
    }

    NamespaceReady ready(ProvisioningSaga saga) {
        return NamespaceReady.newBuilder()
                .setEnvelope(envelope(saga.requestId(), SagaSteps.EVENT_READY, saga.actor(), saga.updatedAt()))
                .setSpec(toSpec(saga.spec()))
                .build();
    }

    NamespaceProvisioningFailed failed(ProvisioningSaga saga) {
        return NamespaceProvisioningFailed.newBuilder()
                .setEnvelope(envelope(saga.requestId(), SagaSteps.EVENT_FAILED, saga.actor(), saga.updatedAt()))
                .setName(saga.name())
                .setStep(saga.failure().step())
                .setReason(saga.failure().reason())
                .setRetryable(false)
                .build();
    }
}
