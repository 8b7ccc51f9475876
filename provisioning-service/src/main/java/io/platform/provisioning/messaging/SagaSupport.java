package io.platform.provisioning.messaging;

import io.platform.common.catalog.CatalogReplica;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.outbox.JdbcOutbox;
import io.platform.outbox.OutboxRelay;
import io.platform.provisioning.config.ProvisioningProperties;
import io.platform.provisioning.domain.ClusterRefusedException;
import io.platform.provisioning.domain.DesiredObjects;
import io.platform.provisioning.domain.ManagedNamespace;
import io.platform.provisioning.domain.PolicySettings;
import io.platform.provisioning.domain.ProvisioningSaga;
import io.platform.provisioning.domain.SagaStatus;
import io.platform.provisioning.domain.SagaSteps;
import io.platform.provisioning.domain.SagaStore;
import io.platform.provisioning.domain.TeamLimits;
import io.platform.provisioning.metrics.SagaMetrics;
import io.platform.rules.NamespaceRequestValidator;
import io.platform.rules.NamespaceSpecification;
import io.platform.rules.Violation;
import io.platform.rules.catalog.FeatureInfo;
import io.platform.rules.catalog.TierInfo;
import io.platform.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every saga handler shares: the store and its transactions, the catalog replica, the outbox and its relay,
 * events, metrics, limits, the clock and the crash checkpoints.
 */
@Component
public class SagaSupport {

    private static final Pattern DNS_LABEL = Pattern.compile(NamespaceSpecification.Patterns.DNS_LABEL);

    final SagaStore store;
    final TransactionTemplate transactions;
    final CatalogReplica catalog;
    final NamespaceRequestValidator validator;
    final PolicySettings settings;
    final TeamLimits limits;
    final JdbcOutbox outbox;
    final OutboxRelay relay;
    final SagaMetrics metrics;
    final ClusterRetry retry;
    final SagaCheckpoints checkpoints;
    final Clock clock;
    final Duration catalogWait;
    final Duration deadline;
    final SagaEvents events;

    public SagaSupport(SagaStore store, TransactionTemplate transactions, CatalogReplica catalog,
                       NamespaceRequestValidator validator, PolicySettings settings, TeamLimits limits,
                       JdbcOutbox outbox, OutboxRelay relay, SagaMetrics metrics, ClusterRetry retry,
                       ObjectProvider<SagaCheckpoints> checkpoints, Clock clock, ProvisioningProperties properties,
                       PlatformKafkaProperties kafka) {
        this.store = store;
        this.transactions = transactions;
        this.catalog = catalog;
        this.validator = validator;
        this.settings = settings;
        this.limits = limits;
        this.outbox = outbox;
        this.relay = relay;
        this.metrics = metrics;
        this.retry = retry;
        this.checkpoints = checkpoints.getIfAvailable(() -> SagaCheckpoints.NONE);
        this.clock = clock;
        this.catalogWait = properties.catalogWait();
        this.deadline = properties.deadline();
        this.events = new SagaEvents(kafka.source());
    }

    Instant now() {
        return clock.instant();
    }

    /** Queues events in the outbox, inside the caller's transaction. */
    void emit(String key, SpecificRecord... toPublish) {
        Instant now = now();
        for (SpecificRecord event : toPublish) {
            outbox.add(Topics.NAMESPACE_EVENTS.name(), key, event, now);
        }
    }

    /** After a commit: the crash checkpoint, then the outbox's events go out. */
    void committed(ProvisioningSaga saga) {
        checkpoints.afterCommit(saga);
        relay.flush();
    }

    /** The events that announce a saga's current (terminal or waiting) state. */
    void announce(ProvisioningSaga saga) {
        switch (saga.status()) {
            case REJECTED -> emit(saga.name(), events.rejected(saga));
            case FAILED -> emit(saga.name(), events.failed(saga));
            default -> {
            }
        }
    }

    /** Right after start-up the catalog replica may still be reading the catalog topic. */
    void awaitCatalog() {
        long until = System.nanoTime() + catalogWait.toNanos();
        while (!catalog.isLoaded()) {
            if (System.nanoTime() > until) {
                throw new CatalogUnavailableException("the catalog replica holds no tier after " + catalogWait);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /** A namespace name as the request topic's day-2 requests give it. */
    static List<Violation> nameViolations(String name) {
        if (name == null || name.isBlank()) {
            return List.of(new Violation("name", "required", "is required"));
        }
        if (name.length() > 63 || !DNS_LABEL.matcher(name).matches()) {
            return List.of(new Violation("name", "pattern", NamespaceSpecification.Patterns.DNS_LABEL_MESSAGE));
        }
        return List.of();
    }

    /** The catalog's definitions a spec needs now; a tier or feature gone from it fails the step. */
    Resolved resolve(NamespaceSpecification spec, String requestId, String actor, String step) {
        TierInfo tier = catalog.tier(spec.tier()).orElseThrow(() -> new ClusterRefusedException(step,
                "tier '" + spec.tier() + "' is no longer defined in the catalog", null));
        List<FeatureInfo> features = new ArrayList<>();
        for (String name : spec.features() == null ? List.<String>of() : spec.features()) {
            features.add(catalog.feature(name).orElseThrow(() -> new ClusterRefusedException(SagaSteps.FEATURES,
                    "feature '" + name + "' is no longer defined in the catalog", null)));
        }
        return new Resolved(tier, features, DesiredObjects.of(spec, tier, features, settings, requestId, actor));
    }

    /** Team limits of a request: the team's other live namespaces plus the requested tier. */
    List<Violation> teamLimitViolations(String team, String name, TierInfo requested, boolean newNamespace) {
        List<TierInfo> others = new ArrayList<>();
        int count = 0;
        for (ManagedNamespace other : store.namespacesOfTeam(team, SagaStatus.live())) {
            if (other.name().equals(name)) {
                continue;
            }
            count++;
            Optional<TierInfo> tier = Optional.ofNullable(other.tier())
                    .or(() -> other.spec() == null ? Optional.empty() : catalog.tier(other.spec().tier()));
            tier.ifPresent(others::add);
        }
        return limits.check(team, count, others, requested, newNamespace);
    }

    /** A spec with its catalog definitions and what they yield in Kubernetes. */
    record Resolved(TierInfo tier, List<FeatureInfo> features, DesiredObjects desired) {
    }
}
