package io.platform.gateway.domain;

import static io.platform.gateway.domain.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceRequestValidator;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamespaceIntakeTest {

    private static final Requester PAYMENTS = new Requester("team-payments", Set.of("payments"), false);
    private static final Requester ADMIN = new Requester("platform-admin", Set.of(), true);

    private final InMemoryReadModel readModel = new InMemoryReadModel();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00.123456Z"), ZoneOffset.UTC);

    private NamespaceIntake intake(boolean catalogLoaded) {
        return new NamespaceIntake(NamespaceRequestValidator.standalone(), Specs.catalog(catalogLoaded), readModel,
                publisher, readModel, clock, "gateway-service");
    }

    @Test
    void storesTheRequestAsPendingAndPublishesItWithTheCallerAsActor() {
        IntakeOutcome outcome = intake(true).submit(PAYMENTS, spec("payments-api", "payments"), null);

        assertThat(outcome).isInstanceOfSatisfying(IntakeOutcome.Accepted.class, accepted -> {
            assertThat(accepted.replay()).isFalse();
            assertThat(accepted.request().status()).isEqualTo(LifecycleStatus.PENDING);
            assertThat(readModel.findRequest(accepted.request().requestId())).contains(accepted.request());
            assertThat(publisher.published).containsExactly(new RecordingPublisher.Published(RequestType.CREATE,
                    accepted.request().requestId(), "payments-api", spec("payments-api", "payments"), "team-payments",
                    Instant.parse("2026-12-01T10:00:00.123Z")));
        });
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.PENDING);
    }

    @Test
    void refusesANamespaceForATeamTheCallerIsNotMemberOf() {
        IntakeOutcome outcome = intake(true).submit(PAYMENTS, spec("search-api", "search"), null);

        assertThat(outcome).isEqualTo(new IntakeOutcome.NotTeamMember("search"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void letsAnAdminAskForAnyTeam() {
        IntakeOutcome outcome = intake(true).submit(ADMIN, spec("search-api", "search"), null);

        assertThat(outcome).isInstanceOf(IntakeOutcome.Accepted.class);
    }

    @Test
    void returnsEveryViolationOfAnInvalidRequest() {
        NamespaceSpecification invalid = new NamespaceSpecification("Payments_API", "payments", "prod", "gigantic",
                "isolated", List.of("monitoring", "telepathy"), null, null);

        IntakeOutcome outcome = intake(true).submit(PAYMENTS, invalid, null);

        assertThat(outcome).isInstanceOfSatisfying(IntakeOutcome.Invalid.class, refused ->
                assertThat(refused.violations()).extracting(Violation::field, Violation::code).contains(
                        org.assertj.core.groups.Tuple.tuple("name", "pattern"),
                        org.assertj.core.groups.Tuple.tuple("environment", "pattern"),
                        org.assertj.core.groups.Tuple.tuple("tier", "unknown-tier"),
                        org.assertj.core.groups.Tuple.tuple("features[1]", "unknown-feature")));
        assertThat(readModel.requestCount()).isZero();
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void asksToRetryWhileTheCatalogIsNotLoaded() {
        IntakeOutcome outcome = intake(false).submit(PAYMENTS, spec("payments-api", "payments"), null);

        assertThat(outcome).isInstanceOf(IntakeOutcome.CatalogUnavailable.class);
    }

    @Test
    void refusesANameAnotherNamespaceHoldsWithItsOpenRequest() {
        IntakeOutcome first = intake(true).submit(PAYMENTS, spec("payments-api", "payments"), null);

        IntakeOutcome second = intake(true).submit(ADMIN, spec("payments-api", "payments"), null);

        assertThat(second).isEqualTo(new IntakeOutcome.NameTaken("payments-api", LifecycleStatus.PENDING,
                ((IntakeOutcome.Accepted) first).request().requestId()));
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void answersARetryWithTheSameIdempotencyKeyWithTheFirstRequest() {
        IntakeOutcome first = intake(true).submit(PAYMENTS, spec("payments-api", "payments"), "order-42");

        IntakeOutcome retry = intake(true).submit(PAYMENTS, spec("payments-api", "payments"), "order-42");

        assertThat(retry).isInstanceOfSatisfying(IntakeOutcome.Accepted.class, accepted -> {
            assertThat(accepted.replay()).isTrue();
            assertThat(accepted.request().requestId()).isEqualTo(((IntakeOutcome.Accepted) first).request().requestId());
        });
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void refusesAnIdempotencyKeyReusedForADifferentRequest() {
        intake(true).submit(PAYMENTS, spec("payments-api", "payments"), "order-42");

        IntakeOutcome reused = intake(true).submit(PAYMENTS, spec("payments-web", "payments"), "order-42");

        assertThat(reused).isInstanceOf(IntakeOutcome.KeyReused.class);
    }

    @Test
    void derivesDifferentRequestIdsForTheSameKeyOfDifferentCallers() {
        assertThat(NamespaceIntake.requestId(PAYMENTS, "order-42")).isEqualTo(NamespaceIntake.requestId(PAYMENTS, "order-42"))
                .isNotEqualTo(NamespaceIntake.requestId(ADMIN, "order-42"));
    }

    @Test
    void leavesNothingBehindWhenTheRequestCannotBePublished() {
        publisher.failing = true;

        assertThatThrownBy(() -> intake(true).submit(PAYMENTS, spec("payments-api", "payments"), null))
                .isInstanceOf(PublicationFailedException.class);

        assertThat(readModel.requestCount()).isZero();
        assertThat(readModel.findNamespace("payments-api")).isEmpty();
    }


    private Namespace ready(String name, String team, String environment) {
        NamespaceSpecification spec = new NamespaceSpecification(name, team, environment, "small", "isolated",
                List.of("monitoring"), null, "cc-1");
        Namespace namespace = new Namespace(name, team, spec, LifecycleStatus.READY, "create-" + name, Specs.T0, Specs.T0);
        readModel.saveNamespace(Optional.empty(), Optional.of(namespace));
        return namespace;
    }

    private static final NamespaceChanges BIGGER = new NamespaceChanges(null, "team-shared", null, "more traffic", null);

    @Test
    void marksAReadyNamespaceUpdatingAndPublishesTheChange() {
        ready("payments-api", "payments", "development");

        IntakeOutcome outcome = intake(true).update(PAYMENTS, "payments-api", BIGGER, null);

        assertThat(outcome).isInstanceOfSatisfying(IntakeOutcome.Accepted.class, accepted -> {
            assertThat(accepted.request().type()).isEqualTo(RequestType.UPDATE);
            assertThat(accepted.request().team()).isEqualTo("payments");
            assertThat(accepted.request().changes()).isEqualTo(BIGGER);
            assertThat(publisher.published).extracting(RecordingPublisher.Published::type, RecordingPublisher.Published::payload)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(RequestType.UPDATE, BIGGER));
        });
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.UPDATING);
    }

    @Test
    void refusesAnInvalidChangeWithEveryViolation() {
        ready("payments-api", "payments", "development");

        IntakeOutcome outcome = intake(true).update(PAYMENTS, "payments-api",
                new NamespaceChanges("gigantic", "wide-open", null, null, null), null);

        assertThat(outcome).isInstanceOfSatisfying(IntakeOutcome.Invalid.class, refused ->
                assertThat(refused.violations()).extracting(Violation::field).containsExactly("networkPolicy", "tier"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void answersAnotherTeamsNamespaceLikeAMissingOne() {
        ready("search-api", "search", "development");

        assertThat(intake(true).update(PAYMENTS, "search-api", BIGGER, null)).isEqualTo(new IntakeOutcome.NotFound("search-api"));
        assertThat(intake(true).delete(PAYMENTS, "search-api", null, null)).isEqualTo(new IntakeOutcome.NotFound("search-api"));
        assertThat(intake(true).update(PAYMENTS, "nothing-here", BIGGER, null)).isEqualTo(new IntakeOutcome.NotFound("nothing-here"));
        assertThat(publisher.published).isEmpty();
    }

    @Test
    void refusesASecondChangeWhileTheFirstIsOpenAndLinksToIt() {
        ready("payments-api", "payments", "development");
        IntakeOutcome first = intake(true).update(PAYMENTS, "payments-api", BIGGER, null);

        IntakeOutcome second = intake(true).delete(PAYMENTS, "payments-api", null, null);

        assertThat(second).isEqualTo(new IntakeOutcome.NotChangeable("payments-api", LifecycleStatus.UPDATING,
                ((IntakeOutcome.Accepted) first).request().requestId()));
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void letsOnlyAdminsDeleteAProductionNamespace() {
        ready("payments-prod", "payments", "production");

        assertThat(intake(true).delete(PAYMENTS, "payments-prod", "cleanup", null)).isInstanceOf(IntakeOutcome.NotAllowed.class);
        IntakeOutcome byAdmin = intake(true).delete(ADMIN, "payments-prod", "cleanup", null);

        assertThat(byAdmin).isInstanceOf(IntakeOutcome.Accepted.class);
        assertThat(readModel.findNamespace("payments-prod").orElseThrow().status()).isEqualTo(LifecycleStatus.DELETING);
        assertThat(publisher.published).extracting(RecordingPublisher.Published::type, RecordingPublisher.Published::payload)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RequestType.DELETE, "cleanup"));
    }

    @Test
    void answersARetriedDeletionWithTheFirstRequestAndRefusesTheKeyForAnUpdate() {
        ready("payments-api", "payments", "development");
        IntakeOutcome first = intake(true).delete(PAYMENTS, "payments-api", null, "del-1");

        IntakeOutcome retry = intake(true).delete(PAYMENTS, "payments-api", null, "del-1");
        IntakeOutcome misuse = intake(true).update(PAYMENTS, "payments-api", BIGGER, "del-1");

        assertThat(retry).isEqualTo(new IntakeOutcome.Accepted(((IntakeOutcome.Accepted) first).request(), true));
        assertThat(misuse).isInstanceOf(IntakeOutcome.KeyReused.class);
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void leavesTheNamespaceReadyWhenAChangeCannotBePublished() {
        ready("payments-api", "payments", "development");
        publisher.failing = true;

        assertThatThrownBy(() -> intake(true).update(PAYMENTS, "payments-api", BIGGER, null))
                .isInstanceOf(PublicationFailedException.class);

        assertThat(readModel.requestCount()).isZero();
        assertThat(readModel.findNamespace("payments-api").orElseThrow().status()).isEqualTo(LifecycleStatus.READY);
    }
}
