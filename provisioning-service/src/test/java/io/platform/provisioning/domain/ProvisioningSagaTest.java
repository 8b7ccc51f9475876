package io.platform.provisioning.domain;

import static io.platform.provisioning.domain.TestCatalog.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.rules.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningSagaTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(1);
    private static final Instant T2 = T0.plusSeconds(2);

    private final ProvisioningSaga accepted = ProvisioningSaga.accepted("req-1",
            spec("payments-api", "production", "small", "isolated"), "team-payments", T0);

    @Test
    void acceptedRequestIsPendingAndOwnsItsName() {
        assertThat(accepted.status()).isEqualTo(SagaStatus.PENDING);
        assertThat(accepted.step()).isEqualTo("accepted");
        assertThat(accepted.status().ownsName()).isTrue();
    }

    @Test
    void happyPathGoesFromPendingThroughProvisioningToReady() {
        ProvisioningSaga provisioned = accepted.provisioned(List.of("Namespace/payments-api"), "restricted", T1);
        ProvisioningSaga ready = provisioned.ready(T2);

        assertThat(provisioned.status()).isEqualTo(SagaStatus.PROVISIONING);
        assertThat(provisioned.step()).isEqualTo("policies");
        assertThat(provisioned.podSecurityLevel()).isEqualTo("restricted");
        assertThat(provisioned.updatedAt()).isEqualTo(T1);
        assertThat(ready.status()).isEqualTo(SagaStatus.READY);
        assertThat(ready.updatedAt()).isEqualTo(T2);
        assertThat(ready.createdAt()).isEqualTo(T0);
        assertThat(ready.status().isTerminal()).isTrue();
    }

    @Test
    void provisioningAgainKeepsTheOriginalTransitionTimeSoEventsRepeatIdentically() {
        ProvisioningSaga provisioned = accepted.provisioned(List.of("Namespace/payments-api"), "restricted", T1);

        ProvisioningSaga again = provisioned.provisioned(List.of("Namespace/payments-api"), "restricted", T2);

        assertThat(again.status()).isEqualTo(SagaStatus.PROVISIONING);
        assertThat(again.updatedAt()).isEqualTo(T1);
    }

    @Test
    void failureRecordsStepAndReasonAndFreesTheName() {
        ProvisioningSaga failed = accepted.provisioned(List.of("Namespace/payments-api"), "restricted", T1)
                .failed("rbac", "forbidden", T2);

        assertThat(failed.status()).isEqualTo(SagaStatus.FAILED);
        assertThat(failed.failure()).isEqualTo(new Failure("rbac", "forbidden"));
        assertThat(failed.step()).isEqualTo("rbac");
        assertThat(failed.objects()).isEmpty();
        assertThat(failed.status().ownsName()).isFalse();
    }

    @Test
    void pendingRequestCanFailBeforeAnythingIsProvisioned() {
        assertThat(accepted.failed("namespace", "forbidden", T1).status()).isEqualTo(SagaStatus.FAILED);
    }

    @Test
    void rejectionCarriesTheViolationsAndFreesTheName() {
        ProvisioningSaga rejected = accepted.reject(List.of(Rejections.nameTaken("payments-api")), T1);

        assertThat(rejected.status()).isEqualTo(SagaStatus.REJECTED);
        assertThat(rejected.violations()).extracting(Violation::code).containsExactly("name-taken");
        assertThat(rejected.status().ownsName()).isFalse();
    }

    @Test
    void rejectionNeedsAtLeastOneViolation() {
        assertThatThrownBy(() -> ProvisioningSaga.rejected("r", accepted.spec(), "a", List.of(), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void terminalStatesDoNotMoveOn() {
        ProvisioningSaga ready = accepted.provisioned(List.of(), "restricted", T1).ready(T2);
        ProvisioningSaga rejected = ProvisioningSaga.rejected("r", accepted.spec(), "a",
                List.of(new Violation("name", "pattern", "bad")), T0);

        assertThatThrownBy(() -> ready.failed("rbac", "late", T2)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> rejected.provisioned(List.of(), "baseline", T1)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> accepted.ready(T1)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void statusGraphMatchesTheDesign() {
        assertThat(SagaStatus.PENDING.next()).containsExactlyInAnyOrder(SagaStatus.PROVISIONING, SagaStatus.UPDATING,
                SagaStatus.DELETING, SagaStatus.FAILED, SagaStatus.REJECTED);
        assertThat(SagaStatus.PROVISIONING.next()).containsExactlyInAnyOrder(SagaStatus.READY, SagaStatus.FAILED);
        assertThat(SagaStatus.UPDATING.next()).containsExactlyInAnyOrder(SagaStatus.READY, SagaStatus.FAILED);
        assertThat(SagaStatus.DELETING.next()).containsExactlyInAnyOrder(SagaStatus.DELETED, SagaStatus.FAILED);
        assertThat(SagaStatus.READY.next()).isEmpty();
        assertThat(SagaStatus.DELETED.next()).isEmpty();
        assertThat(SagaStatus.FAILED.next()).containsExactly(SagaStatus.PENDING);
        assertThat(SagaStatus.REJECTED.next()).isEmpty();
    }

    @Test
    void retryStartsANewAttemptWithAFreshDeadline() {
        ProvisioningSaga failed = accepted.provisioned(List.of(), "baseline", T1).failed("rbac", "refused", T2);
        Instant later = T2.plusSeconds(600);

        ProvisioningSaga retried = failed.retried(later);

        assertThat(retried.status()).isEqualTo(SagaStatus.PENDING);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.startedAt()).isEqualTo(later);
        assertThat(retried.createdAt()).isEqualTo(failed.createdAt());
        assertThat(retried.failure()).isNull();
        assertThat(retried.eventStep("provisioned")).isEqualTo("provisioned#2");
        assertThat(accepted.eventStep("provisioned")).isEqualTo("provisioned");
        assertThatThrownBy(() -> accepted.retried(later)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void deletionGoesThroughDeletingToDeleted() {
        ProvisioningSaga deletion = ProvisioningSaga.deletionRequested("d", "payments-api", "gone", "a", T0);

        ProvisioningSaga deleting = deletion.deleting(accepted.spec(), T1);
        ProvisioningSaga terminating = deleting.namespaceDeleting(List.of("Namespace/payments-api"));
        ProvisioningSaga deleted = terminating.deleted(T2);

        assertThat(deleting.status()).isEqualTo(SagaStatus.DELETING);
        assertThat(deleting.team()).isEqualTo("payments");
        assertThat(terminating.step()).isEqualTo(SagaSteps.NAMESPACE_TERMINATING);
        assertThat(terminating.updatedAt()).isEqualTo(T1);
        assertThat(deleted.status()).isEqualTo(SagaStatus.DELETED);
        assertThatThrownBy(() -> deletion.updated(List.of(), "baseline", T1)).isInstanceOf(IllegalStateException.class);
    }
}
