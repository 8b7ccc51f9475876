package io.platform.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.platform.events.FieldViolation;
import io.platform.events.namespace.DriftCorrected;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.RequestRejected;
import io.platform.gateway.domain.LifecycleFact;
import io.platform.gateway.domain.RequestType;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import io.platform.schemas.EventEnvelopes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTranslatorTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final NamespaceSpecification SPEC = new NamespaceSpecification("payments-api", "payments",
            "production", "medium", "team-shared", List.of("monitoring", "backup"), "payments API", "cc-1");

    @Test
    void keepsEveryFieldOfTheSpecificationThroughTheAvroSpec() {
        assertThat(EventTranslator.toSpecification(EventTranslator.toSpec(SPEC))).isEqualTo(SPEC);
    }

    @Test
    void readsARequestPublishedByAnotherSystemWithItsActorAndSource() {
        NamespaceRequested event = NamespaceRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create("r1", "svc-billing", "billing-system", AT))
                .setSpec(EventTranslator.toSpec(SPEC))
                .build();

        LifecycleFact fact = EventTranslator.toFact(event).orElseThrow();

        assertThat(fact).isEqualTo(new LifecycleFact.Requested(event.getEnvelope().getEventId(), "r1", "payments-api", AT,
                RequestType.CREATE, SPEC, null, "svc-billing", "billing-system"));
    }

    @Test
    void readsTheViolationsAndRequestTypeOfARejection() {
        RequestRejected event = RequestRejected.newBuilder()
                .setEnvelope(EventEnvelopes.derived("r1", "rejected", "svc-billing", "provisioning-service", AT))
                .setName("Payments")
                .setRequestType("io.platform.events.namespace.NamespaceUpdateRequested")
                .setViolations(List.of(new FieldViolation("name", "pattern", "must be a DNS-1123 label")))
                .build();

        LifecycleFact.Rejected fact = (LifecycleFact.Rejected) EventTranslator.toFact(event).orElseThrow();

        assertThat(fact.requestType()).isEqualTo(RequestType.UPDATE);
        assertThat(fact.violations()).containsExactly(new Violation("name", "pattern", "must be a DNS-1123 label"));
    }

    @Test
    void ignoresEventsTheReadModelDoesNotFollow() {
        DriftCorrected drift = DriftCorrected.newBuilder()
                .setEnvelope(EventEnvelopes.create("r1", "provisioning-service", "provisioning-service", AT))
                .setName("payments-api").setObjectKind("NetworkPolicy").setObjectName("isolated").setChange("deleted")
                .build();

        assertThat(EventTranslator.toFact(drift)).isEmpty();
    }

    @Test
    void readsTheStepsOfADeletion() {
        io.platform.events.namespace.NamespaceDeletionStarted started = io.platform.events.namespace.NamespaceDeletionStarted
                .newBuilder().setEnvelope(EventEnvelopes.derived("d1", "deletion-started", "team-payments",
                        "provisioning-service", AT))
                .setName("payments-api").setTeam("payments").setReason("cleanup").build();
        io.platform.events.namespace.RbacRemoved removed = io.platform.events.namespace.RbacRemoved.newBuilder()
                .setEnvelope(EventEnvelopes.derived("d1", "rbac-removed", "team-payments", "rbac-service", AT))
                .setName("payments-api").setObjects(java.util.List.of("RoleBinding/team-payments-admin")).build();

        assertThat(EventTranslator.toFact(started)).contains(new LifecycleFact.DeletionStarted(
                started.getEnvelope().getEventId(), "d1", "payments-api", AT, "payments", "cleanup"));
        assertThat(EventTranslator.toFact(removed)).contains(new LifecycleFact.RbacRemoved(
                removed.getEnvelope().getEventId(), "d1", "payments-api", AT, java.util.List.of("RoleBinding/team-payments-admin")));
    }
}
