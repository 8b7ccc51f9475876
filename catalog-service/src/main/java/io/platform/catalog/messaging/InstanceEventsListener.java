package io.platform.catalog.messaging;

import io.platform.catalog.domain.InstanceProjection;
import io.platform.catalog.domain.InstanceStatus;
import io.platform.catalog.domain.ServiceInstance;
import io.platform.events.Envelope;
import io.platform.events.instances.ServiceInstanceDeleted;
import io.platform.events.instances.ServiceInstanceDeployed;
import io.platform.events.instances.ServiceInstanceFailed;
import io.platform.events.instances.ServiceInstanceRequested;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The service-instances topic: provisioning-service's outcomes give each instance its status; requests this service
 * does not hold yet are recorded (see {@link InstanceProjection#requested}).
 */
@Component
class InstanceEventsListener {

    private final InstanceProjection projection;

    InstanceEventsListener(InstanceProjection projection) {
        this.projection = projection;
    }

    @KafkaListener(id = "catalog-instances", groupId = "catalog-service-instances",
            topics = "#{T(io.platform.schemas.topic.Topics).SERVICE_INSTANCES.name()}")
    void onEvent(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof ServiceInstanceDeployed deployed) {
            Envelope envelope = deployed.getEnvelope();
            projection.deployed(envelope.getEventId(), envelope.getRequestId(), deployed.getObjects(),
                    deployed.getMonthlyCostCents(), envelope.getOccurredAt());
        } else if (value instanceof ServiceInstanceFailed failed) {
            Envelope envelope = failed.getEnvelope();
            projection.failed(envelope.getEventId(), envelope.getRequestId(), failed.getStep(), failed.getReason(),
                    envelope.getOccurredAt());
        } else if (value instanceof ServiceInstanceDeleted deleted) {
            Envelope envelope = deleted.getEnvelope();
            projection.deleted(envelope.getEventId(), deleted.getNamespace(), deleted.getInstanceName(), envelope.getOccurredAt());
        } else if (value instanceof ServiceInstanceRequested requested) {
            Envelope envelope = requested.getEnvelope();
            projection.requested(envelope.getEventId(), new ServiceInstance(envelope.getRequestId(), requested.getNamespace(),
                    requested.getInstanceName(), requested.getTemplate(), requested.getVersion(),
                    requested.getParametersJson(), Map.of(), null, 0, InstanceStatus.PENDING, null, null, null,
                    envelope.getActor(), envelope.getOccurredAt(), envelope.getOccurredAt()));
        }
    }
}
