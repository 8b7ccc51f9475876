package io.platform.gateway.domain;

import static io.platform.gateway.domain.Specs.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.rules.NamespaceRequestValidator;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
            assertThat(publisher.published).containsExactly(new Published(accepted.request().requestId(),
                    spec("payments-api", "payments"), "team-payments", Instant.parse("2026-12-01T10:00:00.123Z")));
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
    void refusesANameAnotherNamespaceHolds() {
        intake(true).submit(PAYMENTS, spec("payments-api", "payments"), null);

        IntakeOutcome second = intake(true).submit(ADMIN, spec("payments-api", "payments"), null);

        assertThat(second).isEqualTo(new IntakeOutcome.NameTaken("payments-api", LifecycleStatus.PENDING));
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

    record Published(String requestId, NamespaceSpecification spec, String actor, Instant occurredAt) {
    }

    static final class RecordingPublisher implements RequestPublisher {
        final List<Published> published = new ArrayList<>();
        boolean failing;

        @Override
        public void publishRequested(String requestId, NamespaceSpecification spec, String actor, Instant occurredAt) {
            if (failing) {
                throw new PublicationFailedException("broker unavailable", null);
            }
            published.add(new Published(requestId, spec, actor, occurredAt));
        }
    }
}
