package io.platform.common.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.platform.events.catalog.FeatureDefined;
import io.platform.schemas.EventEnvelopes;
import io.platform.schemas.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;

class EventPublisherTest {

    private static final FeatureDefined EVENT = FeatureDefined.newBuilder()
            .setEnvelope(EventEnvelopes.create("r-1", "catalog-admin", "catalog-service", Instant.parse("2026-12-01T10:00:00Z")))
            .setName("monitoring").setDescription("Prometheus scraping").setLabels(Map.of()).setAnnotations(Map.of())
            .build();

    @SuppressWarnings("unchecked")
    private static KafkaTemplate<String, SpecificRecord> templateThrowing(RuntimeException failure) {
        KafkaTemplate<String, SpecificRecord> template = mock(KafkaTemplate.class);
        when(template.send(any(ProducerRecord.class))).thenThrow(failure);
        return template;
    }

    @Test
    void reportsMissingMetadataThatTheTemplateThrowsAtOnceAsBrokerUnavailable() {
        // the broker is down: the producer gives up waiting for metadata and the template wraps that
        EventPublisher publisher = new EventPublisher(templateThrowing(new KafkaException("Send failed",
                new TimeoutException("Topic platform.catalog.v1 not present in metadata after 1500 ms."))), Duration.ofSeconds(3));

        assertThatThrownBy(() -> publisher.publish(Topics.CATALOG, "feature:monitoring", EVENT))
                .isInstanceOfSatisfying(EventPublishException.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(EventPublishException.Reason.BROKER_UNAVAILABLE));
    }

    @Test
    void reportsAnyOtherImmediateSendFailureAsRefused() {
        EventPublisher publisher = new EventPublisher(templateThrowing(new KafkaException("Send failed",
                new IllegalStateException("producer closed"))), Duration.ofSeconds(3));

        assertThatThrownBy(() -> publisher.publish(Topics.CATALOG, "feature:monitoring", EVENT))
                .isInstanceOfSatisfying(EventPublishException.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(EventPublishException.Reason.REFUSED));
    }

    @Test
    void reportsAFailingSchemaLookupAsRegistryUnavailable() {
        // the registry client fails inside the serializer with its own unchecked exception (seen with an unreadable
        // answer under concurrent first lookups): the event was not sent, so the caller can answer 503
        EventPublisher publisher = new EventPublisher(templateThrowing(new java.io.UncheckedIOException(
                new java.io.IOException("multiple points"))), Duration.ofSeconds(3));

        assertThatThrownBy(() -> publisher.publish(Topics.CATALOG, "feature:monitoring", EVENT))
                .isInstanceOfSatisfying(EventPublishException.class, e ->
                        org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(EventPublishException.Reason.REGISTRY_UNAVAILABLE));
    }
}
