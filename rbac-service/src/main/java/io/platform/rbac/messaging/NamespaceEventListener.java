package io.platform.rbac.messaging;

import io.platform.events.namespace.NamespaceDeletionStarted;
import io.platform.events.namespace.NamespaceProvisioned;
import io.platform.events.namespace.NamespaceProvisioningFailed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * provisioning-service's lifecycle facts that concern bindings: {@code NamespaceProvisioned} (bind the team),
 * {@code NamespaceDeletionStarted} (remove everything rbac-service manages in the namespace),
 * {@code NamespaceProvisioningFailed} (remove the team binding of the failed request). Every other event is skipped.
 */
@Component
public class NamespaceEventListener {

    private final TeamBindingHandler bindings;
    private final NamespaceLifecycleHandler lifecycle;

    public NamespaceEventListener(TeamBindingHandler bindings, NamespaceLifecycleHandler lifecycle) {
        this.bindings = bindings;
        this.lifecycle = lifecycle;
    }

    @KafkaListener(id = "rbac-events", groupId = "rbac-service",
            topics = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.name()}",
            // one consumer thread per partition: namespaces of different keys proceed in parallel, each key in order
            concurrency = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.partitions()}")
    public void onEvent(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() instanceof NamespaceProvisioned provisioned) {
            bindings.onNamespaceProvisioned(provisioned);
        } else if (record.value() instanceof NamespaceDeletionStarted started) {
            lifecycle.onDeletionStarted(started);
        } else if (record.value() instanceof NamespaceProvisioningFailed failed) {
            lifecycle.onProvisioningFailed(failed);
        }
    }
}
