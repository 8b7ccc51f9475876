package io.platform.catalog.messaging;

import io.platform.catalog.domain.InstanceEvents;
import io.platform.catalog.domain.ServiceInstance;
import io.platform.common.kafka.EventPublisher;
import io.platform.common.kafka.PlatformKafkaProperties;
import io.platform.events.instances.ServiceInstanceDeletionRequested;
import io.platform.events.instances.ServiceInstanceRequested;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Instance requests on {@code platform.service-instances.v1}, keyed by namespace (so one namespace's requests and
 * outcomes stay in order). Event ids derive from the request id: a retried publish repeats the same fact.
 */
@Component
class KafkaInstanceEvents implements InstanceEvents {

    private final EventPublisher publisher;
    private final String source;

    KafkaInstanceEvents(EventPublisher publisher, PlatformKafkaProperties kafka) {
        this.publisher = publisher;
        this.source = kafka.source();
    }

    @Override
    public void requested(ServiceInstance instance, Instant at) {
        publisher.publish(Topics.SERVICE_INSTANCES, instance.namespace(), ServiceInstanceRequested.newBuilder()
                .setEnvelope(EventEnvelopes.derived(instance.requestId(), "requested", instance.requestedBy(), source, at))
                .setNamespace(instance.namespace())
                .setInstanceName(instance.instanceName())
                .setTemplate(instance.template())
                .setVersion(instance.version())
                .setParametersJson(instance.parameters())
                .build());
    }

    @Override
    public void deletionRequested(ServiceInstance instance, String deletionRequestId, String actor, Instant at) {
        publisher.publish(Topics.SERVICE_INSTANCES, instance.namespace(), ServiceInstanceDeletionRequested.newBuilder()
                .setEnvelope(EventEnvelopes.derived(deletionRequestId, "deletion-requested", actor, source, at))
                .setNamespace(instance.namespace())
                .setInstanceName(instance.instanceName())
                .build());
    }
}
