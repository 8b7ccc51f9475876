package io.platform.audit.messaging;

import io.platform.audit.domain.AuditTrail;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores every record of every platform topic and of their dead-letter topics. The offset is committed after the row
 * is written (ack-mode record); a redelivered record maps to the same event id and is ignored by the store.
 */
@Component
public class AuditEventListener {

    private final AuditTrail trail;
    private final AuditRecordMapper mapper;

    public AuditEventListener(AuditTrail trail, AuditRecordMapper mapper) {
        this.trail = trail;
        this.mapper = mapper;
    }

    @KafkaListener(id = "audit-events", groupId = AuditTopics.CONSUMER_GROUP, idIsGroup = false,
            topics = "#{T(io.platform.audit.messaging.AuditTopics).eventTopics()}",
            containerFactory = "auditEventListenerContainerFactory")
    public void onEvent(ConsumerRecord<String, Object> record) {
        trail.record(mapper.fromEvent(record));
    }

    @KafkaListener(id = "audit-dead-letters", groupId = AuditTopics.CONSUMER_GROUP, idIsGroup = false,
            topics = "#{T(io.platform.audit.messaging.AuditTopics).deadLetterTopics()}",
            containerFactory = "auditDeadLetterListenerContainerFactory")
    public void onDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        trail.record(mapper.fromDeadLetter(record));
    }
}
