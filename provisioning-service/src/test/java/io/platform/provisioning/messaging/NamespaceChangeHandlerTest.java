package io.platform.provisioning.messaging;

import static io.platform.provisioning.messaging.Fixtures.deletion;
import static io.platform.provisioning.messaging.Fixtures.requested;
import static io.platform.provisioning.messaging.Fixtures.spec;
import static io.platform.provisioning.messaging.Fixtures.update;
import static io.platform.provisioning.messaging.ProvisioningSagaHandlerTest.derivedId;
import static io.platform.provisioning.messaging.ProvisioningSagaHandlerTest.rbacApplied;
import static org.assertj.core.api.Assertions.assertThat;

import io.platform.events.namespace.DriftCorrected;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceDeletionStarted;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceUpdated;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RbacRemoved;
import io.platform.events.namespace.RequestRejected;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.ExistingNamespace;
import io.platform.provisioning.domain.ObservedNamespace;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.TeamLimit;
import io.platform.provisioning.domain.TeamLimits;
import io.platform.schemas.EventEnvelopes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Day-2 changes, deletions and drift repair with in-memory stand-ins. */
class NamespaceChangeHandlerTest {

    private final SagaTestKit kit = new SagaTestKit(TeamLimits.unlimited());

    private void ready(SagaTestKit on, String requestId, String name, String tier, String... features) {
        on.creates.onNamespaceRequested(requested(requestId, spec(name, "development", tier, "isolated", features)));
        on.creates.onRbacApplied(rbacApplied(requestId, name));
        assertThat(on.store.namespaces.get(name).status()).isEqualTo(SagaStatus.READY);
    }

    @Test
    void updateAppliesTheChangeAndAnnouncesTheFullNewSpecWithTheChangedFields() {
        ready(kit, "req-1", "payments-api", "small", "monitoring");
        DesiredObjects before = kit.cluster.applied.get("payments-api");

        kit.changes.onUpdateRequested(update("upd-1", "payments-api", "large", "open", List.of("backup"), "new description"));

        NamespaceUpdated updated = kit.published(NamespaceUpdated.class).get(0);
        assertThat(updated.getEnvelope().getRequestId()).isEqualTo("upd-1");
        assertThat(updated.getEnvelope().getEventId()).isEqualTo(derivedId("upd-1", "updated"));
        assertThat(updated.getSpec().getTier()).isEqualTo("large");
        assertThat(updated.getSpec().getNetworkPolicy()).isEqualTo("open");
        assertThat(updated.getSpec().getFeatures()).containsExactly("backup");
        assertThat(updated.getSpec().getDescription()).isEqualTo("new description");
        assertThat(updated.getSpec().getCostCenter()).isEqualTo("CC-1234");
        assertThat(updated.getSpec().getTeam()).isEqualTo("payments");
        assertThat(updated.getChangedFields()).containsExactly("tier", "networkPolicy", "features", "description");
        assertThat(kit.cluster.calls).contains("change:payments-api:8");
        DesiredObjects after = kit.cluster.applied.get("payments-api");
        assertThat(before.namespaceLabels()).containsKey("platform.io/monitoring-enabled");
        assertThat(after.namespaceLabels()).doesNotContainKey("platform.io/monitoring-enabled")
                .containsEntry("backup.platform.io/enabled", "true").containsEntry("platform.io/tier", "large");
        assertThat(after.networkPolicy()).isEmpty();
        assertThat(kit.store.sagas.get("upd-1").status()).isEqualTo(SagaStatus.READY);
        assertThat(kit.store.namespaces.get("payments-api").spec().tier()).isEqualTo("large");
        assertThat(kit.store.namespaces.get("payments-api").tier().cpu()).isEqualTo("8");
        assertThat(kit.store.namespaces.get("payments-api").lastRequestId()).isEqualTo("upd-1");
        assertThat(kit.counter("namespace.provisioning", "status", "UPDATED")).isEqualTo(1);
    }

