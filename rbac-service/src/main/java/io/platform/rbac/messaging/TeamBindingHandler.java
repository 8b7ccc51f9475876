package io.platform.rbac.messaging;

import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.rbac.domain.BindingOutcome;
import io.platform.rbac.domain.BindingStore;
import io.platform.rbac.domain.ClusterRefusedException;
import io.platform.rbac.domain.RbacCluster;
import io.platform.rbac.domain.RbacSettings;
import io.platform.rbac.domain.TeamBinding;
import io.platform.schemas.topic.Topics;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Binds a newly provisioned namespace's team. Idempotent consumer keyed on the event id: the outcome is recorded
 * (with the binding) before the answer is published and marked published after the broker's acknowledgement, so a
 * redelivered event is either skipped (answered already) or only answered again (answer lost in a crash) — the
 * RoleBinding is never written twice for one event, and the answer always has the same derived id.
 */
@Component
public class TeamBindingHandler {

    private static final Logger log = LoggerFactory.getLogger(TeamBindingHandler.class);

    private final BindingStore store;
    private final RbacCluster cluster;
    private final RbacSettings settings;
    private final EventPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final RbacAnswers answers;

    public TeamBindingHandler(BindingStore store, RbacCluster cluster, RbacSettings settings, EventPublisher publisher,
                              TransactionTemplate transactions, Clock clock, PlatformKafkaProperties kafka) {
        this.store = store;
        this.cluster = cluster;
        this.settings = settings;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
        this.answers = new RbacAnswers(kafka.source());
    }

    public void onNamespaceProvisioned(NamespaceProvisioned provisioned) {
        Envelope envelope = provisioned.getEnvelope();
        String eventId = envelope.getEventId();
        Optional<BindingOutcome> handled = store.findOutcome(eventId);
        if (handled.isPresent() && handled.get().published()) {
            log.info("skipping NamespaceProvisioned {}: already handled and answered", eventId);
            return;
        }
        BindingOutcome outcome = handled.orElseGet(() -> bind(provisioned));
        answer(outcome);
    }

    private BindingOutcome bind(NamespaceProvisioned provisioned) {
        Envelope envelope = provisioned.getEnvelope();
        String requestId = envelope.getRequestId();
        TeamBinding binding = TeamBinding.forTeam(provisioned.getSpec().getName(), provisioned.getSpec().getTeam(),
                requestId, settings);
        BindingOutcome outcome;
        try {
            cluster.applyBinding(binding);
            outcome = BindingOutcome.applied(envelope.getEventId(), envelope.getActor(), binding, clock.instant());
            log.info("bound group {} to ClusterRole {} in namespace {} (request {})", binding.subjectGroup(),
                    binding.clusterRole(), binding.namespace(), requestId);
        } catch (ClusterRefusedException refused) {
            log.warn("cannot bind team {} in namespace {} (request {}): {}", binding.team(), binding.namespace(),
                    requestId, refused.getMessage());
            outcome = BindingOutcome.refused(envelope.getEventId(), envelope.getActor(), binding, refused.getMessage(),
                    clock.instant());
        }
        BindingOutcome decided = outcome;
        transactions.executeWithoutResult(status -> store.record(decided));
        return decided;
    }

    private void answer(BindingOutcome outcome) {
        publisher.publish(Topics.NAMESPACE_EVENTS, outcome.binding().namespace(), answers.answer(outcome));
        store.markPublished(outcome.eventId());
    }
}
