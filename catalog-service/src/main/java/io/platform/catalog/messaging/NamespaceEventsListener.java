package io.platform.catalog.messaging;

import io.platform.catalog.domain.InstanceProjection;
import io.platform.catalog.domain.NamespaceInfo;
import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.NamespaceUpdated;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Which namespaces are READY, their team, environment and tier: what instance requests are checked against. */
@Component
class NamespaceEventsListener {

    private final InstanceProjection projection;

    NamespaceEventsListener(InstanceProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(id = "catalog-namespaces", groupId = "catalog-service-namespaces",
            topics = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.name()}")
    void onEvent(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof NamespaceReady ready) {
            projection.namespaceReady(ready.getEnvelope().getEventId(), info(ready.getSpec()), ready.getEnvelope().getOccurredAt());
        } else if (value instanceof NamespaceUpdated updated) {
            projection.namespaceReady(updated.getEnvelope().getEventId(), info(updated.getSpec()),
                    updated.getEnvelope().getOccurredAt());
        } else if (value instanceof NamespaceDeleted deleted) {
            projection.namespaceDeleted(deleted.getEnvelope().getEventId(), deleted.getName(), deleted.getEnvelope().getOccurredAt());
        }
    }

    private static NamespaceInfo info(NamespaceSpec spec) {
        return new NamespaceInfo(spec.getName(), spec.getTeam(), spec.getEnvironment(), spec.getTier(), true);
    }
}
