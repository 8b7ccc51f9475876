package io.platform.analytics.messaging;

import io.platform.analytics.domain.CostProjection;
import io.platform.analytics.domain.NamespaceAttributes;
import io.platform.events.Envelope;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.NamespaceUpdated;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Feeds the cost projection from the namespace lifecycle topic. Each event is applied in one database transaction
 * together with its event id (idempotent consumer); the offset is committed afterwards (ack-mode record). Starts
 * only once the catalog replica holds prices, see {@link ProjectionStarter}.
 */
@Component
public class NamespaceCostListener {

    public static final String LISTENER_ID = "analytics-namespace-events";
    public static final String CONSUMER_GROUP = "analytics-service";

    private final CostProjection projection;
    private final TransactionTemplate transaction;

    public NamespaceCostListener(CostProjection projection, PlatformTransactionManager transactionManager) {
        this.projection = projection;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @KafkaListener(id = LISTENER_ID, groupId = CONSUMER_GROUP, idIsGroup = false, autoStartup = "false",
            topics = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.name()}")
    public void onEvent(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord event = record.value();
        if (event instanceof NamespaceReady ready) {
            Envelope envelope = ready.getEnvelope();
            transaction.executeWithoutResult(status -> projection.namespaceReady(envelope.getEventId(),
                    envelope.getOccurredAt(), attributes(ready.getSpec())));
        } else if (event instanceof NamespaceUpdated updated) {
            Envelope envelope = updated.getEnvelope();
            transaction.executeWithoutResult(status -> projection.namespaceUpdated(envelope.getEventId(),
                    envelope.getOccurredAt(), attributes(updated.getSpec())));
        } else if (event instanceof NamespaceDeleted deleted) {
            Envelope envelope = deleted.getEnvelope();
            String namespace = deleted.getName() != null ? deleted.getName() : record.key();
            transaction.executeWithoutResult(status -> projection.namespaceDeleted(envelope.getEventId(),
                    envelope.getOccurredAt(), namespace));
        }
        // every other lifecycle fact does not change what a namespace costs
    }

    static NamespaceAttributes attributes(NamespaceSpec spec) {
        return new NamespaceAttributes(spec.getName(), spec.getTeam(), spec.getEnvironment(), spec.getTier(),
                blankToNull(spec.getCostCenter()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
