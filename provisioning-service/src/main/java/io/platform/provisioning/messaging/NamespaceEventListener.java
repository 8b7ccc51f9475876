package io.platform.provisioning.messaging;

import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** rbac-service's answers on the events topic; every other event there is someone else's (or our own) and skipped. */
@Component
public class NamespaceEventListener {

    private final ProvisioningSagaHandler saga;

    public NamespaceEventListener(ProvisioningSagaHandler saga) {
        this.saga = saga;
    }

    @KafkaListener(id = "provisioning-events", groupId = "provisioning-service",
            topics = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.name()}")
    public void onEvent(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() instanceof RbacApplied applied) {
            saga.onRbacApplied(applied);
        } else if (record.value() instanceof RbacFailed failed) {
            saga.onRbacFailed(failed);
        }
    }
}
