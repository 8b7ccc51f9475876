package io.platform.provisioning.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.outbox.OutboxRelay;
import io.platform.provisioning.config.ProvisioningProperties;
import io.platform.provisioning.domain.Cluster;
import io.platform.provisioning.domain.ClusterRefusedException;
import io.platform.provisioning.domain.ClusterUnavailableException;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.Drift;
import io.platform.provisioning.domain.ExistingNamespace;
import io.platform.provisioning.domain.ManagedNamespace;
import io.platform.provisioning.domain.ObservedNamespace;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaStore;
import io.platform.provisioning.domain.TeamLimits;
import io.platform.provisioning.metrics.SagaMetrics;
import io.platform.rules.NamespaceRequestValidator;
import io.platform.test.outbox.InMemoryOutbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/** The saga's handlers wired with in-memory stand-ins for the database, the outbox, the cluster and the broker. */
final class SagaTestKit {

    final InMemorySagaStore store = new InMemorySagaStore();
    final FakeCluster cluster = new FakeCluster();
    final RecordingPublisher publisher = new RecordingPublisher();
    final InMemoryOutbox outbox = new InMemoryOutbox();
    final CatalogReplica catalog = new CatalogReplica();
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    final SagaSupport support;
    final ProvisioningSagaHandler creates;
    final NamespaceChangeHandler changes;
    final SagaSupervisor supervisor;
    final SagaRetries retries;
    final DriftRepair drift;

    SagaTestKit(TeamLimits limits) {
        this(limits, null);
    }

