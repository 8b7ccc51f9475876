package io.platform.provisioning.instances.messaging;

import io.platform.events.namespace.NamespaceDeleted;
import io.platform.events.namespace.NamespaceReady;
import io.platform.events.namespace.NamespaceSpec;
import io.platform.events.namespace.NamespaceUpdated;
import io.platform.provisioning.instances.domain.InstanceDeployer;
import io.platform.provisioning.instances.domain.InstanceNamespace;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Namespaces' lifecycle as the instances need it: READY (team, environment, tier), updated, deleted. */
@Component
public class InstanceNamespaceListener {

    private final InstanceDeployer deployer;

    public InstanceNamespaceListener(InstanceDeployer deployer) {
        this.deployer = deployer;
    }

    @KafkaListener(id = "provisioning-instance-namespaces", groupId = "provisioning-service-instances",
            topics = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.name()}")
    public void onEvent(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof NamespaceReady ready) {
            deployer.onNamespaceReady(ready.getEnvelope().getEventId(), namespace(ready.getSpec()), ready.getEnvelope().getOccurredAt());
        } else if (value instanceof NamespaceUpdated updated) {
            deployer.onNamespaceReady(updated.getEnvelope().getEventId(), namespace(updated.getSpec()),
                    updated.getEnvelope().getOccurredAt());
        } else if (value instanceof NamespaceDeleted deleted) {
            deployer.onNamespaceDeleted(deleted.getEnvelope().getEventId(), deleted.getName(), deleted.getTeam(),
                    deleted.getEnvelope().getOccurredAt());
        }
    }

    private static InstanceNamespace namespace(NamespaceSpec spec) {
        return new InstanceNamespace(spec.getName(), spec.getTeam(), spec.getEnvironment(), spec.getTier(), true);
    }
}
