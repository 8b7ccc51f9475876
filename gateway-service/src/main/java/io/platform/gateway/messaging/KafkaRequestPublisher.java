package io.platform.gateway.messaging;

import io.platform.common.kafka.EventPublishException;
import io.platform.common.kafka.EventPublisher;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.gateway.domain.PublicationFailedException;
import io.platform.gateway.domain.RequestPublisher;
import io.platform.rules.NamespaceSpecification;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import java.time.Instant;

/** {@code NamespaceRequested} on the request topic, keyed by the namespace name, through {@link EventPublisher}. */
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
        try {
            events.publish(Topics.NAMESPACE_REQUESTS, spec.name(), event);
        } catch (EventPublishException e) {
            throw new PublicationFailedException("request " + requestId + " not published (" + e.reason() + "): "
                    + e.getMessage(), e);
        }
    }
}