    @Test
    void invalidUpdateIsRejectedWithTheSharedRules() {
        ready(kit, "req-1", "payments-api", "small");

        kit.changes.onUpdateRequested(update("upd-1", "payments-api", "huge", "wide-open", List.of("nope"), null));

        RequestRejected rejected = kit.published(RequestRejected.class).get(0);
        assertThat(rejected.getRequestType()).isEqualTo("io.platform.events.namespace.NamespaceUpdateRequested");
        assertThat(rejected.getViolations()).extracting(v -> v.getField() + ":" + v.getCode())
                .contains("tier:unknown-tier", "networkPolicy:pattern", "features[0]:unknown-feature");
        assertThat(kit.cluster.calls).noneMatch(call -> call.startsWith("change:"));
    }

    @Test
    void updateOfANamespaceThePlatformDoesNotManageIsRejected() {
        kit.changes.onUpdateRequested(update("upd-1", "nowhere", "large", null, null, null));

        assertThat(kit.published(RequestRejected.class)).singleElement().satisfies(r ->
                assertThat(r.getViolations()).extracting(v -> v.getCode()).containsExactly("not-found"));
    }

    @Test
    void tierChangeOverTheTeamsSummedQuotaIsRejected() {
        SagaTestKit limited = new SagaTestKit(new TeamLimits(new TeamLimit(null, "4", null), Map.of()));
        ready(limited, "req-1", "payments-api", "small");

        limited.changes.onUpdateRequested(update("upd-1", "payments-api", "large", null, null, null));

        assertThat(limited.published(RequestRejected.class)).singleElement().satisfies(r ->
                assertThat(r.getViolations()).singleElement().satisfies(v -> {
                    assertThat(v.getCode()).isEqualTo("team-limit");
                    assertThat(v.getMessage()).startsWith("max-cpu:");
                }));
        assertThat(limited.store.namespaces.get("payments-api").spec().tier()).isEqualTo("small");
    }

    @Test
    void refusedUpdatePutsThePreviousStateBackAndFails() {
        ready(kit, "req-1", "payments-api", "small");
        kit.cluster.refuseAt = "update";

        kit.changes.onUpdateRequested(update("upd-1", "payments-api", "large", null, null, null));

        NamespaceProvisioningFailed failed = kit.published(NamespaceProvisioningFailed.class).get(0);
        assertThat(failed.getEnvelope().getRequestId()).isEqualTo("upd-1");
        assertThat(failed.getReason()).contains("HTTP 422");
        assertThat(kit.cluster.calls).endsWith("change:payments-api:2");
        assertThat(kit.store.namespaces.get("payments-api").status()).isEqualTo(SagaStatus.READY);
        assertThat(kit.store.namespaces.get("payments-api").spec().tier()).isEqualTo("small");
    }

    @Test
    void deletionWaitsForRbacThenDeletesTheNamespaceAndAnnouncesIt() {
        ready(kit, "req-1", "payments-api", "small");

        kit.changes.onDeletionRequested(deletion("del-1", "payments-api"));

        NamespaceDeletionStarted started = kit.published(NamespaceDeletionStarted.class).get(0);
        assertThat(started.getEnvelope().getRequestId()).isEqualTo("del-1");
        assertThat(started.getTeam()).isEqualTo("payments");
        assertThat(kit.store.namespaces.get("payments-api").status()).isEqualTo(SagaStatus.DELETING);
        assertThat(kit.cluster.calls).noneMatch(call -> call.startsWith("delete:"));

        kit.changes.onRbacRemoved(rbacRemoved("del-1", "payments-api"));

        NamespaceDeleted deleted = kit.published(NamespaceDeleted.class).get(0);
        assertThat(deleted.getEnvelope().getEventId()).isEqualTo(derivedId("del-1", "deleted"));
        assertThat(deleted.getTeam()).isEqualTo("payments");
        assertThat(kit.store.sagas.get("del-1").status()).isEqualTo(SagaStatus.DELETED);
        assertThat(kit.store.namespaces.get("payments-api").status()).isEqualTo(SagaStatus.DELETED);
        assertThat(kit.counter("namespace.provisioning", "status", "DELETED")).isEqualTo(1);
    }

