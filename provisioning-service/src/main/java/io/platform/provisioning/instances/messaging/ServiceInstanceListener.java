package io.platform.provisioning.instances.messaging;

import io.platform.events.Envelope;
import io.platform.events.instances.ServiceInstanceDeletionRequested;
import io.platform.events.instances.ServiceInstanceRequested;
import io.platform.provisioning.instances.domain.InstanceDeployer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Requests on the service-instances topic, whoever published them. Outcomes (this service's own) are skipped. Key =
 * namespace, so one namespace's requests are handled in order.
 */
@Component
public class ServiceInstanceListener {

    private final InstanceDeployer deployer;

    public ServiceInstanceListener(InstanceDeployer deployer) {
        this.deployer = deployer;
    }

    @KafkaListener(id = "provisioning-instances", groupId = "provisioning-service-instances",
            topics = "#{T(io.platform.schemas.topic.Topics).SERVICE_INSTANCES.name()}")
    public void onEvent(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() instanceof ServiceInstanceRequested requested) {
            Envelope envelope = requested.getEnvelope();
            String requestId = envelope.getRequestId() == null || envelope.getRequestId().isBlank()
                    ? envelope.getEventId() : envelope.getRequestId();
            deployer.onRequested(new InstanceDeployer.Requested(envelope.getEventId(), requestId, requested.getNamespace(),
                    requested.getInstanceName(), requested.getTemplate(), requested.getVersion(), requested.getParametersJson(),
                    envelope.getActor(), envelope.getOccurredAt()));
        } else if (record.value() instanceof ServiceInstanceDeletionRequested deletion) {
            Envelope envelope = deletion.getEnvelope();
            String requestId = envelope.getRequestId() == null || envelope.getRequestId().isBlank()
                    ? envelope.getEventId() : envelope.getRequestId();
            deployer.onDeletionRequested(envelope.getEventId(), requestId, deletion.getNamespace(), deletion.getInstanceName(),
                    envelope.getActor());
        }
    }
}
