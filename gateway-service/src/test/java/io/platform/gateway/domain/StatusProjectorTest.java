package io.platform.gateway.domain;

import static io.platform.gateway.domain.Specs.at;
import static io.platform.gateway.domain.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.gateway.domain.LifecycleFact.Deleted;
import io.platform.gateway.domain.LifecycleFact.PoliciesApplied;
import io.platform.gateway.domain.LifecycleFact.Provisioned;
import io.platform.gateway.domain.LifecycleFact.ProvisioningFailed;
import io.platform.gateway.domain.LifecycleFact.RbacApplied;
import io.platform.gateway.domain.LifecycleFact.RbacFailed;
import io.platform.gateway.domain.LifecycleFact.Ready;
import io.platform.gateway.domain.LifecycleFact.Rejected;
import io.platform.gateway.domain.LifecycleFact.Requested;
import io.platform.gateway.domain.LifecycleFact.Updated;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusProjectorTest {

    private final InMemoryReadModel readModel = new InMemoryReadModel();
    private final StatusProjector projector = new StatusProjector(readModel, readModel);

    private static Requested requested(String requestId, String name, int second) {
        return new Requested("requested-" + requestId, requestId, name, at(second), RequestType.CREATE,
                spec(name, "payments"), null, "team-payments", "billing-system");
    }

    private static Provisioned provisioned(String requestId, String name, int second) {
        return new Provisioned("provisioned-" + requestId, requestId, name, at(second), spec(name, "payments"),
                List.of("Namespace/" + name, "ResourceQuota/tier-small"));
    }

    private static PoliciesApplied policies(String requestId, String name, int second) {
        return new PoliciesApplied("policies-" + requestId, requestId, name, at(second), "isolated", "baseline");
    }

    private static RbacApplied rbac(String requestId, String name, int second) {
        return new RbacApplied("rbac-" + requestId, requestId, name, at(second), "payments", "team-payments-admin");
    }

    private static Ready ready(String requestId, String name, int second) {
        return new Ready("ready-" + requestId, requestId, name, at(second), spec(name, "payments"));
    }

    private static Rejected rejected(String requestId, String name, int second) {
        return new Rejected("rejected-" + requestId, requestId, name, at(second), RequestType.CREATE,
                List.of(new Violation("name", "taken", "'" + name + "' is owned by another namespace")));
    }

    private static ProvisioningFailed failed(String requestId, String name, String step, int second) {
        return new ProvisioningFailed("failed-" + requestId, requestId, name, at(second), step, "RoleBinding refused", false);
    }

    @Test
    void followsARequestThroughEveryStepToReadyWithTheTimeOfEachStep() {
        // Given a request another system published
        projector.apply(requested("r1", "payments-api", 0));
        assertThat(readModel.findRequest("r1").orElseThrow().status()).isEqualTo(LifecycleStatus.PENDING);
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.PENDING);

        // When provisioning, policies, RBAC and readiness are reported
        projector.apply(provisioned("r1", "payments-api", 1));
        assertThat(readModel.findRequest("r1").orElseThrow().status()).isEqualTo(LifecycleStatus.PROVISIONING);
        projector.apply(policies("r1", "payments-api", 2));
        projector.apply(rbac("r1", "payments-api", 3));
        projector.apply(ready("r1", "payments-api", 4));

        // Then the request is READY with its four steps in order, each with its time
        NamespaceRequest request = readModel.findRequest("r1").orElseThrow();
        assertThat(request.status()).isEqualTo(LifecycleStatus.READY);
        assertThat(request.steps()).extracting(RequestStep::step)
                .containsExactly(RequestStep.NAMESPACE, RequestStep.POLICIES, RequestStep.RBAC, RequestStep.READY);
        assertThat(request.steps()).extracting(RequestStep::occurredAt).containsExactly(at(1), at(2), at(3), at(4));
        assertThat(request.steps()).allMatch(step -> step.outcome() == StepOutcome.COMPLETED);
        assertThat(request.actor()).isEqualTo("team-payments");
        assertThat(request.source()).isEqualTo("billing-system");
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.READY);
    }

    @Test
    void projectsTheSameResultWhenTheOutcomeArrivesBeforeTheRequest() {
        // Given the events topic is read ahead of the request topic
        projector.apply(provisioned("r1", "payments-api", 1));
        projector.apply(ready("r1", "payments-api", 4));

        // When the request itself arrives last
        projector.apply(requested("r1", "payments-api", 0));

        // Then it fills in who asked without moving the status back
        NamespaceRequest request = readModel.findRequest("r1").orElseThrow();
        assertThat(request.status()).isEqualTo(LifecycleStatus.READY);
        assertThat(request.actor()).isEqualTo("team-payments");
        assertThat(request.createdAt()).isEqualTo(at(0));
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.READY);
    }

    @Test
    void doesNotLetALateRequestReclaimTheNameOfARejectedRequest() {
        // Given the rejection was read before the request it answers
        projector.apply(rejected("r1", "payments-api", 1));

        // When the request arrives
        projector.apply(requested("r1", "payments-api", 0));

        // Then the request stays REJECTED and no namespace claims the name
        assertThat(readModel.findRequest("r1").orElseThrow().status()).isEqualTo(LifecycleStatus.REJECTED);
        assertThat(readModel.findNamespace("payments-api")).isEmpty();
    }

    @Test
    void appliesARedeliveredEventOnlyOnce() {
        // Given a request that was rejected
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(rejected("r1", "payments-api", 1));

        // When the request event is delivered again
        boolean applied = projector.apply(requested("r1", "payments-api", 0));

        // Then nothing changes: the name stays free
        assertThat(applied).isFalse();
        assertThat(readModel.findNamespace("payments-api")).isEmpty();
    }

    @Test
    void recordsEveryViolationOfARejectedRequestAndFreesTheName() {
        projector.apply(requested("r1", "payments-api", 0));

        projector.apply(rejected("r1", "payments-api", 1));

        NamespaceRequest request = readModel.findRequest("r1").orElseThrow();
        assertThat(request.status()).isEqualTo(LifecycleStatus.REJECTED);
        assertThat(request.violations()).extracting(Violation::code).containsExactly("taken");
        assertThat(readModel.findNamespace("payments-api")).isEmpty();
    }

    @Test
    void leavesTheOwnerOfANameAloneWhenACompetingRequestIsRejected() {
        // Given r1 owns the name and r2, published directly to Kafka, asks for it too
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(provisioned("r1", "payments-api", 1));
        projector.apply(requested("r2", "payments-api", 2));

        // When provisioning-service rejects r2
        projector.apply(rejected("r2", "payments-api", 3));

        // Then r1's namespace is untouched
        Namespace namespace = readModel.findNamespace("payments-api").orElseThrow();
        assertThat(namespace.requestId()).isEqualTo("r1");
        assertThat(namespace.status()).isEqualTo(LifecycleStatus.PROVISIONING);
        assertThat(readModel.findRequest("r2").orElseThrow().status()).isEqualTo(LifecycleStatus.REJECTED);
    }

    @Test
    void marksTheRbacStepFailedThenTheRequestFailedWithStepAndReason() {
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(provisioned("r1", "payments-api", 1));
        projector.apply(policies("r1", "payments-api", 2));

        projector.apply(new RbacFailed("rbac-failed-r1", "r1", "payments-api", at(3), "RoleBinding refused"));
        NamespaceRequest afterRbac = readModel.findRequest("r1").orElseThrow();
        assertThat(afterRbac.status()).isEqualTo(LifecycleStatus.PROVISIONING);
        assertThat(afterRbac.steps()).filteredOn(step -> step.step().equals(RequestStep.RBAC))
                .singleElement().satisfies(step -> {
                    assertThat(step.outcome()).isEqualTo(StepOutcome.FAILED);
                    assertThat(step.detail()).isEqualTo("RoleBinding refused");
                });

        projector.apply(failed("r1", "payments-api", "rbac", 4));
        NamespaceRequest failed = readModel.findRequest("r1").orElseThrow();
        assertThat(failed.status()).isEqualTo(LifecycleStatus.FAILED);
        assertThat(failed.failure()).isEqualTo(new Failure("rbac", "RoleBinding refused", false));
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.FAILED);
    }

    @Test
    void neverMovesAFinishedRequestBack() {
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(ready("r1", "payments-api", 4));

        projector.apply(provisioned("r1", "payments-api", 1));
        projector.apply(rejected("r1", "payments-api", 5));

        assertThat(readModel.findRequest("r1").orElseThrow().status()).isEqualTo(LifecycleStatus.READY);
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.READY);
    }

    @Test
    void followsDayTwoChangesAndDeletionOfANamespace() {
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(ready("r1", "payments-api", 1));
        NamespaceSpecification larger = new NamespaceSpecification("payments-api", "payments", "development", "medium",
                "isolated", List.of(), null, null);

        projector.apply(new Updated("updated-u1", "u1", "payments-api", at(2), larger));
        assertThat(readModel.findNamespace("payments-api").orElseThrow().spec().tier()).isEqualTo("medium");
        assertThat(readModel.findRequest("u1").orElseThrow().type()).isEqualTo(RequestType.UPDATE);

        projector.apply(new Deleted("deleted-d1", "d1", "payments-api", at(3), "payments"));
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.DELETED);
        assertThat(readModel.findRequest("d1").orElseThrow().status()).isEqualTo(LifecycleStatus.DELETED);
    }

    private static Requested dayTwo(String requestId, RequestType type, String name, int second) {
        return new Requested("requested-" + requestId, requestId, name, at(second), type, null,
                type == RequestType.UPDATE ? new NamespaceChanges("medium", null, null, null, null) : null,
                "team-payments", "billing-system");
    }

    @Test
    void marksTheNamespaceUpdatingWhileAChangeIsOpenAndReadyWithTheNewSpecAfterIt() {
        // Given a READY namespace and a change another system published
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(ready("r1", "payments-api", 1));
        projector.apply(dayTwo("u1", RequestType.UPDATE, "payments-api", 2));

        // Then the namespace is UPDATING and the request knows its team and changes
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.UPDATING);
        NamespaceRequest update = readModel.findRequest("u1").orElseThrow();
        assertThat(update.team()).isEqualTo("payments");
        assertThat(update.changes().tier()).isEqualTo("medium");

        // When provisioning-service reports the change applied
        NamespaceSpecification larger = new NamespaceSpecification("payments-api", "payments", "development", "medium",
                "isolated", List.of(), null, null);
        projector.apply(new Updated("updated-u1", "u1", "payments-api", at(3), larger));

        // Then the namespace is READY with the new spec and the request READY
        Namespace namespace = readModel.findNamespace("payments-api").orElseThrow();
        assertThat(namespace.status()).isEqualTo(LifecycleStatus.READY);
        assertThat(namespace.spec().tier()).isEqualTo("medium");
        assertThat(readModel.findRequest("u1").orElseThrow().status()).isEqualTo(LifecycleStatus.READY);
    }

    @Test
    void putsTheNamespaceBackToReadyWhenADayTwoRequestIsRejectedOrFails() {
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(ready("r1", "payments-api", 1));

        projector.apply(dayTwo("u1", RequestType.UPDATE, "payments-api", 2));
        projector.apply(new Rejected("rejected-u1", "u1", "payments-api", at(3), RequestType.UPDATE,
                List.of(new Violation("tier", "unknown-tier", "no such tier"))));
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.READY);
        assertThat(readModel.findRequest("u1").orElseThrow().status()).isEqualTo(LifecycleStatus.REJECTED);

        projector.apply(dayTwo("d1", RequestType.DELETE, "payments-api", 4));
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.DELETING);
        projector.apply(failed("d1", "payments-api", "delete-namespace", 5));
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.READY);
        assertThat(readModel.findRequest("d1").orElseThrow().failure().step()).isEqualTo("delete-namespace");
    }

    @Test
    void followsADeletionThroughItsStepsWithTheirTimes() {
        // Given a READY namespace and its deletion request
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(ready("r1", "payments-api", 1));
        projector.apply(dayTwo("d1", RequestType.DELETE, "payments-api", 2));

        // When provisioning-service starts the deletion, rbac-service releases its objects and the namespace goes
        projector.apply(new LifecycleFact.DeletionStarted("started-d1", "d1", "payments-api", at(3), "payments", "cleanup"));
        assertThat(readModel.findRequest("d1").orElseThrow().status()).isEqualTo(LifecycleStatus.DELETING);
        projector.apply(new LifecycleFact.RbacRemoved("rbac-removed-d1", "d1", "payments-api", at(4),
                List.of("RoleBinding/team-payments-admin")));
        projector.apply(new Deleted("deleted-d1", "d1", "payments-api", at(5), "payments"));

        // Then the request shows every step in order and is DELETED, like the namespace
        NamespaceRequest deletion = readModel.findRequest("d1").orElseThrow();
        assertThat(deletion.steps()).extracting(RequestStep::step)
                .containsExactly(RequestStep.DELETION_STARTED, RequestStep.RBAC_REMOVED, RequestStep.DELETED);
        assertThat(deletion.steps()).extracting(RequestStep::occurredAt).containsExactly(at(3), at(4), at(5));
        assertThat(deletion.status()).isEqualTo(LifecycleStatus.DELETED);
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.DELETED);
    }

    @Test
    void doesNotMarkTheNamespaceForADayTwoRequestThatWasAnsweredBeforeItWasRead() {
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(ready("r1", "payments-api", 1));
        projector.apply(new Deleted("deleted-d1", "d1", "payments-api", at(3), "payments"));

        projector.apply(dayTwo("d1", RequestType.DELETE, "payments-api", 2));

        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.DELETED);
        assertThat(readModel.findRequest("d1").orElseThrow().status()).isEqualTo(LifecycleStatus.DELETED);
    }

    @Test
    void givesANameBackAfterFailureSoANewRequestCanTakeIt() {
        projector.apply(requested("r1", "payments-api", 0));
        projector.apply(failed("r1", "payments-api", "namespace", 1));

        projector.apply(requested("r2", "payments-api", 2));

        Namespace namespace = readModel.findNamespace("payments-api").orElseThrow();
        assertThat(namespace.requestId()).isEqualTo("r2");
        assertThat(namespace.status()).isEqualTo(LifecycleStatus.PENDING);
        assertThat(namespace.createdAt()).isEqualTo(at(2));
    }

    @Test
    void retriesWhenAnotherWriterInsertedTheSameRequestFirst() {
        readModel.concurrentInsertsToSimulate = 1;

        boolean applied = projector.apply(requested("r1", "payments-api", 0));

        assertThat(applied).isTrue();
        assertThat(readModel.findRequest("r1")).isPresent();
    }

    @Test
    void givesUpAfterRepeatedConcurrentInsertsSoTheErrorHandlerCanRetryLater() {
        readModel.concurrentInsertsToSimulate = 5;

        assertThatThrownBy(() -> projector.apply(requested("r1", "payments-api", 0)))
                .isInstanceOf(ConcurrentChangeException.class);
        assertThat(readModel.findRequest("r1")).isEmpty();
    }
}
