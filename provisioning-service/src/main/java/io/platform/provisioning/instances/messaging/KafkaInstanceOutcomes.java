package io.platform.provisioning.instances.messaging;

import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.events.instances.ServiceInstanceDeleted;
import io.platform.events.instances.ServiceInstanceDeployed;
import io.platform.events.instances.ServiceInstanceFailed;
import io.platform.provisioning.instances.domain.InstanceOutcomes;
import io.platform.provisioning.instances.domain.InstanceRecord;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import org.springframework.stereotype.Component;

/**
 * Outcomes on {@code platform.service-instances.v1}, keyed by namespace. Event ids derive from the request id and
 * the step, the time is the recorded transition: a republished outcome is the identical event.
 */
@Component
public class KafkaInstanceOutcomes implements InstanceOutcomes {

    private final EventPublisher publisher;
    private final String source;

    public KafkaInstanceOutcomes(EventPublisher publisher, PlatformKafkaProperties kafka) {
        this.publisher = publisher;
        this.source = kafka.source();
    }

    @Override
    public void deployed(InstanceRecord instance) {
        publisher.publish(Topics.SERVICE_INSTANCES, instance.namespace(), ServiceInstanceDeployed.newBuilder()
                .setEnvelope(EventEnvelopes.derived(instance.requestId(), "deployed", instance.actor(), source, instance.updatedAt()))
                .setNamespace(instance.namespace())
                .setInstanceName(instance.instanceName())
                .setTemplate(instance.template())
                .setVersion(instance.version())
                .setObjects(instance.objectRefs())
                .setMonthlyCostCents(instance.monthlyCostCents())
                .build());
    }

    @Override
    public void failed(InstanceRecord instance, String requestId) {
        publisher.publish(Topics.SERVICE_INSTANCES, instance.namespace(), ServiceInstanceFailed.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, "failed", instance.actor(), source, instance.updatedAt()))
                .setNamespace(instance.namespace())
                .setInstanceName(instance.instanceName())
                .setTemplate(instance.template())
                .setVersion(instance.version())
                .setStep(instance.failureStep())
                .setReason(instance.failureReason())
                .build());
    }

    @Override
    public void deleted(InstanceRecord instance, String requestId, String step) {
        publisher.publish(Topics.SERVICE_INSTANCES, instance.namespace(), ServiceInstanceDeleted.newBuilder()
                .setEnvelope(EventEnvelopes.derived(requestId, step, instance.actor(), source, instance.updatedAt()))
                .setNamespace(instance.namespace())
                .setInstanceName(instance.instanceName())
                .build());
    }
}
