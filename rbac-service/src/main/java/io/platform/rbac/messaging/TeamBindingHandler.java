package io.platform.rbac.messaging;

import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.outbox.JdbcOutbox;
import io.platform.outbox.OutboxRelay;
import io.platform.rbac.domain.BindingOutcome;
import io.platform.rbac.domain.BindingStore;
import io.platform.rbac.domain.ClusterRefusedException;
import io.platform.rbac.domain.RbacCluster;
import io.platform.rbac.domain.RbacSettings;
import io.platform.rbac.domain.TeamBinding;
import io.platform.schemas.topic.Topics;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Binds a newly provisioned namespace's team. Idempotent consumer keyed on the event id: the RoleBinding is written
 * (create-or-update), then the outcome, the binding and the answer ({@code RbacApplied} / {@code RbacFailed}, in the
 * outbox) are committed in one transaction and the relay publishes the answer. A redelivered event whose outcome is
 * recorded is skipped (its answer is in the outbox already); one that crashed before the commit writes the binding
 * again, which changes nothing.
 */
@Component
public class TeamBindingHandler {

    private static final Logger log = LoggerFactory.getLogger(TeamBindingHandler.class);

    private final BindingStore store;
    private final RbacCluster cluster;
    private final RbacSettings settings;
    private final JdbcOutbox outbox;
    private final OutboxRelay relay;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RbacAnswers answers;

    public TeamBindingHandler(BindingStore store, RbacCluster cluster, RbacSettings settings, JdbcOutbox outbox,
                              OutboxRelay relay, TransactionTemplate transactions, Clock clock,
                              PlatformKafkaProperties kafka) {
        this.store = store;
        this.cluster = cluster;
        this.settings = settings;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
        this.clock = clock;
        this.answers = new RbacAnswers(kafka.source());
    }

    public void onNamespaceProvisioned(NamespaceProvisioned provisioned) {
        Envelope envelope = provisioned.getEnvelope();
        String eventId = envelope.getEventId();
        if (store.findOutcome(eventId).isPresent()) {
            log.info("skipping NamespaceProvisioned {}: already handled, its answer is in the outbox", eventId);
            relay.flush();
            return;
        }
        BindingOutcome outcome = bind(provisioned);
        transactions.executeWithoutResult(status -> {
            if (store.findOutcome(eventId).isEmpty()) {
                store.record(outcome);
                outbox.add(Topics.NAMESPACE_EVENTS.name(), outcome.binding().namespace(), answers.answer(outcome),
                        clock.instant());
            }
        });
        relay.flush();
    }

    private BindingOutcome bind(NamespaceProvisioned provisioned) {
        Envelope envelope = provisioned.getEnvelope();
        String requestId = envelope.getRequestId();
        TeamBinding binding = TeamBinding.forTeam(provisioned.getSpec().getName(), provisioned.getSpec().getTeam(),
                requestId, settings);
        try {
            cluster.applyBinding(binding);
            log.info("bound group {} to ClusterRole {} in namespace {} (request {})", binding.subjectGroup(),
                    binding.clusterRole(), binding.namespace(), requestId);
            return BindingOutcome.applied(envelope.getEventId(), envelope.getActor(), binding, clock.instant());
        } catch (ClusterRefusedException refused) {
            log.warn("cannot bind team {} in namespace {} (request {}): {}", binding.team(), binding.namespace(),
                    requestId, refused.getMessage());
            return BindingOutcome.refused(envelope.getEventId(), envelope.getActor(), binding, refused.getMessage(),
                    clock.instant());
        }
    }
}