    @Test
    void deletionIsDeclaredOnlyOnceTheApiServerNoLongerHasTheNamespace() {
        ready(kit, "req-1", "payments-api", "small");
        kit.cluster.keepTerminating = true;
        kit.changes.onDeletionRequested(deletion("del-1", "payments-api"));
        kit.changes.onRbacRemoved(rbacRemoved("del-1", "payments-api"));
        assertThat(kit.store.sagas.get("del-1").status()).isEqualTo(SagaStatus.DELETING);
        assertThat(kit.published(NamespaceDeleted.class)).isEmpty();

        kit.cluster.existing.remove("payments-api");
        kit.clock.advance(Duration.ofSeconds(20));
        kit.supervisor.resumeStalled();

        assertThat(kit.store.sagas.get("del-1").status()).isEqualTo(SagaStatus.DELETED);
        assertThat(kit.published(NamespaceDeleted.class)).hasSize(1);
    }

    @Test
    void protectedNamespaceIsNotDeleted() {
        ready(kit, "req-1", "payments-api", "small");
        kit.cluster.existing.put("payments-api", new ExistingNamespace("payments-api", "req-1", false, true));

        kit.changes.onDeletionRequested(deletion("del-1", "payments-api"));

        assertThat(kit.published(RequestRejected.class)).singleElement().satisfies(r -> {
            assertThat(r.getRequestType()).isEqualTo("io.platform.events.namespace.NamespaceDeletionRequested");
            assertThat(r.getViolations()).extracting(v -> v.getCode()).containsExactly("protected");
        });
        assertThat(kit.store.namespaces.get("payments-api").status()).isEqualTo(SagaStatus.READY);
    }

    @Test
    void rbacRefusingToRemoveBindingsFailsTheDeletionAndKeepsTheNamespace() {
        ready(kit, "req-1", "payments-api", "small");
        kit.changes.onDeletionRequested(deletion("del-1", "payments-api"));

        kit.changes.onRbacFailed(RbacFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived("del-1", "rbac-failed", "team-payments", "rbac-service", Instant.now()))
                .setName("payments-api").setReason("HTTP 403").setRetryable(false).build());

        assertThat(kit.published(NamespaceProvisioningFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.getStep()).isEqualTo("rbac"));
        assertThat(kit.store.namespaces.get("payments-api").status()).isEqualTo(SagaStatus.READY);
        assertThat(kit.cluster.calls).noneMatch(call -> call.startsWith("delete:"));
    }

    @Test
    void driftRepairPutsBackWhatDifferedAndRecordsIt() {
        ready(kit, "req-1", "payments-api", "small");
        DesiredObjects desired = kit.cluster.applied.get("payments-api");
        kit.cluster.observed = new ObservedNamespace(true, false, desired.namespaceLabels(), desired.namespaceAnnotations(),
                Optional.empty(), Optional.of(new ObservedNamespace.ObservedLimits(true,
                        desired.limits().containerDefaultLimits(), desired.limits().containerDefaultRequests())),
                Optional.of(new ObservedNamespace.ObservedPolicy(Optional.of(desired.networkPolicy().get().allowedSources()))));

        kit.drift.reconcileAll();

        assertThat(kit.cluster.calls).contains("repair:ResourceQuota");
        DriftCorrected corrected = kit.published(DriftCorrected.class).get(0);
        assertThat(corrected.getEnvelope().getRequestId()).isEqualTo("req-1");
        assertThat(corrected.getObjectKind()).isEqualTo("ResourceQuota");
        assertThat(corrected.getObjectName()).isEqualTo("platform-quota");
        assertThat(corrected.getChange()).isEqualTo("deleted");
        assertThat(kit.counter("namespace.drift.corrections", "kind", "ResourceQuota")).isEqualTo(1);
    }

    @Test
    void driftRepairSkipsANamespaceWhoseChangeIsInFlight() {
        ready(kit, "req-1", "payments-api", "small");
        kit.store.lockedNamespaces.add("payments-api");

        kit.drift.reconcile("payments-api");

        assertThat(kit.cluster.calls).noneMatch(call -> call.startsWith("repair:"));
    }

    private static RbacRemoved rbacRemoved(String requestId, String name) {
        return RbacRemoved.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-removed", "team-payments", "rbac-service", Instant.now()))
                .setName(name).setObjects(List.of("RoleBinding/team-payments-admin")).build();
    }
}