    SagaTestKit(TeamLimits limits, SagaCheckpoints checkpoints) {
        catalog.apply("tier:small", Fixtures.small());
        catalog.apply("tier:micro", Fixtures.micro());
        catalog.apply("tier:large", Fixtures.tier("large", "8", "16Gi", "100Gi", 50, 20, 40_000));
        catalog.apply("feature:monitoring", Fixtures.monitoring());
        catalog.apply("feature:backup", Fixtures.backup());
        if (checkpoints != null) {
            beans.registerSingleton("checkpoints", checkpoints);
        }
        ProvisioningProperties properties = new ProvisioningProperties(
                new ProvisioningProperties.PodSecurity("baseline", "baseline", "restricted"),
                new ProvisioningProperties.MonitoringNamespaces("platform.io/monitoring", "true"), Duration.ofMillis(100),
                Duration.ofMinutes(2),
                new ProvisioningProperties.KubernetesRetry(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)),
                new ProvisioningProperties.Supervisor(Duration.ofSeconds(5), Duration.ofSeconds(15)),
                new ProvisioningProperties.Deletion(List.of()));
        PlatformKafkaProperties kafka = new PlatformKafkaProperties("http://registry", false, "provisioning-service", null,
                false, (short) 1, Duration.ofSeconds(1), new PlatformKafkaProperties.Retry(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO));
        TransactionTemplate transactions = new TransactionTemplate(new NoTransactions());
        OutboxRelay relay = new OutboxRelay(outbox, publisher, transactions, clock);
        ClusterRetry retry = new ClusterRetry(store, new NoTransactions(), clock, properties);
        support = new SagaSupport(store, transactions, catalog, NamespaceRequestValidator.standalone(),
                PolicySettings.defaults(), limits, outbox, relay, new SagaMetrics(meters, catalog), retry,
                beans.getBeanProvider(SagaCheckpoints.class), clock, properties, kafka);
        creates = new ProvisioningSagaHandler(support, cluster);
        changes = new NamespaceChangeHandler(support, cluster);
        supervisor = new SagaSupervisor(support, creates, changes, properties);
        retries = new SagaRetries(support, supervisor);
        drift = new DriftRepair(support, cluster);
    }

    /** Every event published so far, in order. */
    List<SpecificRecord> published() {
        return publisher.batches.stream().flatMap(List::stream).toList();
    }

    <T extends SpecificRecord> List<T> published(Class<T> type) {
        return published().stream().filter(type::isInstance).map(type::cast).toList();
    }

    double counter(String name, String tag, String value) {
        var counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class InMemorySagaStore implements SagaStore {
        final Map<String, ProvisioningSaga> sagas = new LinkedHashMap<>();
        final Map<String, ManagedNamespace> namespaces = new LinkedHashMap<>();
        final Map<String, String> errors = new HashMap<>();
        final Map<String, Boolean> cleanup = new HashMap<>();
        final Set<String> lockedNamespaces = new java.util.HashSet<>();

        @Override
        public Optional<ProvisioningSaga> find(String requestId) {
            return Optional.ofNullable(sagas.get(requestId));
        }

        @Override
        public Optional<ProvisioningSaga> lock(String requestId) {
            return find(requestId);
        }

        @Override
        public Optional<ProvisioningSaga> tryLock(String requestId) {
            return find(requestId);
        }

        @Override
        public boolean insert(ProvisioningSaga saga) {
            return sagas.putIfAbsent(saga.requestId(), saga) == null;
        }

        @Override
        public void update(ProvisioningSaga saga) {
            sagas.put(saga.requestId(), saga);
        }

        @Override
        public void recordError(String requestId, String error, Instant at) {
            errors.put(requestId, error);
        }

        @Override
        public Optional<String> lastError(String requestId) {
            return Optional.ofNullable(errors.get(requestId));
        }

        @Override
        public Optional<String> claimName(ManagedNamespace candidate) {
            ManagedNamespace owner = namespaces.get(candidate.name());
            if (owner == null || owner.isOwnedBy(candidate.ownerRequestId()) || !owner.status().ownsName()) {
                namespaces.put(candidate.name(), candidate);
                return Optional.empty();
            }
            return Optional.of(owner.ownerRequestId());
        }

        @Override
        public Optional<ManagedNamespace> namespace(String name) {
            return Optional.ofNullable(namespaces.get(name));
        }

        @Override
        public Optional<ManagedNamespace> lockNamespace(String name) {
            return namespace(name);
        }

        @Override
        public Optional<ManagedNamespace> tryLockNamespace(String name) {
            return lockedNamespaces.contains(name) ? Optional.empty() : namespace(name);
        }

        @Override
        public void saveNamespace(ManagedNamespace namespace) {
            namespaces.put(namespace.name(), namespace);
        }

        @Override
        public List<ManagedNamespace> namespacesOfTeam(String team, Set<SagaStatus> statuses) {
            return namespaces.values().stream().filter(ns -> team.equals(ns.team()) && statuses.contains(ns.status())).toList();
        }

        @Override
        public void lockTeam(String team) {
        }

        @Override
        public List<ManagedNamespace> namespacesWithStatus(Set<SagaStatus> statuses) {
            return namespaces.values().stream().filter(ns -> statuses.contains(ns.status())).toList();
        }

        @Override
        public long countNamespaces(Set<SagaStatus> statuses) {
            return namespacesWithStatus(statuses).size();
        }

        @Override
        public void markCleanupPending(String requestId, boolean pending) {
            cleanup.put(requestId, pending);
        }

        @Override
        public List<String> cleanupPending(int limit) {
            return cleanup.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                    .filter(id -> sagas.get(id).status() == SagaStatus.FAILED).toList();
        }

        @Override
        public List<String> startedBefore(Set<SagaStatus> statuses, Instant cutoff, int limit) {
            return sagas.values().stream().filter(s -> statuses.contains(s.status()) && s.startedAt().isBefore(cutoff))
                    .sorted(Comparator.comparing(ProvisioningSaga::startedAt)).map(ProvisioningSaga::requestId).toList();
        }

        @Override
        public List<String> idleSince(Set<SagaStatus> statuses, Instant cutoff, int limit) {
            return sagas.values().stream().filter(s -> statuses.contains(s.status()) && s.updatedAt().isBefore(cutoff))
                    .map(ProvisioningSaga::requestId).toList();
        }
    }

    /** A cluster that remembers what was applied and refuses or fails where told. */
    static final class FakeCluster implements Cluster {
        final Map<String, ExistingNamespace> existing = new HashMap<>();
        final Map<String, DesiredObjects> applied = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<String> removed = new ArrayList<>();
        String refuseAt;
        int unavailableTimes;
        boolean keepTerminating;
        ObservedNamespace observed;

        private void transient_(String what) {
            if (unavailableTimes > 0) {
                unavailableTimes--;
                throw new ClusterUnavailableException(what + " failed transiently: HTTP 503 injected", null);
            }
        }

        @Override
        public Optional<ExistingNamespace> findNamespace(String name) {
            return Optional.ofNullable(existing.get(name));
        }

        @Override
        public void applyNamespace(DesiredObjects desired) {
            transient_("writing Namespace");
            existing.put(desired.name(), new ExistingNamespace(desired.name(),
                    desired.namespace().annotations().get("platform.io/request-id")));
            if ("quota".equals(refuseAt)) {
                throw new ClusterRefusedException("quota", "writing ResourceQuota was refused: HTTP 403 forbidden", null);
            }
            calls.add("namespace:" + desired.name());
            applied.put(desired.name(), desired);
        }

        @Override
        public void applyPolicies(DesiredObjects desired) {
            transient_("writing NetworkPolicy");
            if ("policies".equals(refuseAt)) {
                throw new ClusterRefusedException("policies", "writing NetworkPolicy was refused: HTTP 422 invalid", null);
            }
            calls.add("policies:" + desired.name());
        }

        @Override
        public void applyChange(DesiredObjects previous, DesiredObjects next) {
            transient_("patching Namespace");
            if ("update".equals(refuseAt) && next.quota().hard().get("requests.cpu").equals("8")) {
                throw new ClusterRefusedException("quota", "writing ResourceQuota was refused: HTTP 422 invalid", null);
            }
            calls.add("change:" + next.name() + ":" + next.quota().hard().get("requests.cpu"));
            applied.put(next.name(), next);
        }

        @Override
        public void remove(String namespace, String requestId) {
            transient_("removing Namespace");
            removed.add(namespace);
            existing.remove(namespace);
            applied.remove(namespace);
        }

        @Override
        public List<String> deleteNamespace(String namespace) {
            transient_("deleting Namespace");
            calls.add("delete:" + namespace);
            if (keepTerminating) {
                existing.put(namespace, new ExistingNamespace(namespace, null, true));
            } else {
                existing.remove(namespace);
            }
            applied.remove(namespace);
            return List.of("ResourceQuota/platform-quota", "Namespace/" + namespace);
        }

        @Override
        public ObservedNamespace observe(String namespace) {
            return observed;
        }

        @Override
        public void repair(DesiredObjects desired, Drift drift) {
            calls.add("repair:" + drift.kind());
        }
    }

    static final class RecordingPublisher extends EventPublisher {
        final List<List<SpecificRecord>> batches = new ArrayList<>();
        boolean down;

        RecordingPublisher() {
            super(null, Duration.ofSeconds(1));
        }

        @Override
        public void publishAll(List<Outgoing> events) {
            if (down) {
                throw new io.platform.common.kafka.EventPublishException(
                        io.platform.common.kafka.EventPublishException.Reason.BROKER_UNAVAILABLE, "t", "broker down", null);
            }
            batches.add(events.stream().map(Outgoing::event).toList());
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
