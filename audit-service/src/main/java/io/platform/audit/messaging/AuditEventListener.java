package io.platform.audit.messaging;

import io.platform.audit.domain.AuditEvent;
import io.platform.audit.domain.AuditTrail;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores every record of every platform topic and of their dead-letter topics. Each poll is one database transaction
 * (new rows appended to their partition's hash chain); the offsets are committed after it (ack mode BATCH). A
 * redelivered record maps to the same event id and is skipped, so each event is stored exactly once.
 *
 * <p>A record that cannot be mapped (a poison pill, a value that is no Avro record) stops the batch: the records
 * before it are stored and committed, it is handed to the error handler (dead letter topic, or logged for a dead
 * letter), and the rest is delivered again.
 */
@Component
public class AuditEventListener {

    private static final LogAccessor LOG = new LogAccessor(AuditEventListener.class);

    private final AuditTrail trail;
    private final AuditRecordMapper mapper;
    private final TransactionTemplate transaction;

    public AuditEventListener(AuditTrail trail, AuditRecordMapper mapper, PlatformTransactionManager transactionManager) {
        this.trail = trail;
        this.mapper = mapper;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @KafkaListener(id = "audit-events", groupId = "${audit.kafka.group-id:audit-service}", idIsGroup = false,
            topics = "#{T(io.platform.audit.messaging.AuditTopics).eventTopics()}",
            containerFactory = "auditEventListenerContainerFactory", batch = "true")
    public void onEvents(List<ConsumerRecord<String, Object>> records) {
        store(records, record -> {
            DeserializationException poisonPill = record.value() == null
                    ? SerializationUtils.getExceptionFromHeader(record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG)
                    : null;
            if (poisonPill != null) {
                throw poisonPill;
            }
            return mapper.fromEvent(record);
        });
    }

    @KafkaListener(id = "audit-dead-letters", groupId = "${audit.kafka.group-id:audit-service}", idIsGroup = false,
            topics = "#{T(io.platform.audit.messaging.AuditTopics).deadLetterTopics()}",
            containerFactory = "auditDeadLetterListenerContainerFactory", batch = "true")
    public void onDeadLetters(List<ConsumerRecord<byte[], byte[]>> records) {
        store(records, mapper::fromDeadLetter);
    }

    private <R extends ConsumerRecord<?, ?>> void store(List<R> records, Function<R, AuditEvent> map) {
        List<AuditEvent> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            R record = records.get(i);
            AuditEvent event;
            try {
                event = map.apply(record);
            } catch (RuntimeException e) {
                write(events);
                throw new BatchListenerFailedException("cannot audit " + record.topic() + "-" + record.partition() + "@"
                        + record.offset(), e, i);
            }
            events.add(event);
        }
        write(events);
    }

    private void write(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            transaction.executeWithoutResult(status -> trail.recordAll(events));
        } catch (RuntimeException e) {
            throw new AuditStoreUnavailable(e);
        }
    }

    /** The database refused or failed a batch: retried (with the whole batch) until it works. */
    public static class AuditStoreUnavailable extends RuntimeException {
        AuditStoreUnavailable(Throwable cause) {
            super("cannot store the batch, it will be retried: " + cause.getMessage(), cause);
        }
    }
}
