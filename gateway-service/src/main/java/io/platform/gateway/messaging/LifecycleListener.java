package io.platform.gateway.messaging;

import io.platform.gateway.domain.LifecycleFact;
import io.platform.gateway.domain.StatusProjector;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Keeps the read model current from the request topic (requests, including those other systems publish directly) and
 * the events topic (what became of them). One consumer for both topics, so facts are applied one at a time; offsets
 * are committed after each record was applied (ack mode record), failures go through the platform's error handler.
 */
public class LifecycleListener {

    private static final Logger log = LoggerFactory.getLogger(LifecycleListener.class);

    private final StatusProjector projector;

    public LifecycleListener(StatusProjector projector) {
        this.projector = projector;
    }

    @KafkaListener(id = "gateway-status-projection", groupId = "${spring.application.name}",
            topics = {"#{T(io.platform.schemas.topic.Topics).NAMESPACE_REQUESTS.name()}",
                    "#{T(io.platform.schemas.topic.Topics).NAMESPACE_EVENTS.name()}"})
    public void onEvent(ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof SpecificRecord event)) {
            // a tombstone, or an event type newer than this build's schemas (read as a generic record): not projected
            log.debug("not projected: {} on {}", record.value() == null ? "null" : record.value().getClass().getSimpleName(),
                    record.topic());
            return;
        }
        Optional<LifecycleFact> fact = EventTranslator.toFact(event);
        if (fact.isEmpty()) {
            log.debug("not projected: {} on {}", event.getSchema().getName(), record.topic());
            return;
        }
        boolean applied = projector.apply(fact.get());
        log.debug("{} {} of request {} for {}", applied ? "applied" : "already applied", event.getSchema().getName(),
                fact.get().requestId(), fact.get().name());
    }
}
