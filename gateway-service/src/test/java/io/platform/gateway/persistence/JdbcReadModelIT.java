package io.platform.gateway.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.gateway.domain.ConcurrentChangeException;
import io.platform.gateway.domain.Failure;
import io.platform.gateway.domain.LifecycleStatus;
import io.platform.gateway.domain.Namespace;
import io.platform.gateway.domain.NamespaceFilter;
import io.platform.gateway.domain.NamespacePage;
import io.platform.gateway.domain.NamespaceRequest;
import io.platform.gateway.domain.RequestStep;
import io.platform.gateway.domain.RequestType;
import io.platform.gateway.domain.StepOutcome;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import io.platform.test.TestPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The read model against real PostgreSQL, with the service's own migrations. */
class JdbcReadModelIT {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123Z");

    private static JdbcReadModel readModel;
    private static TransactionalUnitOfWork unitOfWork;

    @BeforeAll
    static void migrate() {
        DataSource dataSource = new DriverManagerDataSource(TestPostgres.jdbcUrl("gateway_read_model"), TestPostgres.USER,
                TestPostgres.PASSWORD);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        readModel = new JdbcReadModel(JdbcClient.create(dataSource));
        unitOfWork = new TransactionalUnitOfWork(new DataSourceTransactionManager(dataSource));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static NamespaceSpecification spec(String name, String team) {
        return new NamespaceSpecification(name, team, "production", "medium", "team-shared", List.of("monitoring", "backup"),
                "the payments API", "cc-42");
    }

    @Test
    void keepsEverythingARequestWentThrough() {
        // Given a request that went through two steps, failed one and was failed with violations
        String name = unique("payments");
        NamespaceRequest request = NamespaceRequest.accepted(UUID.randomUUID().toString(), spec(name, "payments"),
                        "team-payments", "gateway-service", "order-42", AT)
                .withStep(new RequestStep(RequestStep.NAMESPACE, StepOutcome.COMPLETED, AT.plusSeconds(1), "created Namespace/" + name))
                .withStep(new RequestStep(RequestStep.RBAC, StepOutcome.FAILED, AT.plusSeconds(2), "RoleBinding refused"))
                .withViolations(List.of(new Violation("name", "taken", "owned by another namespace")))
                .withFailure(new Failure("rbac", "RoleBinding refused", true))
                .withStatus(LifecycleStatus.FAILED)
                .touchedAt(AT.plusSeconds(3));

        // When it is written and read back
        unitOfWork.inTransaction(() -> {
            readModel.saveRequest(Optional.empty(), request);
            return null;
        });

        // Then nothing is lost
        assertThat(readModel.findRequest(request.requestId())).contains(request);
    }

    @Test
    void updatesARequestAndReplacesARepeatedStep() {
        String name = unique("payments");
        NamespaceRequest accepted = NamespaceRequest.accepted(UUID.randomUUID().toString(), spec(name, "payments"),
                "team-payments", "gateway-service", null, AT);
        readModel.saveRequest(Optional.empty(), accepted);
        NamespaceRequest failedRbac = accepted.withStep(new RequestStep(RequestStep.RBAC, StepOutcome.FAILED, AT.plusSeconds(1), "refused"));
        readModel.saveRequest(Optional.of(accepted), failedRbac);

        NamespaceRequest retried = failedRbac.withStep(new RequestStep(RequestStep.RBAC, StepOutcome.COMPLETED, AT.plusSeconds(2), null))
                .withStatus(LifecycleStatus.PROVISIONING);
        readModel.saveRequest(Optional.of(failedRbac), retried);

        assertThat(readModel.findRequest(accepted.requestId())).contains(retried);
    }

    @Test
    void refusesToOverwriteARequestAnotherWriterInsertedFirst() {
        NamespaceRequest request = NamespaceRequest.accepted(UUID.randomUUID().toString(), spec(unique("payments"), "payments"),
                "team-payments", "gateway-service", null, AT);
        readModel.saveRequest(Optional.empty(), request);

        assertThatThrownBy(() -> readModel.saveRequest(Optional.empty(), request.withStatus(LifecycleStatus.READY)))
                .isInstanceOf(ConcurrentChangeException.class);
    }

    @Test
    void remembersProcessedEvents() {
        String eventId = UUID.randomUUID().toString();

        assertThat(readModel.recordEvent(eventId)).isTrue();
        assertThat(readModel.recordEvent(eventId)).isFalse();
    }

    @Test
    void claimsAFreeNameOnceAndAgainOnlyAfterItWasReleased() {
        String name = unique("payments");
        Namespace first = Namespace.pending(spec(name, "payments"), "r1", AT);

        assertThat(readModel.claimName(first)).isTrue();
        assertThat(readModel.claimName(Namespace.pending(spec(name, "payments"), "r2", AT))).isFalse();

        readModel.saveNamespace(Optional.of(first), Optional.of(first.withStatus(LifecycleStatus.FAILED, AT.plusSeconds(1))));
        assertThat(readModel.claimName(Namespace.pending(spec(name, "payments"), "r3", AT.plusSeconds(2)))).isTrue();
        assertThat(readModel.findNamespace(name)).map(Namespace::requestId).contains("r3");
    }

    @Test
    void letsOnlyOneOfTwoConcurrentClaimsOfANameWin() throws Exception {
        // Given two transactions claiming the same name, the first one still open
        String name = unique("payments");
        CountDownLatch firstClaimed = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> unitOfWork.inTransaction(() -> {
            boolean claimed = readModel.claimName(Namespace.pending(spec(name, "payments"), "r1", AT));
            firstClaimed.countDown();
            await(releaseFirst);
            return claimed;
        }));
        assertThat(firstClaimed.await(10, TimeUnit.SECONDS)).isTrue();

        // When the second claims while the first is open, then the first commits
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> unitOfWork.inTransaction(() ->
                readModel.claimName(Namespace.pending(spec(name, "search"), "r2", AT))));
        releaseFirst.countDown();

