package io.platform.provisioning.messaging;

import io.platform.events.namespace.RbacApplied;
import io.platform.events.namespace.RbacFailed;
import io.platform.events.namespace.RbacRemoved;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * rbac-service's answers on the events topic ({@code RbacApplied}, {@code RbacFailed}, {@code RbacRemoved}); every
 * other event there is someone else's (or our own) and skipped. An answer is routed by its request id: a create
 * request's saga or a deletion's.
 */
@Component
public class NamespaceEventListener {

    private final ProvisioningSagaHandler saga;
    private final NamespaceChangeHandler changes;

    public NamespaceEventListener(ProvisioningSagaHandler saga, NamespaceChangeHandler changes) {
        this.saga = saga;
        this.changes = changes;
    }

    @KafkaListener(id = "provisioning-events", groupId = "provisioning-service",
            topics = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.name()}",
            // one consumer thread per partition: namespaces of different keys proceed in parallel, each key in order
            concurrency = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.partitions()}")
    public void onEvent(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() instanceof RbacApplied applied) {
            saga.onRbacApplied(applied);
        } else if (record.value() instanceof RbacFailed failed) {
            saga.onRbacFailed(failed);
            changes.onRbacFailed(failed);
        } else if (record.value() instanceof RbacRemoved removed) {
            changes.onRbacRemoved(removed);
        }
    }
}
