package io.platform.gateway.messaging;

import io.platform.common.kafka.EventPublishException;
import io.platform.common.kafka.EventPublisher;
import io.platform.events.namespace.NamespaceDeletionRequested;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceUpdateRequested;
import io.platform.gateway.domain.PublicationFailedException;
import io.platform.gateway.domain.RequestPublisher;
import io.platform.rules.NamespaceChanges;
import io.platform.rules.NamespaceSpecification;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.KafkaException;

/**
 * {@code NamespaceRequested}, {@code NamespaceUpdateRequested} and {@code NamespaceDeletionRequested} on the request
 * topic, keyed by the namespace name, through {@link EventPublisher} (acks=all, bounded wait).
 */
public class KafkaRequestPublisher implements RequestPublisher {

    private final EventPublisher events;
    private final String source;

    public KafkaRequestPublisher(EventPublisher events, String source) {
        this.events = events;
        this.source = source;
    }

    @Override
    public void publishRequested(String requestId, NamespaceSpecification spec, String actor, Instant occurredAt) {
        NamespaceRequested event = NamespaceRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, actor, source, occurredAt))
                .setSpec(EventTranslator.toSpec(spec))
                .build();
        publish(requestId, spec.name(), event);
    }

    @Override
    public void publishUpdateRequested(String requestId, String name, NamespaceChanges changes, String actor,
                                       Instant occurredAt) {
        NamespaceUpdateRequested event = NamespaceUpdateRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, actor, source, occurredAt))
                .setName(name)
                .setTier(changes.tier())
                .setNetworkPolicy(changes.networkPolicy())
                .setFeatures(changes.features() == null ? null : List.copyOf(changes.features()))
                .setDescription(changes.description())
                .setCostCenter(changes.costCenter())
                .build();
        publish(requestId, name, event);
    }

    @Override
    public void publishDeletionRequested(String requestId, String name, String reason, String actor, Instant occurredAt) {
        NamespaceDeletionRequested event = NamespaceDeletionRequested.newBuilder()
                .setEnvelope(EventEnvelopes.create(requestId, actor, source, occurredAt))
                .setName(name)
                .setReason(reason)
                .build();
        publish(requestId, name, event);
    }

    private void publish(String requestId, String name, SpecificRecord event) {
        try {
            events.publish(Topics.NAMESPACE_REQUESTS, name, event);
        } catch (EventPublishException e) {
            throw new PublicationFailedException("request " + requestId + " not published (" + e.reason() + "): "
                    + e.getMessage(), e);
        } catch (KafkaException e) {
            throw new PublicationFailedException("request " + requestId + " not published: " + e.getMessage(), e);
        }
    }
}
