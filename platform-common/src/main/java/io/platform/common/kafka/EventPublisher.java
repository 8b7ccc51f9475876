package io.platform.common.kafka;

import io.platform.events.Envelope;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes platform events: checks the event type belongs to the topic (the typed catalog), sets the CloudEvents
 * headers from the envelope and waits for the broker's acknowledgement (acks=all) within a bounded time.
 */
public class EventPublisher {

    private final KafkaTemplate<String, SpecificRecord> template;
    private final Duration timeout;

    public EventPublisher(KafkaTemplate<String, SpecificRecord> template, Duration timeout) {
        this.template = template;
        this.timeout = timeout;
    }

    /** An event to publish, with its topic and key. */
    public record Outgoing(TopicSpec<? extends SpecificRecord> topic, String key, SpecificRecord event) {
    }

    /** Publishes one event and returns once the broker acknowledged it. */
    public void publish(TopicSpec<? extends SpecificRecord> topic, String key, SpecificRecord event) {
        publishAll(List.of(new Outgoing(topic, key, event)));
    }

    /**
     * Publishes several events atomically when the template is transactional (all or none become visible to
     * read-committed consumers), otherwise one after the other; returns once all are acknowledged.
     */
    public void publishAll(List<Outgoing> events) {
        if (events.isEmpty()) {
            return;
        }
        if (template.isTransactional() && !template.inTransaction()) {
            try {
                template.executeInTransaction(operations -> {
                    List<CompletableFuture<SendResult<String, SpecificRecord>>> sent = events.stream().map(this::send).toList();
                    awaitAll(sent, events);
                    return null;
                });
            } catch (EventPublishException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EventPublishException(EventPublishException.Reason.REFUSED, events.get(0).topic().name(),
                        "transaction failed: " + e.getMessage(), e);
            }
            return;
        }
        awaitAll(events.stream().map(this::send).toList(), events);
    }

    private void awaitAll(List<CompletableFuture<SendResult<String, SpecificRecord>>> sent, List<Outgoing> events) {
        for (int i = 0; i < sent.size(); i++) {
            await(sent.get(i), events.get(i).topic().name());
        }
    }

    private CompletableFuture<SendResult<String, SpecificRecord>> send(Outgoing outgoing) {
        SpecificRecord event = outgoing.event();
        if (!outgoing.topic().carries(event.getClass())) {
            throw new IllegalArgumentException(event.getClass().getSimpleName() + " does not belong on " + outgoing.topic().name());
        }
        Envelope envelope = EventEnvelopes.of(event);
        ProducerRecord<String, SpecificRecord> record = new ProducerRecord<>(outgoing.topic().name(), outgoing.key(), event);
        CloudEventHeaders.write(record.headers(), event, envelope, outgoing.key());
        try {
            return template.send(record);
        } catch (SerializationException e) {
            throw new EventPublishException(EventPublishException.Reason.SCHEMA_NOT_REGISTERED, outgoing.topic().name(),
                    "cannot serialize " + event.getSchema().getFullName() + ": " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new EventPublishException(EventPublishException.Reason.BROKER_UNAVAILABLE, outgoing.topic().name(),
                    "broker metadata unavailable for " + outgoing.topic().name(), e);
        } catch (KafkaException e) {
            // the template wraps what the producer throws synchronously (e.g. no metadata within max.block.ms)
            EventPublishException.Reason reason = e.getCause() instanceof TimeoutException
                    ? EventPublishException.Reason.BROKER_UNAVAILABLE
                    : e.getCause() instanceof SerializationException ? EventPublishException.Reason.SCHEMA_NOT_REGISTERED
                    : EventPublishException.Reason.REFUSED;
            throw new EventPublishException(reason, outgoing.topic().name(), "publish to " + outgoing.topic().name()
                    + " failed: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        } catch (RuntimeException e) {
            // the registry client's own failures (unreachable, or an unreadable answer) surface from the serializer
            // unwrapped: the event was not sent, a retry may succeed
            throw new EventPublishException(EventPublishException.Reason.REGISTRY_UNAVAILABLE, outgoing.topic().name(),
                    "schema lookup for " + event.getSchema().getFullName() + " failed: " + e.getMessage(), e);
        }
    }

    private SendResult<String, SpecificRecord> await(CompletableFuture<SendResult<String, SpecificRecord>> future, String topic) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(false);
            throw new EventPublishException(EventPublishException.Reason.TIMEOUT, topic,
                    "broker did not acknowledge within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            EventPublishException.Reason reason = cause instanceof TimeoutException
                    ? EventPublishException.Reason.BROKER_UNAVAILABLE : EventPublishException.Reason.REFUSED;
            throw new EventPublishException(reason, topic, "publish to " + topic + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException(EventPublishException.Reason.TIMEOUT, topic, "interrupted", e);
        }
    }
}
