package io.platform.rbac.messaging;

import io.platform.events.namespace.NamespaceProvisioned;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** {@code NamespaceProvisioned} on the events topic; every other event there is skipped. */
@Component
public class NamespaceEventListener {

    private final TeamBindingHandler handler;

    public NamespaceEventListener(TeamBindingHandler handler) {
        this.handler = handler;
    }

    @KafkaListener(id = "rbac-events", groupId = "rbac-service",
            topics = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.name()}")
    public void onEvent(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() instanceof NamespaceProvisioned provisioned) {
            handler.onNamespaceProvisioned(provisioned);
        }
    }
}
