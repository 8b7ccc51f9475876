package io.platform.provisioning.messaging;

import static io.platform.provisioning.messaging.Fixtures.requested;
import static io.platform.provisioning.messaging.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.PoliciesApplied;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RequestRejected;
import io.platform.provisioning.domain.ClusterUnavailableException;
import io.platform.provisioning.domain.ExistingNamespace;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.TeamLimit;
import io.platform.provisioning.domain.TeamLimits;
import io.platform.schemas.EventEnvelopes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create saga's decisions with in-memory stand-ins for the database, the outbox, the cluster and the broker. */
class ProvisioningSagaHandlerTest {

    private final SagaTestKit kit = new SagaTestKit(TeamLimits.unlimited());

    @Test
    void validRequestIsProvisionedAndAnnouncedWithDerivedIdsInOneBatch() {
        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "production", "small", "isolated", "monitoring")));

        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.PROVISIONING);
        assertThat(kit.store.namespaces.get("payments-api").status()).isEqualTo(SagaStatus.PROVISIONING);
        assertThat(kit.store.namespaces.get("payments-api").tier().name()).isEqualTo("small");
        assertThat(kit.cluster.calls).containsExactly("namespace:payments-api", "policies:payments-api");
        assertThat(kit.publisher.batches).singleElement().satisfies(batch -> {
            assertThat(batch).hasSize(2);
            NamespaceProvisioned provisioned = (NamespaceProvisioned) batch.get(0);
            PoliciesApplied policies = (PoliciesApplied) batch.get(1);
            assertThat(provisioned.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "provisioned"));
            assertThat(provisioned.getEnvelope().getRequestId()).isEqualTo("req-1");
            assertThat(provisioned.getEnvelope().getActor()).isEqualTo("team-payments");
            assertThat(provisioned.getEnvelope().getSource()).isEqualTo("provisioning-service");
            assertThat(provisioned.getObjects()).containsExactly("Namespace/payments-api", "ResourceQuota/platform-quota",
                    "LimitRange/platform-limits");
            assertThat(policies.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "policies-applied"));
            assertThat(policies.getPodSecurityLevel()).isEqualTo("restricted");
            assertThat(policies.getFeatures()).containsExactly("monitoring");
            assertThat(policies.getObjects()).containsExactly("Namespace/payments-api", "NetworkPolicy/platform-ingress");
        });
    }

    @Test
    void redeliveredRequestRunsTheWritesAgainButPublishesNothingTwice() {
        NamespaceRequested request = requested("req-1", spec("payments-api", "development", "small", "open"));
        kit.creates.onNamespaceRequested(request);

        kit.creates.onNamespaceRequested(request);

        assertThat(kit.cluster.calls).containsExactly("namespace:payments-api", "policies:payments-api",
                "namespace:payments-api", "policies:payments-api");
        assertThat(kit.published(NamespaceProvisioned.class)).hasSize(1);
        assertThat(kit.store.sagas).hasSize(1);
    }

    @Test
    void invalidRequestIsRejectedWithEveryViolationAndNothingWritten() {
        kit.creates.onNamespaceRequested(requested("req-1", spec("Bad_Name", "production", "huge", "isolated")));

        RequestRejected rejected = kit.published(RequestRejected.class).get(0);
        assertThat(rejected.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "rejected"));
        assertThat(rejected.getEnvelope().getRequestId()).isEqualTo("req-1");
        assertThat(rejected.getRequestType()).isEqualTo("io.platform.events.namespace.NamespaceRequested");
        assertThat(rejected.getViolations()).extracting(v -> v.getField() + ":" + v.getCode())
                .contains("name:pattern", "tier:unknown-tier");
        assertThat(kit.cluster.calls).isEmpty();
        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.REJECTED);
        assertThat(kit.counter("namespace.provisioning", "status", "REJECTED")).isEqualTo(1);
    }

    @Test
    void nameOwnedByAnotherLiveRequestIsTaken() {
        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));

        kit.creates.onNamespaceRequested(requested("req-2", spec("payments-api", "staging", "small", "open")));

        assertThat(kit.published(RequestRejected.class)).singleElement()
                .satisfies(r -> assertThat(r.getViolations()).extracting(v -> v.getCode()).containsExactly("name-taken"));
    }

    @Test
    void namespaceThePlatformDidNotCreateIsNeverTakenOver() {
        kit.cluster.existing.put("hand-made", new ExistingNamespace("hand-made", null));

        kit.creates.onNamespaceRequested(requested("req-1", spec("hand-made", "development", "small", "open")));

        assertThat(kit.published(RequestRejected.class)).singleElement()
                .satisfies(r -> assertThat(r.getViolations()).extracting(v -> v.getCode()).containsExactly("name-taken"));
        assertThat(kit.cluster.calls).isEmpty();
        assertThat(kit.store.namespaces.get("hand-made").status()).isEqualTo(SagaStatus.REJECTED);
    }

    @Test
    void requestOverTheTeamsNamespaceLimitIsRejectedNamingTheLimit() {
        SagaTestKit limited = new SagaTestKit(new TeamLimits(TeamLimit.unlimited(),
                Map.of("payments", new TeamLimit(1, null, null))));
        limited.creates.onNamespaceRequested(requested("req-1", spec("payments-one", "development", "small", "open")));

        limited.creates.onNamespaceRequested(requested("req-2", spec("payments-two", "development", "small", "open")));

        RequestRejected rejected = limited.published(RequestRejected.class).get(0);
        assertThat(rejected.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getField()).isEqualTo("team");
            assertThat(v.getCode()).isEqualTo("team-limit");
            assertThat(v.getMessage()).startsWith("max-namespaces:").contains("payments", "at most 1");
        });
        assertThat(limited.store.namespaces).doesNotContainKey("payments-two");
    }

    @Test
    void requestOverTheTeamsSummedQuotaIsRejectedNamingTheLimit() {
        SagaTestKit limited = new SagaTestKit(new TeamLimits(new TeamLimit(null, "3", "64Gi"), Map.of()));
        limited.creates.onNamespaceRequested(requested("req-1", spec("payments-one", "development", "small", "open")));

        limited.creates.onNamespaceRequested(requested("req-2", spec("payments-two", "development", "small", "open")));

        RequestRejected rejected = limited.published(RequestRejected.class).get(0);
        assertThat(rejected.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getCode()).isEqualTo("team-limit");
            assertThat(v.getMessage()).startsWith("max-cpu:").contains("4 CPU", "3 CPU");
        });
        assertThat(limited.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.PROVISIONING);
    }

    @Test
    void permanentRefusalRemovesWhatTheRequestCreatedAndFailsTheStep() {
        kit.cluster.refuseAt = "quota";

        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));

        NamespaceProvisioningFailed failed = kit.published(NamespaceProvisioningFailed.class).get(0);
        assertThat(failed.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "failed"));
        assertThat(failed.getStep()).isEqualTo("quota");
        assertThat(failed.getReason()).contains("HTTP 403");
        assertThat(failed.getRetryable()).isTrue();
        assertThat(kit.cluster.removed).containsExactly("payments-api");
        assertThat(kit.cluster.existing).doesNotContainKey("payments-api");
        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.FAILED);
        assertThat(kit.store.namespaces.get("payments-api").status()).isEqualTo(SagaStatus.FAILED);
        assertThat(kit.counter("namespace.provisioning", "status", "FAILED")).isEqualTo(1);
    }

    @Test
    void transientClusterErrorsAreRetriedWithBackOffWithinTheHandler() {
        kit.cluster.unavailableTimes = 2;

        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));

        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.PROVISIONING);
        assertThat(kit.store.errors.get("req-1")).contains("HTTP 503");
    }

    @Test
    void transientErrorsBeyondTheRetryBudgetAreThrownAndNothingIsAnnounced() {
        kit.cluster.unavailableTimes = 10;

        assertThatThrownBy(() -> kit.creates.onNamespaceRequested(
                requested("req-1", spec("payments-api", "development", "small", "open"))))
                .isInstanceOf(ClusterUnavailableException.class);

        assertThat(kit.publisher.batches).isEmpty();
        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.PENDING);
    }

    @Test
    void eventsOfACommittedStepGoOutOnceTheBrokerIsBack() {
        kit.publisher.down = true;
        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));
        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.PROVISIONING);
        assertThat(kit.publisher.batches).isEmpty();

        kit.publisher.down = false;
        kit.support.relay.sweep();

        assertThat(kit.published(NamespaceProvisioned.class)).hasSize(1);
        assertThat(kit.published(PoliciesApplied.class)).hasSize(1);
    }

    @Test
    void rbacAppliedMakesTheNamespaceReadyOnce() {
        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));

        kit.creates.onRbacApplied(rbacApplied("req-1", "payments-api"));
        kit.creates.onRbacApplied(rbacApplied("req-1", "payments-api"));

        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.READY);
        assertThat(kit.store.namespaces.get("payments-api").status()).isEqualTo(SagaStatus.READY);
        assertThat(kit.published(NamespaceReady.class)).singleElement().satisfies(ready -> {
            assertThat(ready.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "ready"));
            assertThat(ready.getSpec().getName()).isEqualTo("payments-api");
        });
        assertThat(kit.counter("namespace.provisioning", "status", "READY")).isEqualTo(1);
        assertThat(kit.meters.find("namespace.saga.step").tag("step", "rbac").timer().count()).isEqualTo(1);
    }

    @Test
    void rbacAnswerForAnUnknownRequestIsIgnored() {
        kit.creates.onRbacApplied(rbacApplied("nobody", "payments-api"));

        assertThat(kit.publisher.batches).isEmpty();
    }

    @Test
    void rbacFailureCompensatesAndFailsTheRequestAtTheRbacStep() {
        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));

        kit.creates.onRbacFailed(RbacFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived("req-1", "rbac-failed", "team-payments", "rbac-service", Instant.now()))
                .setName("payments-api").setReason("forbidden").setRetryable(false).build());

        NamespaceProvisioningFailed failed = kit.published(NamespaceProvisioningFailed.class).get(0);
        assertThat(failed.getStep()).isEqualTo("rbac");
        assertThat(failed.getReason()).contains("forbidden");
        assertThat(kit.cluster.removed).containsExactly("payments-api");
        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.FAILED);
    }

    @Test
    void requestNotFinishedWithinTheDeadlineFailsAndIsCompensated() {
        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));
        kit.clock.advance(Duration.ofMinutes(3));

        kit.supervisor.failPastDeadline();

        NamespaceProvisioningFailed failed = kit.published(NamespaceProvisioningFailed.class).get(0);
        assertThat(failed.getStep()).isEqualTo("deadline");
        assertThat(failed.getReason()).contains("PT2M", "stuck at step policies");
        assertThat(kit.cluster.removed).containsExactly("payments-api");
        assertThat(kit.store.namespaces.get("payments-api").status()).isEqualTo(SagaStatus.FAILED);
    }

    @Test
    void compensationTheClusterCannotDoNowIsRetriedByTheSupervisor() {
        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));
        kit.cluster.unavailableTimes = 100;
        kit.clock.advance(Duration.ofMinutes(3));

        kit.supervisor.failPastDeadline();
        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.FAILED);
        assertThat(kit.store.cleanup.get("req-1")).isTrue();
        assertThat(kit.cluster.existing).containsKey("payments-api");

        kit.cluster.unavailableTimes = 0;
        kit.supervisor.cleanUp();

        assertThat(kit.cluster.existing).doesNotContainKey("payments-api");
        assertThat(kit.store.cleanup.get("req-1")).isFalse();
    }

    @Test
    void adminRetryRunsAFailedRequestAgainWithNewEventIds() {
        kit.cluster.refuseAt = "quota";
        kit.creates.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));
        kit.cluster.refuseAt = null;

        assertThat(kit.retries.retry("req-1").attempt()).isEqualTo(2);
        kit.supervisor.drive("req-1");

        assertThat(kit.store.sagas.get("req-1").status()).isEqualTo(SagaStatus.PROVISIONING);
        assertThat(kit.published(NamespaceProvisioned.class)).singleElement().satisfies(provisioned ->
                assertThat(provisioned.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "provisioned#2")));
        assertThatThrownBy(() -> kit.retries.retry("req-1")).isInstanceOf(SagaRetries.RetryRefusedException.class)
                .hasMessageContaining("only a FAILED request");
        assertThatThrownBy(() -> kit.retries.retry("nobody")).isInstanceOf(SagaRetries.RetryRefusedException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void catalogNotLoadedYetIsRetriedRatherThanRejected() {
        SagaTestKit noCatalog = new SagaTestKit(TeamLimits.unlimited());
        noCatalog.catalog.apply("tier:small", null);
        noCatalog.catalog.apply("tier:micro", null);
        noCatalog.catalog.apply("tier:large", null);

        assertThatThrownBy(() -> noCatalog.creates.onNamespaceRequested(
                requested("req-1", spec("payments-api", "development", "small", "open"))))
                .isInstanceOf(CatalogUnavailableException.class);
        assertThat(noCatalog.publisher.batches).isEmpty();
        assertThat(noCatalog.store.sagas).isEmpty();
    }

    static RbacApplied rbacApplied(String requestId, String name) {
        return RbacApplied.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-applied", "team-payments", "rbac-service", Instant.now()))
                .setName(name).setTeam("payments").setSubjectGroup("team-payments").setClusterRole("admin")
                .setRoleBinding("team-payments-admin").build();
    }

    static String derivedId(String requestId, String step) {
        return EventEnvelopes.derived(requestId, step, "a", "s", Instant.EPOCH).getEventId();
    }
}
