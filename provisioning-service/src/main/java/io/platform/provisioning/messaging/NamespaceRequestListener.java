package io.platform.provisioning.messaging;

import io.platform.common.kafka.PermanentEventFailure;
import io.platform.events.namespace.NamespaceDeletionRequested;
import io.platform.events.namespace.NamespaceRequested;
import io.platform.events.namespace.NamespaceUpdateRequested;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every request on the request topic, whoever published it. */
@Component
public class NamespaceRequestListener {

    private static final Logger log = LoggerFactory.getLogger(NamespaceRequestListener.class);

    private final ProvisioningSagaHandler saga;
    private final NamespaceChangeHandler changes;

    public NamespaceRequestListener(ProvisioningSagaHandler saga, NamespaceChangeHandler changes) {
        this.saga = saga;
        this.changes = changes;
    }

    @KafkaListener(id = "provisioning-requests", groupId = "provisioning-service",
            topics = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_REQUESTS.name()}",
            // one consumer thread per partition: namespaces of different keys proceed in parallel, each key in order
            concurrency = "#{T(io.platform.schemas.topic.Topics).NAMESPACE_REQUESTS.partitions()}")
    public void onRequest(ConsumerRecord<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value instanceof NamespaceRequested requested) {
            saga.onNamespaceRequested(requested);
        } else if (value instanceof NamespaceUpdateRequested update) {
            changes.onUpdateRequested(update);
        } else if (value instanceof NamespaceDeletionRequested deletion) {
            changes.onDeletionRequested(deletion);
        } else if (value == null) {
            log.warn("ignoring a tombstone on {} with key {}", record.topic(), record.key());
        } else {
            throw new PermanentEventFailure("unexpected-type",
                    value.getSchema().getFullName() + " does not belong on " + record.topic());
        }
    }
}