        // Then exactly the first wins
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(readModel.findNamespace(name)).map(Namespace::requestId).contains("r1");
    }

    @Test
    void listsNamespacesOfTheGivenTeamsAndStatusInNameOrder() {
        String team = unique("team");
        String other = unique("team");
        Namespace b = Namespace.pending(spec("b-" + team, team), "rb", AT);
        Namespace a = Namespace.pending(spec("a-" + team, team), "ra", AT);
        Namespace c = Namespace.pending(spec("c-" + other, other), "rc", AT);
        readModel.saveNamespace(Optional.empty(), Optional.of(b));
        readModel.saveNamespace(Optional.empty(), Optional.of(a.withStatus(LifecycleStatus.READY, AT)));
        readModel.saveNamespace(Optional.empty(), Optional.of(c));

        assertThat(readModel.listNamespaces(new NamespaceFilter(Set.of(team), null, null, null, 0, 10)).items())
                .extracting(Namespace::name).containsExactly("a-" + team, "b-" + team);
        assertThat(readModel.listNamespaces(new NamespaceFilter(Set.of(team, other), null, null, LifecycleStatus.PENDING, 0, 10)).items())
                .extracting(Namespace::name).containsExactly("b-" + team, "c-" + other);
        NamespacePage secondPage = readModel.listNamespaces(new NamespaceFilter(Set.of(team, other), null, null, null, 1, 1));
        assertThat(secondPage.items()).extracting(Namespace::name).containsExactly("b-" + team);
        assertThat(secondPage.total()).isEqualTo(3);
        assertThat(readModel.listNamespaces(new NamespaceFilter(Set.of(team, other), null, null, null, 5, 1)).total())
                .isEqualTo(3);
        assertThat(readModel.listNamespaces(new NamespaceFilter(Set.of(), null, null, null, 0, 10)).items()).isEmpty();
    }

    @Test
    void filtersNamespacesByEnvironmentAndTier() {
        String team = unique("team");
        NamespaceSpecification production = spec("prod-" + team, team);
        NamespaceSpecification development = new NamespaceSpecification("dev-" + team, team, "development", "small",
                "isolated", List.of(), null, null);
        readModel.saveNamespace(Optional.empty(), Optional.of(Namespace.pending(development, "rd", AT)));
        readModel.saveNamespace(Optional.empty(), Optional.of(Namespace.pending(production, "rp", AT)));

        assertThat(readModel.listNamespaces(new NamespaceFilter(Set.of(team), "production", null, null, 0, 10)).items())
                .extracting(Namespace::name).containsExactly("prod-" + team);
        assertThat(readModel.listNamespaces(new NamespaceFilter(Set.of(team), null, "small", null, 0, 10)).items())
                .extracting(Namespace::name).containsExactly("dev-" + team);
        assertThat(readModel.listNamespaces(new NamespaceFilter(Set.of(team), "production", "small", null, 0, 10)).total())
                .isZero();
    }

    @Test
    void findsTheOpenRequestOfANameAndKeepsTheChangesOfAnUpdate() {
        String name = unique("payments");
        NamespaceChanges changes = new NamespaceChanges("medium", null, List.of("monitoring"), null, "cc-9");
        NamespaceRequest update = NamespaceRequest.acceptedDayTwo("u-" + name, RequestType.UPDATE, name, "payments",
                changes, "team-payments", "gateway-service", "key-1", AT);
        readModel.saveRequest(Optional.empty(), update);

        assertThat(readModel.findRequest(update.requestId())).contains(update);
        assertThat(readModel.findOpenRequest(name)).map(NamespaceRequest::requestId).contains(update.requestId());
        readModel.saveRequest(Optional.of(update), update.withStatus(LifecycleStatus.READY));
        assertThat(readModel.findOpenRequest(name)).isEmpty();
    }

    @Test
    void removesANamespaceRow() {
        Namespace placeholder = Namespace.pending(spec(unique("payments"), "payments"), "r1", AT);
        readModel.saveNamespace(Optional.empty(), Optional.of(placeholder));

        readModel.saveNamespace(Optional.of(placeholder), Optional.empty());

        assertThat(readModel.findNamespace(placeholder.name())).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
