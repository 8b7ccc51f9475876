package io.platform.rbac.messaging;

import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.rbac.domain.BindingOutcome;
import io.platform.rbac.domain.TeamBinding;
import io.platform.schemas.EventEnvelopes;
import org.apache.avro.specific.SpecificRecord;

/**
 * The answer to a {@code NamespaceProvisioned} event. Its id is derived from the request ({@code rbac-applied} /
 * {@code rbac-failed}), request id and actor are copied from the incoming event, {@code occurredAt} is the recorded
 * decision time: queuing it again after a crash yields the identical event. The answer to a retried attempt of the
 * request (provisioning-service's {@code NamespaceProvisioned} then has another id than the first attempt's) gets the
 * incoming event's id in its step, so it is a new fact.
 */
final class RbacAnswers {

    static final String STEP_APPLIED = "rbac-applied";
    static final String STEP_FAILED = "rbac-failed";

    private final String source;

    RbacAnswers(String source) {
        this.source = source;
    }

    SpecificRecord answer(BindingOutcome outcome) {
        TeamBinding binding = outcome.binding();
        boolean firstAttempt = EventEnvelopes.derived(binding.requestId(), "provisioned", "", "", outcome.decidedAt())
                .getEventId().equals(outcome.eventId());
        String suffix = firstAttempt ? "" : "/" + outcome.eventId();
        if (outcome.applied()) {
            return RbacApplied.newBuilder()
                    .setEnvelope(EventEnvelopes.derived(binding.requestId(), STEP_APPLIED + suffix, outcome.actor(), source,
                            outcome.decidedAt()))
                    .setName(binding.namespace())
                    .setTeam(binding.team())
                    .setSubjectGroup(binding.subjectGroup())
                    .setClusterRole(binding.clusterRole())
                    .setRoleBinding(binding.name())
                    .build();
        }
        return RbacFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived(binding.requestId(), STEP_FAILED + suffix, outcome.actor(), source,
                        outcome.decidedAt()))
                .setName(binding.namespace())
                .setReason(outcome.reason())
                .setRetryable(false)
                .build();
    }
}
