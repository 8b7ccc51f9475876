package io.platform.rbac.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.common.kafka.EventPublishException;
import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.outbox.OutboxRelay;
import io.platform.rbac.domain.AccessRule;
import io.platform.rbac.domain.Assignment;
import io.platform.rbac.domain.BindingOutcome;
import io.platform.rbac.domain.BindingShape;
import io.platform.rbac.domain.BindingStore;
import io.platform.rbac.domain.ClusterRefusedException;
import io.platform.rbac.domain.ClusterUnavailableException;
import io.platform.rbac.domain.CustomRole;
import io.platform.rbac.domain.ManagedBinding;
import io.platform.rbac.domain.RbacCluster;
import io.platform.rbac.domain.RbacSettings;
import io.platform.rbac.domain.RoleKind;
import io.platform.rbac.domain.TeamBinding;
import io.platform.schemas.EventEnvelopes;
import io.platform.test.outbox.InMemoryOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** Binding decisions with in-memory stand-ins for the database, the outbox, the cluster and the broker. */
class TeamBindingHandlerTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    private final FakeCluster cluster = new FakeCluster();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TransactionTemplate transactions = new TransactionTemplate(new NoTransactions());
    private final TeamBindingHandler handler = new TeamBindingHandler(store, cluster, RbacSettings.defaults(), outbox,
            new OutboxRelay(outbox, publisher, transactions, clock), transactions, clock,
            new PlatformKafkaProperties("http://registry", false, "rbac-service", null, false, (short) 1,
                    Duration.ofSeconds(1), new PlatformKafkaProperties.Retry(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO)));

    @Test
    void bindsTheTeamAndAnswersWithRbacAppliedCarryingTheRequest() {
        handler.onNamespaceProvisioned(provisioned("req-1", "payments-api", "payments"));

        assertThat(cluster.applied).extracting(TeamBinding::name).containsExactly("team-payments-admin");
        RbacApplied applied = (RbacApplied) publisher.single();
        assertThat(applied.getEnvelope().getEventId())
                .isEqualTo(EventEnvelopes.derived("req-1", "rbac-applied", "x", "y", NOW).getEventId());
        assertThat(applied.getEnvelope().getRequestId()).isEqualTo("req-1");
        assertThat(applied.getEnvelope().getActor()).isEqualTo("team-payments");
        assertThat(applied.getEnvelope().getSource()).isEqualTo("rbac-service");
        assertThat(applied.getName()).isEqualTo("payments-api");
        assertThat(applied.getTeam()).isEqualTo("payments");
        assertThat(applied.getSubjectGroup()).isEqualTo("team-payments");
        assertThat(applied.getClusterRole()).isEqualTo("admin");
        assertThat(applied.getRoleBinding()).isEqualTo("team-payments-admin");
        assertThat(store.bindings).containsKey("payments-api/team-payments-admin");
    }

    @Test
    void redeliveredEventThatWasHandledIsSkipped() {
        NamespaceProvisioned event = provisioned("req-1", "payments-api", "payments");
        handler.onNamespaceProvisioned(event);

        handler.onNamespaceProvisioned(event);

        assertThat(cluster.applied).hasSize(1);
        assertThat(publisher.published).hasSize(1);
    }

    @Test
    void answerTheBrokerDidNotTakeIsPublishedOnceItIsBackWithoutWritingTheBindingAgain() {
        NamespaceProvisioned event = provisioned("req-1", "payments-api", "payments");
        publisher.down = true;
        handler.onNamespaceProvisioned(event);
        assertThat(publisher.published).isEmpty();

        publisher.down = false;
        handler.onNamespaceProvisioned(event);

        assertThat(cluster.applied).hasSize(1);
        assertThat(publisher.published).singleElement().isInstanceOf(RbacApplied.class);
    }

    @Test
    void aRetriedAttemptOfTheRequestGetsANewAnswer() {
        handler.onNamespaceProvisioned(provisioned("req-1", "payments-api", "payments"));
        NamespaceProvisioned secondAttempt = provisioned("req-1", "payments-api", "payments");
        secondAttempt.setEnvelope(EventEnvelopes.derived("req-1", "provisioned#2", "team-payments", "provisioning-service", NOW));

        handler.onNamespaceProvisioned(secondAttempt);

        assertThat(publisher.published).hasSize(2).extracting(e -> ((RbacApplied) e).getEnvelope().getEventId())
                .doesNotHaveDuplicates();
    }

    @Test
    void refusalIsAnsweredWithRbacFailed() {
        cluster.refuse = true;

        handler.onNamespaceProvisioned(provisioned("req-1", "payments-api", "payments"));

        RbacFailed failed = (RbacFailed) publisher.single();
        assertThat(failed.getEnvelope().getEventId())
                .isEqualTo(EventEnvelopes.derived("req-1", "rbac-failed", "x", "y", NOW).getEventId());
        assertThat(failed.getName()).isEqualTo("payments-api");
        assertThat(failed.getReason()).contains("HTTP 403");
        assertThat(failed.getRetryable()).isFalse();
        assertThat(store.bindings).isEmpty();
    }

    @Test
    void transientClusterErrorIsThrownForRetryAndNothingIsRecorded() {
        cluster.unavailable = true;

        assertThatThrownBy(() -> handler.onNamespaceProvisioned(provisioned("req-1", "payments-api", "payments")))
                .isInstanceOf(ClusterUnavailableException.class);

        assertThat(store.outcomes).isEmpty();
        assertThat(publisher.published).isEmpty();
    }

    static NamespaceProvisioned provisioned(String requestId, String name, String team) {
        return NamespaceProvisioned.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "provisioned", "team-payments", "provisioning-service", NOW))
                .setSpec(NamespaceSpec.newBuilder().setName(name).setTeam(team).setEnvironment("development")
                        .setTier("small").setNetworkPolicy("isolated").setFeatures(List.of()).build())
                .setObjects(List.of("Namespace/" + name))
                .build();
    }

    static final class InMemoryStore implements BindingStore {
        final Map<String, BindingOutcome> outcomes = new LinkedHashMap<>();
        final Map<String, TeamBinding> bindings = new LinkedHashMap<>();

        @Override
        public Optional<BindingOutcome> findOutcome(String eventId) {
            return Optional.ofNullable(outcomes.get(eventId));
        }

        @Override
        public void record(BindingOutcome outcome) {
            outcomes.putIfAbsent(outcome.eventId(), outcome);
            if (outcome.applied()) {
                bindings.put(outcome.binding().namespace() + "/" + outcome.binding().name(), outcome.binding());
            }
        }

        @Override
        public List<ManagedBinding> list(String namespace) {
            return bindings.values().stream().filter(b -> namespace == null || b.namespace().equals(namespace))
                    .map(b -> new ManagedBinding(b, NOW, NOW)).toList();
        }

        @Override
        public Optional<ManagedBinding> tryLockBinding(String namespace, String name) {
            return Optional.ofNullable(bindings.get(namespace + "/" + name)).map(b -> new ManagedBinding(b, NOW, NOW));
        }

        @Override
        public void removeBinding(String namespace, String name) {
            bindings.remove(namespace + "/" + name);
        }
    }

    static final class FakeCluster implements RbacCluster {
        final List<TeamBinding> applied = new ArrayList<>();
        boolean refuse;
        boolean unavailable;

        @Override
        public void applyBinding(TeamBinding binding) {
            if (unavailable) {
                throw new ClusterUnavailableException("HTTP 503", null);
            }
            if (refuse) {
                throw new ClusterRefusedException("RoleBinding was refused by the API server: HTTP 403 forbidden", null);
            }
            applied.add(binding);
        }

        @Override
        public void applyAssignment(Assignment assignment) {
        }

        @Override
        public void removeBinding(String namespace, String name) {
        }

        @Override
        public void applyRole(CustomRole role) {
        }

        @Override
        public void removeRole(RoleKind kind, String namespace, String name) {
        }

        @Override
        public boolean existsUnmanaged(RoleKind kind, String namespace, String name) {
            return false;
        }

        @Override
        public Optional<List<AccessRule>> clusterRoleRules(String name) {
            return Optional.empty();
        }

        @Override
        public List<String> managedBindings(String namespace) {
            return List.of();
        }

        @Override
        public Optional<BindingShape> observeBinding(String namespace, String name) {
            return Optional.empty();
        }

        @Override
        public Optional<List<AccessRule>> observeRole(RoleKind kind, String namespace, String name) {
            return Optional.empty();
        }
    }

    static final class RecordingPublisher extends EventPublisher {
        final List<SpecificRecord> published = new ArrayList<>();
        boolean down;

        RecordingPublisher() {
            super(null, Duration.ofSeconds(1));
        }

        @Override
        public void publishAll(List<Outgoing> events) {
            if (down) {
                throw new EventPublishException(EventPublishException.Reason.TIMEOUT, "t", "no ack", null);
            }
            events.forEach(e -> published.add(e.event()));
        }

        SpecificRecord single() {
            assertThat(published).hasSize(1);
            return published.get(0);
        }
    }

    static final class NoTransactions extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
