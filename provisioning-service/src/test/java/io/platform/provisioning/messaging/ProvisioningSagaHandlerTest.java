package io.platform.provisioning.messaging;

import static io.platform.provisioning.messaging.Fixtures.requested;
import static io.platform.provisioning.messaging.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.PoliciesApplied;
import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RequestRejected;
import io.platform.provisioning.config.ProvisioningProperties;
import io.platform.provisioning.domain.Cluster;
import io.platform.provisioning.domain.ClusterRefusedException;
import io.platform.provisioning.domain.ClusterUnavailableException;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.ExistingNamespace;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaStore;
import io.platform.rules.NamespaceRequestValidator;
import io.platform.schemas.EventEnvelopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The saga's decisions with in-memory stand-ins for the database, the cluster and the broker. */
class ProvisioningSagaHandlerTest {

    private final InMemorySagaStore store = new InMemorySagaStore();
    private final FakeCluster cluster = new FakeCluster();
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final CatalogReplica catalog = new CatalogReplica();
    private ProvisioningSagaHandler handler;

    @BeforeEach
    void setUp() {
        catalog.apply("tier:small", Fixtures.small());
        catalog.apply("feature:monitoring", Fixtures.monitoring());
        ProvisioningProperties properties = new ProvisioningProperties(
                new ProvisioningProperties.PodSecurity("baseline", "baseline", "restricted"),
                new ProvisioningProperties.MonitoringNamespaces("platform.io/monitoring", "true"), Duration.ofMillis(100));
        PlatformKafkaProperties kafka = new PlatformKafkaProperties("http://registry", false, "provisioning-service", null,
                false, (short) 1, Duration.ofSeconds(1), new PlatformKafkaProperties.Retry(0, Duration.ZERO, Duration.ZERO));
        handler = new ProvisioningSagaHandler(store, cluster, catalog, NamespaceRequestValidator.standalone(),
                PolicySettings.defaults(), publisher, new TransactionTemplate(new NoTransactions()),
                Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), properties, kafka);
    }

    @Test
    void validRequestIsProvisionedAndAnnouncedWithDerivedIds() {
        handler.onNamespaceRequested(requested("req-1", spec("payments-api", "production", "small", "isolated", "monitoring")));

        assertThat(store.sagas.get("req-1").status()).isEqualTo(SagaStatus.PROVISIONING);
        assertThat(cluster.applied).containsExactly("namespace:payments-api", "policies:payments-api");
        assertThat(publisher.batches).singleElement().satisfies(batch -> {
            assertThat(batch).hasSize(2);
            NamespaceProvisioned provisioned = (NamespaceProvisioned) batch.get(0);
            PoliciesApplied policies = (PoliciesApplied) batch.get(1);
            assertThat(provisioned.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "provisioned"));
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
    void redeliveredRequestRunsTheWritesAgainAndRepublishesIdenticalEvents() {
        NamespaceRequested request = requested("req-1", spec("payments-api", "development", "small", "open"));
        handler.onNamespaceRequested(request);

        handler.onNamespaceRequested(request);

        assertThat(publisher.batches).hasSize(2);
        assertThat(publisher.batches.get(1)).isEqualTo(publisher.batches.get(0));
        assertThat(store.sagas).hasSize(1);
    }

    @Test
    void invalidRequestIsRejectedWithEveryViolationAndNothingWritten() {
        handler.onNamespaceRequested(requested("req-1", spec("Bad_Name", "production", "huge", "isolated")));

        RequestRejected rejected = (RequestRejected) publisher.single();
        assertThat(rejected.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "rejected"));
        assertThat(rejected.getRequestType()).isEqualTo("io.platform.events.namespace.NamespaceRequested");
        assertThat(rejected.getViolations()).extracting(v -> v.getField() + ":" + v.getCode())
                .contains("name:pattern", "tier:unknown-tier");
        assertThat(cluster.applied).isEmpty();
        assertThat(store.sagas.get("req-1").status()).isEqualTo(SagaStatus.REJECTED);
    }

    @Test
    void nameOwnedByAnotherLiveRequestIsTaken() {
        handler.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));
        publisher.batches.clear();

        handler.onNamespaceRequested(requested("req-2", spec("payments-api", "staging", "small", "open")));

        RequestRejected rejected = (RequestRejected) publisher.single();
        assertThat(rejected.getViolations()).extracting(v -> v.getCode()).containsExactly("name-taken");
    }

    @Test
    void namespaceThePlatformDidNotCreateIsNeverTakenOver() {
        cluster.existing.put("hand-made", new ExistingNamespace("hand-made", null));

        handler.onNamespaceRequested(requested("req-1", spec("hand-made", "development", "small", "open")));

        RequestRejected rejected = (RequestRejected) publisher.single();
        assertThat(rejected.getViolations()).extracting(v -> v.getCode()).containsExactly("name-taken");
        assertThat(cluster.applied).isEmpty();
        assertThat(store.owners).doesNotContainKey("hand-made");
    }

    @Test
    void namespaceStillBeingDeletedIsRejectedSoTheNameIsFreedForALaterRequest() {
        cluster.existing.put("payments-api", new ExistingNamespace("payments-api", "old-request", true));

        handler.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));

        RequestRejected rejected = (RequestRejected) publisher.single();
        assertThat(rejected.getViolations()).singleElement().satisfies(v -> {
            assertThat(v.getCode()).isEqualTo("name-taken");
            assertThat(v.getMessage()).contains("still being deleted");
        });
        assertThat(store.owners).doesNotContainKey("payments-api");
    }

    @Test
    void permanentRefusalRemovesWhatTheRequestCreatedAndFailsTheStep() {
        cluster.refuseAt = "quota";

        handler.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));

        NamespaceProvisioningFailed failed = (NamespaceProvisioningFailed) publisher.single();
        assertThat(failed.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "failed"));
        assertThat(failed.getStep()).isEqualTo("quota");
        assertThat(failed.getReason()).contains("HTTP 403");
        assertThat(failed.getRetryable()).isFalse();
        assertThat(cluster.removed).containsExactly("payments-api");
        assertThat(store.sagas.get("req-1").status()).isEqualTo(SagaStatus.FAILED);
        assertThat(store.owners).doesNotContainKey("payments-api");
    }

    @Test
    void transientClusterErrorIsThrownForRetryAndNothingIsAnnounced() {
        cluster.unavailable = true;

        assertThatThrownBy(() -> handler.onNamespaceRequested(
                requested("req-1", spec("payments-api", "development", "small", "open"))))
                .isInstanceOf(ClusterUnavailableException.class);

        assertThat(publisher.batches).isEmpty();
        assertThat(store.sagas.get("req-1").status()).isEqualTo(SagaStatus.PENDING);

        cluster.unavailable = false;
        handler.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));
        assertThat(store.sagas.get("req-1").status()).isEqualTo(SagaStatus.PROVISIONING);
    }

    @Test
    void rbacAppliedMakesTheNamespaceReadyOnceAndRepeatsTheSameEvent() {
        handler.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));
        publisher.batches.clear();

        handler.onRbacApplied(rbacApplied("req-1", "payments-api"));
        handler.onRbacApplied(rbacApplied("req-1", "payments-api"));

        assertThat(store.sagas.get("req-1").status()).isEqualTo(SagaStatus.READY);
        assertThat(publisher.batches).hasSize(2).allSatisfy(batch -> {
            NamespaceReady ready = (NamespaceReady) batch.get(0);
            assertThat(ready.getEnvelope().getEventId()).isEqualTo(derivedId("req-1", "ready"));
            assertThat(ready.getSpec().getName()).isEqualTo("payments-api");
        });
    }

    @Test
    void rbacAnswerForAnUnknownRequestIsIgnored() {
        handler.onRbacApplied(rbacApplied("nobody", "payments-api"));

        assertThat(publisher.batches).isEmpty();
    }

    @Test
    void rbacFailureCompensatesAndFailsTheRequestAtTheRbacStep() {
        handler.onNamespaceRequested(requested("req-1", spec("payments-api", "development", "small", "open")));
        publisher.batches.clear();

        handler.onRbacFailed(RbacFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived("req-1", "rbac-failed", "team-payments", "rbac-service", Instant.now()))
                .setName("payments-api").setReason("forbidden").setRetryable(false).build());

        NamespaceProvisioningFailed failed = (NamespaceProvisioningFailed) publisher.single();
        assertThat(failed.getStep()).isEqualTo("rbac");
        assertThat(failed.getReason()).contains("forbidden");
        assertThat(cluster.removed).containsExactly("payments-api");
        assertThat(store.sagas.get("req-1").status()).isEqualTo(SagaStatus.FAILED);
    }

    @Test
    void catalogNotLoadedYetIsRetriedRatherThanRejected() {
        CatalogReplica empty = new CatalogReplica();
        ProvisioningSagaHandler waiting = new ProvisioningSagaHandler(store, cluster, empty,
                NamespaceRequestValidator.standalone(), PolicySettings.defaults(), publisher,
                new TransactionTemplate(new NoTransactions()), Clock.systemUTC(),
                new ProvisioningProperties(new ProvisioningProperties.PodSecurity("baseline", "baseline", "restricted"),
                        new ProvisioningProperties.MonitoringNamespaces("platform.io/monitoring", "true"), Duration.ofMillis(50)),
                new PlatformKafkaProperties("http://registry", false, "provisioning-service", null, false, (short) 1,
                        Duration.ofSeconds(1), new PlatformKafkaProperties.Retry(0, Duration.ZERO, Duration.ZERO)));

        assertThatThrownBy(() -> waiting.onNamespaceRequested(
                requested("req-1", spec("payments-api", "development", "small", "open"))))
                .isInstanceOf(CatalogUnavailableException.class);
        assertThat(publisher.batches).isEmpty();
        assertThat(store.sagas).isEmpty();
    }

    private static RbacApplied rbacApplied(String requestId, String name) {
        return RbacApplied.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "rbac-applied", "team-payments", "rbac-service", Instant.now()))
                .setName(name).setTeam("payments").setSubjectGroup("team-payments").setClusterRole("admin")
                .setRoleBinding("team-payments-admin").build();
    }

    private static String derivedId(String requestId, String step) {
        return EventEnvelopes.derived(requestId, step, "a", "s", Instant.EPOCH).getEventId();
    }

    static final class InMemorySagaStore implements SagaStore {
        final Map<String, ProvisioningSaga> sagas = new HashMap<>();
        final Map<String, String> owners = new HashMap<>();

        @Override
        public Optional<ProvisioningSaga> find(String requestId) {
            return Optional.ofNullable(sagas.get(requestId));
        }

        @Override
        public Optional<ProvisioningSaga> lock(String requestId) {
            return find(requestId);
        }

        @Override
        public boolean insert(ProvisioningSaga saga) {
            return sagas.putIfAbsent(saga.requestId(), saga) == null;
        }

        @Override
        public void update(ProvisioningSaga saga) {
            sagas.put(saga.requestId(), saga);
            if (saga.requestId().equals(owners.get(saga.name())) && !saga.status().ownsName()) {
                owners.remove(saga.name());
            }
        }

        @Override
        public Optional<String> claimName(ProvisioningSaga saga) {
            String owner = owners.get(saga.name());
            if (owner == null || owner.equals(saga.requestId())) {
                owners.put(saga.name(), saga.requestId());
                return Optional.empty();
            }
            return Optional.of(owner);
        }
    }

    static final class FakeCluster implements Cluster {
        final Map<String, ExistingNamespace> existing = new HashMap<>();
        final List<String> applied = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        String refuseAt;
        boolean unavailable;

        @Override
        public Optional<ExistingNamespace> findNamespace(String name) {
            return Optional.ofNullable(existing.get(name));
        }

        @Override
        public void applyNamespace(DesiredObjects desired) {
            if (unavailable) {
                throw new ClusterUnavailableException("HTTP 503", null);
            }
            existing.put(desired.name(), new ExistingNamespace(desired.name(),
                    desired.namespace().annotations().get("platform.io/request-id")));
            if ("quota".equals(refuseAt)) {
                throw new ClusterRefusedException("quota", "writing ResourceQuota was refused: HTTP 403 forbidden", null);
            }
            applied.add("namespace:" + desired.name());
        }

        @Override
        public void applyPolicies(DesiredObjects desired) {
            applied.add("policies:" + desired.name());
        }

        @Override
        public void remove(String namespace, String requestId) {
            removed.add(namespace);
            existing.remove(namespace);
        }
    }

    static final class RecordingPublisher extends EventPublisher {
        final List<List<SpecificRecord>> batches = new ArrayList<>();

        RecordingPublisher() {
            super(null, Duration.ofSeconds(1));
        }

        @Override
        public void publishAll(List<Outgoing> events) {
            batches.add(events.stream().map(Outgoing::event).toList());
        }

        SpecificRecord single() {
            assertThat(batches).hasSize(1);
            assertThat(batches.get(0)).hasSize(1);
            return batches.get(0).get(0);
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
